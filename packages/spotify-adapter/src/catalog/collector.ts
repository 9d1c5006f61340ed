import type { Track } from '@moodtunes/mood-recommender';
import type { CatalogLoad, LoadOptions, SkippedItem } from '../contract';
import { classifyTrack, type ApiTrack } from '../api/parse';
import { SpotifyInputError } from '../errors';

/** Accumulates tracks for one load: dedupes, records skips, enforces the limit, reports progress. */
export class TrackCollector {
  readonly tracks: Track[] = [];
  readonly skipped: SkippedItem[] = [];
  readonly limit: number;
  total: number | undefined;
  readonly #seen = new Set<string>();

  constructor(
    readonly source: string,
    readonly options: LoadOptions,
  ) {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (!(limit >= 1)) {
      throw new SpotifyInputError(`limit must be at least 1, got ${options.limit}`, { operation: `load ${source}` });
    }
    this.limit = limit;
  }

  /** True once the limit is reached. */
  get full(): boolean {
    return this.tracks.length >= this.limit;
  }

  /** Tracks still wanted, capped at `max` (a page size). */
  wanted(max: number): number {
    return Math.max(1, Math.min(max, this.limit - this.tracks.length));
  }

  /** Adds one API entry, or records why it is skipped. */
  add(api: ApiTrack | null | undefined, where: string): void {
    if (this.full) return;
    const result = classifyTrack(api);
    if (typeof result === 'string') {
      this.skipped.push(api?.name ? { reason: result, where, name: api.name } : { reason: result, where });
    } else if (this.#seen.has(result.id)) {
      this.skipped.push({ reason: 'duplicate', where, name: result.title });
    } else {
      this.#seen.add(result.id);
      this.tracks.push(result);
    }
  }

  /** Reports progress; `total` is capped at the limit. */
  report(): void {
    const total = this.total === undefined ? undefined : Math.min(this.total, this.limit);
    this.options.onProgress?.({ stage: 'tracks', source: this.source, done: this.tracks.length, total });
  }

  /** The result so far. */
  result(): CatalogLoad {
    return { catalog: { tracks: this.tracks, source: this.source }, skipped: this.skipped };
  }
}
