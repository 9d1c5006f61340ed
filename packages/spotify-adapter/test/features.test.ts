import { describe, expect, it } from 'vitest';
import type { Track } from '@moodtunes/mood-recommender';
import {
  AudioFeaturesUnavailableError,
  SpotifyAbortError,
  attachFeatures,
  buildCatalog,
  combineFeatureSources,
  localFeatureSource,
  providerFeatureSource,
  type Progress,
} from '../src';
import { moodFeatureMap } from './support/data';
import { PLAYLISTS, adapterFor, startWorld, useWorld, worldRows } from './support/world';

const rows = worldRows();
const featureMap = moodFeatureMap(rows);

const server = useWorld();

const adapter = (target = server) => adapterFor(target);

describe('Spotify /audio-features', () => {
  it('recognises the 403 of apps created after 2024-11-27 and says why', async () => {
    const error = await adapter()
      .audioFeatures()
      .getFeatures([rows[0]!.id])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AudioFeaturesUnavailableError);
    expect(error).toMatchObject({ status: 403, operation: 'GET /v1/audio-features' });
    expect((error as Error).message).toMatch(/2024-11-27/);
    expect((error as Error).message).toMatch(/localFeatureSource/);
    expect(server.hits(/^\/v1\/audio-features$/)).toHaveLength(1); // a 403 is not retried
  });

  it('maps features for apps that kept access, 100 ids a request', async () => {
    const legacy = await startWorld({ audioFeaturesAccess: true });
    try {
      const ids = [...rows.slice(0, 150).map((r) => r.id), '0000000000000000000000'];
      const found = await adapter(legacy).audioFeatures().getFeatures(ids);
      expect(found.size).toBe(150);
      expect(found.get(rows[0]!.id)).toEqual({
        valence: 0.625,
        energy: 0.73,
        danceability: 0.866,
        tempo: 118.523,
        loudness: -8.201,
        acousticness: 0.13699999999999998,
        instrumentalness: 0,
        speechiness: 0.0767,
        liveness: 0.0843,
        key: 5,
        durationMs: 379266,
        timeSignature: 4,
      });
      expect(legacy.hits(/^\/v1\/audio-features$/).map((r) => r.query.ids?.split(',').length)).toEqual([100, 51]);
    } finally {
      await legacy.close();
    }
  });
});

describe('local and provider feature sources', () => {
  it('looks features up by Spotify id in a Map, a record or a catalog', async () => {
    const ids = [rows[0]!.id, rows[1]!.id, '0000000000000000000000'];
    const fromMap = await localFeatureSource(featureMap, 'data_moods.csv').getFeatures(ids);
    expect([...fromMap.keys()]).toEqual(ids.slice(0, 2));
    const fromRecord = await localFeatureSource(Object.fromEntries(featureMap)).getFeatures(ids);
    expect(fromRecord.get(rows[1]!.id)).toEqual(featureMap.get(rows[1]!.id));
    const catalogTracks: Track[] = rows.slice(0, 5).map((r) => ({
      id: `csv-${r.id}`,
      title: r.name,
      artists: [r.artist],
      spotifyId: r.id,
      features: { valence: Number(r.valence), energy: Number(r.energy), tempo: Number.NaN },
    }));
    const fromCatalog = await localFeatureSource({ tracks: catalogTracks, source: 'data_moods.csv' }).getFeatures(ids);
    expect(fromCatalog.get(rows[0]!.id)).toEqual({ valence: 0.625, energy: 0.73 }); // NaN dropped
  });

  it('wraps a user provider: batches, drops non-finite values and ids it was not asked for', async () => {
    const calls: string[][] = [];
    const source = providerFeatureSource(
      (ids) => {
        calls.push(ids);
        const answer: Record<string, unknown> = { intruder: { valence: 1 } };
        ids.forEach((id, i) => (answer[id] = { valence: i % 2 ? 0.5 : Number.NaN, energy: 0.4, bogus: 1 }));
        return Promise.resolve(answer);
      },
      { name: 'reccobeats', batchSize: 2 },
    );
    const found = await source.getFeatures(['a', 'b', 'c']);
    expect(calls).toEqual([['a', 'b'], ['c']]);
    expect(Object.fromEntries(found)).toEqual({ a: { energy: 0.4 }, b: { valence: 0.5, energy: 0.4 }, c: { energy: 0.4 } });
  });

  it('falls back from Spotify to the local dataset and reports the unavailable source', async () => {
    const unavailable: string[] = [];
    const source = combineFeatureSources([adapter().audioFeatures(), localFeatureSource(featureMap, 'data_moods.csv')], {
      onUnavailable: (name, error) => unavailable.push(`${name}: ${error.status}`),
    });
    const found = await source.getFeatures([rows[3]!.id]);
    expect(found.get(rows[3]!.id)?.valence).toBe(Number(rows[3]!.valence));
    expect(unavailable).toEqual(['spotify:audio-features: 403']);
    expect(source.name).toBe('spotify:audio-features > data_moods.csv');
  });
});

describe('buildCatalog', () => {
  it('reports tracks without features instead of dropping or zero-filling them', async () => {
    const partial = new Map([...featureMap].filter(([id]) => !rows.slice(300, 310).some((r) => r.id === id)));
    const progress: Progress[] = [];
    const built = await buildCatalog(adapter().playlist(PLAYLISTS.chill), {
      features: localFeatureSource(partial, 'data_moods.csv'),
      batchSize: 16,
      onProgress: (p) => progress.push(p),
    });
    expect(built.catalog.tracks).toHaveLength(40);
    expect(built.missingFeatures.map((t) => t.id)).toEqual(rows.slice(300, 310).map((r) => r.id));
    for (const track of built.missingFeatures) expect(track.features).toBeUndefined();
    expect(built.catalog.tracks[10]?.features?.valence).toBe(Number(rows[310]!.valence));
    expect(progress.filter((p) => p.stage === 'features').map((p) => p.done)).toEqual([16, 32, 40]);
  });

  it('without a feature source, every Spotify track is reported as missing features', async () => {
    const built = await buildCatalog(adapter().playlist(PLAYLISTS.chill));
    expect(built.missingFeatures).toHaveLength(40);
  });

  it('aborting the feature stage keeps the tracks and the features found so far', async () => {
    const controller = new AbortController();
    const slow = providerFeatureSource(
      (ids) => {
        if (ids.includes(rows[320]!.id)) controller.abort();
        return Promise.resolve(new Map(ids.map((id) => [id, featureMap.get(id) ?? {}])));
      },
      { batchSize: 10 },
    );
    const tracks = (await adapter().playlist(PLAYLISTS.chill).load()).catalog.tracks;
    const error = await attachFeatures(tracks, slow, { signal: controller.signal, batchSize: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyAbortError);
    const kept = (error as SpotifyAbortError).partial?.catalog?.tracks ?? [];
    expect(kept).toHaveLength(40);
    expect(kept.filter((t) => t.features).length).toBe(30);
  });
});
