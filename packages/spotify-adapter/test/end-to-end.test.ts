import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseCatalogCsv, recommend } from '@moodtunes/mood-recommender';
import { buildCatalog, clientCredentials, combineFeatureSources, createSpotifyAdapter, localFeatureSource } from '../src';
import { DATA_MOODS } from './support/data';
import { FAST_RETRY, PLAYLISTS, adapterFor, useWorld } from './support/world';

const server = useWorld();

it('catalog build -> recommend() -> playlist creation, with faults on the way', async () => {
  // Features come from the Kaggle dump as mood-recommender imports it; Spotify's endpoint 403s.
  const dataset = parseCatalogCsv(readFileSync(DATA_MOODS, 'utf8'), { source: 'data_moods.csv' });
  const spotify = createSpotifyAdapter({
    auth: clientCredentials({
      clientId: server.options.clientId,
      clientSecret: server.options.clientSecret,
      accountsBaseUrl: server.url,
    }),
    apiBaseUrl: server.apiBaseUrl,
    retry: FAST_RETRY,
  });
  const unavailable: string[] = [];
  const features = combineFeatureSources([spotify.audioFeatures(), localFeatureSource(dataset.catalog, 'data_moods.csv')], {
    onUnavailable: (name) => unavailable.push(name),
  });

  server.failNext(/\/items$/, { status: 500 }, { method: 'GET', query: { offset: '100' } });
  server.failNext(/\/items$/, { status: 429, headers: { 'retry-after': '1' } }, { method: 'GET', query: { offset: '200' } });
  const built = await buildCatalog(spotify.playlist(PLAYLISTS.moods), { features });
  expect(unavailable).toEqual(['spotify:audio-features']);
  expect(server.hits(/^\/v1\/audio-features$/)).toHaveLength(1); // asked once, then left out
  expect(built.catalog.tracks).toHaveLength(246);
  expect(built.missingFeatures).toEqual([]);
  expect(built.skipped.map((s) => s.reason)).toEqual(['local-file', 'not-a-track', 'unavailable', 'duplicate']);

  const result = recommend('sad', built.catalog, { n: 25, mode: 'uplift', strategy: 'knn' });
  expect(result.items).toHaveLength(25);

  // Client credentials cannot write playlists: the user's PKCE token does (caller-supplied here).
  const userSpotify = adapterFor(server);
  const written = await userSpotify.writePlaylist(result, {
    name: 'moodtunes: sad -> uplift',
    description: 'Recommended from your Moods playlist',
  });
  const sent = server.created.get(written.playlist.id);
  expect(sent).toMatchObject({ name: 'moodtunes: sad -> uplift', description: 'Recommended from your Moods playlist', public: false });
  expect(sent?.uris).toEqual(result.items.map((item) => item.track.spotifyUri));
  const faults = server.hits(/\/items$/).map((r) => r.fault);
  expect(faults).toEqual([undefined, 500, undefined, 429, undefined]);
});
