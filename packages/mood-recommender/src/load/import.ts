import { CsvRowError, InvalidOptionError, UnknownCsvFormatError } from '../errors';
import type { Catalog, Track } from '../types';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer';
import { createRowMapper, detectFormat, FieldError, type CatalogFormat, type RowMapper } from './formats';

/** Progress of a running import. */
export interface ImportProgress {
  /** Data rows read so far (header excluded). */
  rowsRead: number;
  /** Tracks kept so far. */
  tracks: number;
  /** Rows skipped so far (lenient mode). */
  skipped: number;
}

/** Options of {@link parseCatalogCsv} and {@link readCatalog}. */
export interface ImportOptions {
  /**
   * `true` (default): the first malformed row throws a {@link CsvRowError}. `false`: malformed rows
   * are skipped and listed in {@link CatalogImport.skipped}.
   */
  strict?: boolean;
  /** Force a format instead of detecting it from the header. */
  format?: CatalogFormat;
  /** Called every `progressEvery` rows and once at the end. */
  onProgress?: (progress: ImportProgress) => void;
  /** Rows between progress calls (default 10,000). */
  progressEvery?: number;
  /** Stored as `catalog.source`. */
  source?: string;
  /** Keep rows whose id was already seen (default `false`: the first one wins, the rest are counted). */
  keepDuplicates?: boolean;
}

/** A row that lenient import skipped. */
export interface SkippedRow {
  /** 1-based line where the row starts (the header is line 1). */
  line: number;
  /** What is wrong with the row. */
  reason: string;
}

/** What an import produced. */
export interface CatalogImport {
  /** The imported tracks. */
  catalog: Catalog;
  /** The layout detected from the header (or the one passed as `format`). */
  format: CatalogFormat;
  /** Data rows read (header excluded). */
  rowsRead: number;
  /** Skipped malformed rows; at most the first 1,000 are listed, `skippedCount` has the total. */
  skipped: SkippedRow[];
  /** Total malformed rows skipped (lenient mode). */
  skippedCount: number;
  /** Rows dropped because their id was already imported. */
  duplicates: number;
}

/** Input accepted by {@link readCatalog}: a WHATWG stream, a Node `Readable`, or any async iterable of chunks. */
export type CatalogInput = ReadableStream<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

const MAX_LISTED_SKIPS = 1000;

/** Stateful row consumer shared by the text and stream entry points. */
class CatalogBuilder {
  private mapper: RowMapper | undefined;
  private readonly tracks: Track[] = [];
  private readonly seen = new Set<string>();
  private readonly skipped: SkippedRow[] = [];
  private skippedCount = 0;
  private duplicates = 0;
  private rowsRead = 0;
  private readonly strict: boolean;
  private readonly every: number;

  constructor(private readonly opts: ImportOptions) {
    this.strict = opts.strict ?? true;
    this.every = opts.progressEvery ?? 10_000;
    if (!(Number.isInteger(this.every) && this.every > 0)) {
      throw new InvalidOptionError('progressEvery', opts.progressEvery, 'expected a positive integer');
    }
  }

  add(records: CsvRecord[]): void {
    for (const record of records) {
      if (!this.mapper) {
        this.mapper = this.bindHeader(record);
        continue;
      }
      this.rowsRead++;
      this.addRow(record, this.mapper);
      if (this.opts.onProgress && this.rowsRead % this.every === 0) this.opts.onProgress(this.progress());
    }
  }

  finish(): CatalogImport {
    if (!this.mapper) throw new CsvRowError(1, 'the input is empty (no header row)');
    this.opts.onProgress?.(this.progress());
    const catalog: Catalog = { tracks: this.tracks };
    if (this.opts.source !== undefined) catalog.source = this.opts.source;
    return {
      catalog,
      format: this.mapper.format,
      rowsRead: this.rowsRead,
      skipped: this.skipped,
      skippedCount: this.skippedCount,
      duplicates: this.duplicates,
    };
  }

  private bindHeader(record: CsvRecord): RowMapper {
    if (record.error) throw new CsvRowError(record.line, `header: ${record.error}`);
    const format = this.opts.format ?? detectFormat(record.fields);
    if (!format) throw new UnknownCsvFormatError(record.fields);
    return createRowMapper(format, record.fields);
  }

  private addRow(record: CsvRecord, mapper: RowMapper): void {
    let reason = record.error;
    if (reason === undefined && record.fields.length !== mapper.columnCount) {
      reason = `expected ${mapper.columnCount} fields, found ${record.fields.length}`;
    }
    let track: Track | undefined;
    if (reason === undefined) {
      try {
        track = mapper.toTrack(record.fields);
      } catch (err) {
        if (!(err instanceof FieldError)) throw err;
        reason = err.message;
      }
    }
    if (reason !== undefined || !track) {
      const why = reason ?? 'unreadable row';
      if (this.strict) throw new CsvRowError(record.line, why);
      this.skippedCount++;
      if (this.skipped.length < MAX_LISTED_SKIPS) this.skipped.push({ line: record.line, reason: why });
      return;
    }
    if (!this.opts.keepDuplicates) {
      if (this.seen.has(track.id)) {
        this.duplicates++;
        return;
      }
      this.seen.add(track.id);
    }
    this.tracks.push(track);
  }

  private progress(): ImportProgress {
    return { rowsRead: this.rowsRead, tracks: this.tracks.length, skipped: this.skippedCount };
  }
}

/**
 * Imports a catalog from CSV text. The format (data_moods.csv, SpotifyFeatures.csv, 1921-2020
 * tracks.csv / data.csv) is detected from the header.
 *
 * @throws {@link UnknownCsvFormatError} when the header matches no format.
 * @throws {@link CsvRowError} on the first malformed row when `strict` (the default).
 */
export function parseCatalogCsv(text: string, opts: ImportOptions = {}): CatalogImport {
  const builder = new CatalogBuilder(opts);
  const tokenizer = new CsvTokenizer();
  const records: CsvRecord[] = [];
  tokenizer.push(text, records);
  tokenizer.end(records);
  builder.add(records);
  return builder.finish();
}

/**
 * Imports a catalog from a stream of CSV chunks (strings or UTF-8 bytes), holding only the
 * unfinished tail of the text between chunks. Works with `fetch(url).body`, a browser `File.stream()`,
 * a Node `Readable` (e.g. `createReadStream(path).pipe(createGunzip())`) or any async iterable.
 *
 * @throws {@link UnknownCsvFormatError} when the header matches no format.
 * @throws {@link CsvRowError} on the first malformed row when `strict` (the default).
 */
export async function readCatalog(input: CatalogInput, opts: ImportOptions = {}): Promise<CatalogImport> {
  const builder = new CatalogBuilder(opts);
  const tokenizer = new CsvTokenizer();
  const decoder = new TextDecoder('utf-8');
  const records: CsvRecord[] = [];
  for await (const chunk of iterate(input)) {
    tokenizer.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }), records);
    builder.add(records);
    records.length = 0;
  }
  tokenizer.push(decoder.decode(), records);
  tokenizer.end(records);
  builder.add(records);
  return builder.finish();
}

async function* iterate(input: CatalogInput): AsyncGenerator<string | Uint8Array> {
  if (Symbol.asyncIterator in input) {
    yield* input as AsyncIterable<string | Uint8Array>;
    return;
  }
  // Not every browser makes ReadableStream async-iterable yet, so read it by hand.
  const reader = (input as ReadableStream<string | Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
