import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Track } from '@moodtunes/mood-recommender';
import {
  attachFeatures,
  combineFeatureSources,
  reccoBeatsFeatureSource,
  RECCOBEATS_BATCH,
  SpotifyAbortError,
  SpotifyInputError,
  SpotifyResponseError,
  SpotifyServerError,
  type ReccoBeatsOptions,
} from '../src';
import { moodRows, type MoodRow } from './support/data';

/** A canned answer. */
interface Fault {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/**
 * A local double of ReccoBeats' documented `GET /v1/audio-features?ids=`: at most 40 ids (more are
 * dropped, as the service does), items carry the service's own UUID as `id` and the Spotify track
 * only in `href`, unknown ids are left out. Faults are queued per request.
 */
class FakeReccoBeats {
  readonly requests: string[][] = [];
  readonly faults: (() => Fault)[] = [];
  /** When set, every request after this many answers 503. */
  failAfter: number | undefined;
  private server: Server | undefined;
  constructor(private readonly known: Map<string, MoodRow>) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      this.requests.push(ids);
      const fault: (() => Fault) | undefined =
        this.failAfter !== undefined && this.requests.length > this.failAfter
          ? () => ({ status: 503, body: '{"error":"Service Unavailable"}' })
          : this.faults.shift();
      if (fault) {
        const { status, headers = {}, body } = fault();
        response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
        return;
      }
      if (url.pathname !== '/v1/audio-features') {
        response.writeHead(404).end('{"error":"not found"}');
        return;
      }
      const content = ids
        .slice(0, RECCOBEATS_BATCH)
        .filter((id) => this.known.has(id))
        .map((id, i) => {
          const row = this.known.get(id)!;
          return {
            id: `8212bab8-5911-48a0-b177-${String(i).padStart(12, '0')}`,
            href: `https://open.spotify.com/track/${id}`,
            acousticness: Number(row.acousticness),
            danceability: Number(row.danceability),
            energy: Number(row.energy),
            instrumentalness: Number(row.instrumentalness),
            liveness: Number(row.liveness),
            loudness: Number(row.loudness),
            speechiness: Number(row.speechiness),
            tempo: Number(row.tempo),
            valence: Number(row.valence),
          };
        });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ content }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

const rows = moodRows();
// The service knows 100 of the first 120 data_moods.csv tracks.
const asked = rows.slice(0, 120);
const known = new Map(asked.filter((_, i) => i % 6 !== 5).map((row) => [row.id, row]));
const fake = new FakeReccoBeats(known);
let baseUrl: string;
const FAST = { retry: { minDelayMs: 5, maxDelayMs: 20 } } as const;

beforeAll(async () => {
  baseUrl = await fake.start();
});
afterAll(() => fake.stop());

function source(options: ReccoBeatsOptions = {}) {
  return reccoBeatsFeatureSource({ baseUrl, ...FAST, ...options });
}

const tracksOf = (list: MoodRow[]): Track[] =>
  list.map((row) => ({ id: row.id, spotifyId: row.id, title: row.name, artists: [row.artist] }));

describe('reccoBeatsFeatureSource against a local double of its API', () => {
  it('resolves each item to the Spotify id it was asked for through href, 40 ids a request, and reports the rest missing', async () => {
    fake.requests.length = 0;
    const missing: string[] = [];
    const report = await attachFeatures(tracksOf(asked), source({ onMissing: (ids) => missing.push(...ids) }));
    // attachFeatures asks 100 ids at a time, the source sends them 40 a request.
    expect(fake.requests.map((ids) => ids.length)).toEqual([40, 40, 20, 20]);
    expect(report.tracks.filter((t) => t.features)).toHaveLength(100);
    for (const track of report.tracks) {
      const row = known.get(track.spotifyId!);
      if (row) {
        expect(track.features).toMatchObject({ valence: Number(row.valence), energy: Number(row.energy), tempo: Number(row.tempo) });
      } else {
        // Nothing invented: no features at all, listed as missing.
        expect(track.features).toBeUndefined();
      }
    }
    expect(report.missingFeatures.map((t) => t.id).sort()).toEqual(
      asked
        .filter((row) => !known.has(row.id))
        .map((row) => row.id)
        .sort(),
    );
    expect(missing.sort()).toEqual(report.missingFeatures.map((t) => t.id).sort());
  });

  it('never sends ids that are not Spotify track ids, and ignores items for tracks it did not ask about', async () => {
    fake.requests.length = 0;
    const missing: string[] = [];
    const [first, second] = [asked[0]!.id, asked[1]!.id];
    fake.faults.push(() => ({
      status: 200,
      body: JSON.stringify({
        content: [
          { id: 'x', href: `https://open.spotify.com/track/${asked[2]!.id}`, valence: 0.9, energy: 0.9 },
          { id: 'y', href: `https://open.spotify.com/track/${first}`, valence: 0.4, energy: 'loud', tempo: null },
          { id: 'z', valence: 0.1 },
        ],
      }),
    }));
    const found = await source({ onMissing: (ids) => missing.push(...ids) }).getFeatures([first, 'local-42', second]);
    expect(fake.requests).toEqual([[first, second]]);
    expect([...found]).toEqual([[first, { valence: 0.4 }]]);
    expect(missing.sort()).toEqual(['local-42', second].sort());
  });

  it('waits out a 429 for its Retry-After, then goes on', async () => {
    fake.requests.length = 0;
    fake.faults.push(() => ({ status: 429, headers: { 'retry-after': '1' }, body: '{"error":"Too many requests"}' }));
    const waits: (number | undefined)[] = [];
    const started = performance.now();
    const found = await source({ retry: { onRetry: (event) => waits.push(event.waitMs) } }).getFeatures(
      asked.slice(0, 10).map((r) => r.id),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(waits).toEqual([1000]);
    expect(fake.requests).toHaveLength(2);
    expect(found.size).toBe(asked.slice(0, 10).filter((r) => known.has(r.id)).length);
  });

  it('5xx after the retries: a SpotifyServerError naming ReccoBeats, and the tracks of earlier batches keep their features', async () => {
    fake.requests.length = 0;
    // attachFeatures' first batch of 60 ids takes two requests and succeeds; the second batch's fails every retry.
    fake.failAfter = 2;
    const retried: number[] = [];
    const failing = source({ retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2, onRetry: (event) => retried.push(event.attempt) } });
    const error: unknown = await attachFeatures(tracksOf(asked), failing, { batchSize: 60 }).catch((e: unknown) => e);
    fake.failAfter = undefined;
    expect(error).toBeInstanceOf(SpotifyServerError);
    expect((error as Error).message).toMatch(/^ReccoBeats GET \/v1\/audio-features failed: ReccoBeats server error 503/);
    expect(retried).toEqual([1, 2]);
    const kept = (error as SpotifyServerError).partial!.catalog!.tracks;
    expect(kept).toHaveLength(120);
    expect(kept.slice(0, 60).filter((t) => t.features)).toHaveLength(asked.slice(0, 60).filter((r) => known.has(r.id)).length);
    expect(kept.slice(60).filter((t) => t.features)).toHaveLength(0);
  });

  it('a malformed answer is a SpotifyResponseError; bad options and aborts are typed too', async () => {
    fake.faults.push(() => ({ status: 200, body: '{"items":[]}' }));
    await expect(source().getFeatures([asked[0]!.id])).rejects.toThrow(SpotifyResponseError);
    fake.faults.push(() => ({ status: 200, body: 'not json' }));
    await expect(source().getFeatures([asked[0]!.id])).rejects.toThrow(/not valid JSON/);
    expect(() => reccoBeatsFeatureSource({ batchSize: 41 })).toThrow(SpotifyInputError);
    expect(() => reccoBeatsFeatureSource({ batchSize: 0 })).toThrow(/1\.\.40/);
    expect(() => reccoBeatsFeatureSource({ baseUrl: 'not a url' })).toThrow(SpotifyInputError);
    const controller = new AbortController();
    controller.abort();
    await expect(source().getFeatures([asked[0]!.id], { signal: controller.signal })).rejects.toThrow(SpotifyAbortError);
  });

  it('behind Spotify: a 403 from audio-features hands the lookup to ReccoBeats', async () => {
    const spotify = {
      name: 'spotify:audio-features',
      getFeatures: async () => {
        const { AudioFeaturesUnavailableError } = await import('../src');
        throw new AudioFeaturesUnavailableError('GET /v1/audio-features failed: 403', { operation: 'GET /v1/audio-features', status: 403 });
      },
    };
    const unavailable: string[] = [];
    const combined = combineFeatureSources([spotify, source()], { onUnavailable: (name) => unavailable.push(name) });
    const found = await combined.getFeatures(asked.slice(0, 12).map((r) => r.id));
    expect(unavailable).toEqual(['spotify:audio-features']);
    expect(found.size).toBe(asked.slice(0, 12).filter((r) => known.has(r.id)).length);
  });
});
