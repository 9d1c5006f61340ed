import { CatalogInputError, CsvFieldTooLongError, CsvRowError, InvalidOptionError, UnknownCsvFormatError } from '../errors';
import { clearRow, emptyRow, TrackTable } from '../catalog/track-table';
import type { Catalog, Track } from '../types';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer';
import { CATALOG_FORMATS, createRowMapper, detectFormat, FieldError, type CatalogFormat, type RowMapper } from './formats';

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
   * `true` (default): the first malformed row throws a {@link CsvRowError}, and an input that fails
   * part-way throws a {@link CatalogInputError}. `false`: malformed rows are skipped and listed in
   * {@link CatalogImport.skipped}, and an input that fails after the header returns the rows read
   * so far with {@link CatalogImport.truncated} set.
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
  /**
   * Longest field accepted, in characters as written in the file (default 1,048,576; `Infinity` for
   * no cap). A longer field makes its row malformed ({@link CsvFieldTooLongError} in strict mode):
   * it is almost always a quote that never closes, and the cap also bounds what a stream holds.
   */
  maxFieldLength?: number;
  /**
   * Encoding of byte chunks (default `'utf-8'`; any WHATWG label, e.g. `'windows-1252'` for Latin-1
   * files). Text that does not decode leaves U+FFFD in a field, which makes its row malformed.
   */
  encoding?: string;
}

/** A row that lenient import skipped. */
export interface SkippedRow {
  /** 1-based line where the row starts (the header is line 1). */
  line: number;
  /**
   * Last line the skipped row covered: later than `line` when a quoted field holds line breaks.
   * After a stray quote the import goes on at the line after the quote, so no later line is lost.
   */
  endLine: number;
  /** What is wrong with the row. */
  reason: string;
}

/** How an input that failed part-way ended (lenient mode). */
export interface TruncatedInput {
  /** 1-based line of the first row that was not read completely; that row and any after it are missing. */
  line: number;
  /** What went wrong, e.g. `"the gzip data ends early (a truncated file?)"`. */
  reason: string;
  /** The system or zlib error code when there is one, e.g. `"Z_BUF_ERROR"`. */
  code?: string;
}

/** What an import produced. */
export interface CatalogImport {
  /** The imported tracks. */
  catalog: Catalog;
  /** How many tracks were kept (what `catalog.tracks.length` would say, without building the tracks). */
  trackCount: number;
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
  /** Set when the input failed after the header (lenient mode): the rows before `truncated.line` are kept. */
  truncated?: TruncatedInput;
}

/** Input accepted by {@link readCatalog}: a WHATWG stream, a Node `Readable`, or any async iterable of chunks. */
export type CatalogInput = ReadableStream<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

const MAX_LISTED_SKIPS = 1000;
const DEFAULT_MAX_FIELD_LENGTH = 1_048_576;
const REPLACEMENT = '\uFFFD';

/** Stateful row consumer shared by the text and stream entry points. */
class CatalogBuilder {
  private mapper: RowMapper | undefined;
  private header: readonly string[] = [];
  private readonly table = new TrackTable();
  private readonly row = emptyRow();
  private readonly skipped: SkippedRow[] = [];
  private skippedCount = 0;
  private duplicates = 0;
  private rowsRead = 0;
  private readonly strict: boolean;
  private readonly every: number;
  private readonly maxFieldLength: number;
  /** Decodes byte chunks (stream import); made here so that a bad `encoding` fails for text too. */
  readonly decoder: TextDecoder;
  /** Set once U+FFFD occurs in the text; only then are rows checked for it (it is rare). */
  replacementSeen = false;

  constructor(
    private readonly opts: ImportOptions,
    /** How the U+FFFD message explains where it came from. */
    private readonly decodingHint: string,
  ) {
    checkImportOptions(opts);
    this.strict = opts.strict ?? true;
    this.every = opts.progressEvery ?? 10_000;
    this.maxFieldLength = opts.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH;
    this.decoder = createDecoder(opts.encoding);
  }

  tokenizer(): CsvTokenizer {
    return new CsvTokenizer({ maxFieldLength: this.maxFieldLength, widthFromHeader: true });
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

  finish(truncated?: TruncatedInput): CatalogImport {
    if (!this.mapper) throw new CsvRowError(1, 'the input is empty (no header row)');
    this.opts.onProgress?.(this.progress());
    const catalog = importedCatalog(this.table, this.opts.source);
    const result: CatalogImport = {
      catalog,
      trackCount: this.table.size,
      format: this.mapper.format,
      rowsRead: this.rowsRead,
      skipped: this.skipped,
      skippedCount: this.skippedCount,
      duplicates: this.duplicates,
    };
    if (truncated) result.truncated = truncated;
    return result;
  }

  /**
   * The input failed at `line`: throws a {@link CatalogInputError} in strict mode or before the
   * header, else returns what was read with the failure reported.
   */
  fail(error: unknown, line: number): CatalogImport {
    const code = errorCode(error);
    const reason = describeFailure(error, code);
    if (this.strict || !this.mapper) {
      const what = this.opts.source === undefined ? 'the catalog input' : JSON.stringify(this.opts.source);
      throw new CatalogInputError(
        `Reading ${what} failed at line ${line}, after ${this.rowsRead} data row(s): ${reason}` +
          (this.mapper ? '; with strict: false the rows before it are kept' : ''),
        line,
        this.rowsRead,
        code,
        { cause: error },
      );
    }
    const truncated: TruncatedInput = { line, reason };
    if (code !== undefined) truncated.code = code;
    return this.finish(truncated);
  }

  private bindHeader(record: CsvRecord): RowMapper {
    if (record.error) throw new CsvRowError(record.line, `header: ${record.error}`);
    const format = this.opts.format ?? detectFormat(record.fields);
    if (!format) throw new UnknownCsvFormatError(record.fields);
    const mapper = createRowMapper(format, record.fields);
    if (typeof mapper === 'string') throw new CsvRowError(record.line, `header: ${mapper}`);
    this.header = record.fields;
    return mapper;
  }

  private addRow(record: CsvRecord, mapper: RowMapper): void {
    let reason = record.error;
    if (reason === undefined && record.fields.length !== mapper.columnCount) {
      reason = `expected ${mapper.columnCount} fields, found ${record.fields.length}`;
    }
    if (reason === undefined && this.replacementSeen) reason = this.undecodable(record.fields);
    const row = this.row;
    if (reason === undefined) {
      clearRow(row);
      try {
        mapper.read(record.fields, row);
      } catch (err) {
        if (!(err instanceof FieldError)) throw err;
        reason = err.message;
      }
    }
    if (reason !== undefined) {
      const why = reason;
      if (this.strict) {
        throw record.tooLong ? new CsvFieldTooLongError(record.line, why, this.maxFieldLength) : new CsvRowError(record.line, why);
      }
      this.skippedCount++;
      if (this.skipped.length < MAX_LISTED_SKIPS) this.skipped.push({ line: record.line, endLine: record.endLine, reason: why });
      return;
    }
    const first = this.table.rowOf(row.id);
    if (!this.opts.keepDuplicates && first >= 0) {
      this.duplicates++;
      return;
    }
    this.table.append(row, first);
  }

  /** Why a row holding U+FFFD is refused, or `undefined` when it holds none. */
  private undecodable(fields: readonly string[]): string | undefined {
    const i = fields.findIndex((field) => field.includes(REPLACEMENT));
    if (i < 0) return undefined;
    return `column ${this.header[i] ?? i + 1} holds U+FFFD (${JSON.stringify(fields[i]!.slice(0, 40))}), the mark of text that did not decode: ${this.decodingHint}`;
  }

  private progress(): ImportProgress {
    return { rowsRead: this.rowsRead, tracks: this.table.size, skipped: this.skippedCount };
  }
}

/** Catalogs whose `tracks` were read: from then on they, not the table, are what the catalog holds. */
const materialized = new WeakSet<Catalog>();

/**
 * An imported catalog: `table` holds the tracks in columns; `tracks` builds the `Track` objects the
 * first time it is read (about 1 KB each) and keeps them.
 */
function importedCatalog(table: TrackTable, source: string | undefined): Catalog {
  let tracks: Track[] | undefined;
  const catalog: Catalog = {
    table,
    get tracks(): Track[] {
      materialized.add(catalog);
      return (tracks ??= table.tracks());
    },
    set tracks(value: Track[]) {
      materialized.add(catalog);
      tracks = value;
    },
  };
  if (source !== undefined) catalog.source = source;
  return catalog;
}

/**
 * The columnar table `prepareCatalog` may read instead of `catalog.tracks`: an imported catalog's,
 * as long as its `tracks` were never read (they might have been edited since).
 */
export function tableOf(catalog: Catalog): TrackTable | undefined {
  return catalog.table && !materialized.has(catalog) ? catalog.table : undefined;
}

function checkImportOptions(opts: ImportOptions): void {
  if (typeof opts !== 'object' || opts === null) throw new InvalidOptionError('options', opts, 'expected an object');
  const boolean = (name: 'strict' | 'keepDuplicates') => {
    if (opts[name] !== undefined && typeof opts[name] !== 'boolean')
      throw new InvalidOptionError(name, opts[name], 'expected true or false');
  };
  boolean('strict');
  boolean('keepDuplicates');
  if (opts.format !== undefined && !CATALOG_FORMATS.includes(opts.format)) {
    throw new InvalidOptionError('format', opts.format, `expected one of ${CATALOG_FORMATS.join(', ')}`);
  }
  const every = opts.progressEvery ?? 10_000;
  if (!(Number.isInteger(every) && every > 0))
    throw new InvalidOptionError('progressEvery', opts.progressEvery, 'expected a positive integer');
  const cap = opts.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH;
  if (!(cap === Infinity || (Number.isInteger(cap) && cap > 0))) {
    throw new InvalidOptionError('maxFieldLength', opts.maxFieldLength, 'expected a positive integer or Infinity');
  }
  if (opts.onProgress !== undefined && typeof opts.onProgress !== 'function') {
    throw new InvalidOptionError('onProgress', opts.onProgress, 'expected a function');
  }
  if (opts.source !== undefined && typeof opts.source !== 'string')
    throw new InvalidOptionError('source', opts.source, 'expected a string');
}

/** The TextDecoder for `encoding`; an unknown label is an option error, not a RangeError. */
function createDecoder(encoding: string | undefined): TextDecoder {
  try {
    return new TextDecoder(encoding ?? 'utf-8');
  } catch {
    throw new InvalidOptionError('encoding', encoding, "expected an encoding label TextDecoder knows, e.g. 'utf-8' or 'windows-1252'");
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describeFailure(error: unknown, code: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'Z_BUF_ERROR') return `the gzip data ends early (a truncated file?): ${message}`;
  if (code === 'Z_DATA_ERROR') return `the gzip data is corrupt: ${message}`;
  return code === undefined ? message : `${message} (${code})`;
}

function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

/**
 * Imports a catalog from CSV text. The format (data_moods.csv, SpotifyFeatures.csv, 1921-2020
 * tracks.csv / data.csv) is detected from the header.
 *
 * @throws {@link UnknownCsvFormatError} when the header matches no format.
 * @throws {@link CsvRowError} on the first malformed row when `strict` (the default), or on a
 *   malformed header; {@link CsvFieldTooLongError} (a `CsvRowError`) for a field over `maxFieldLength`.
 * @throws {@link InvalidOptionError} for a bad option or when `text` is not a string.
 */
export function parseCatalogCsv(text: string, opts: ImportOptions = {}): CatalogImport {
  if (typeof text !== 'string') throw new InvalidOptionError('text', text, 'expected the CSV text as a string');
  const builder = new CatalogBuilder(opts, 'the text was decoded with the wrong encoding (a Latin-1 file read as UTF-8?)');
  builder.replacementSeen = text.includes(REPLACEMENT);
  const tokenizer = builder.tokenizer();
  const records: CsvRecord[] = [];
  tokenizer.push(text, records);
  tokenizer.end(records);
  builder.add(records);
  return builder.finish();
}

/**
 * Imports a catalog from a stream of CSV chunks (strings, or bytes in `encoding`), holding only the
 * unfinished tail of the text between chunks. Works with `fetch(url).body`, a browser `File.stream()`,
 * a Node `Readable` (e.g. `createReadStream(path).pipe(createGunzip())`) or any async iterable.
 *
 * If the input fails part-way (a truncated or corrupt gzip stream, a read error), strict mode
 * throws a {@link CatalogInputError} saying how far the import got; lenient mode returns the rows
 * read so far with `truncated` set. An `AbortError` (the caller cancelled) is rethrown as it is.
 *
 * @throws {@link UnknownCsvFormatError} when the header matches no format.
 * @throws {@link CsvRowError} on the first malformed row when `strict` (the default), or on a
 *   malformed header; {@link CsvFieldTooLongError} (a `CsvRowError`) for a field over `maxFieldLength`.
 * @throws {@link CatalogInputError} when the input fails (in lenient mode only before the header).
 * @throws {@link InvalidOptionError} for a bad option or an input that is not a stream.
 */
export async function readCatalog(input: CatalogInput, opts: ImportOptions = {}): Promise<CatalogImport> {
  if (typeof input !== 'object' || input === null || !(Symbol.asyncIterator in input || 'getReader' in input)) {
    throw new InvalidOptionError('input', input, 'expected a ReadableStream, a Node Readable or an async iterable of chunks');
  }
  const encoding = opts.encoding ?? 'utf-8';
  const builder = new CatalogBuilder(opts, `it is not valid ${encoding} (a Latin-1 file? read it with encoding: 'windows-1252')`);
  const { decoder } = builder;
  const tokenizer = builder.tokenizer();
  const records: CsvRecord[] = [];
  const push = (text: string) => {
    if (!builder.replacementSeen && text.includes(REPLACEMENT)) builder.replacementSeen = true;
    tokenizer.push(text, records);
    builder.add(records);
    records.length = 0;
  };
  const source: { failed: boolean; error?: unknown } = { failed: false };
  for await (const chunk of untilFailure(input, source)) {
    push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  if (source.failed) {
    if (isAbort(source.error)) throw source.error;
    // Rows completed before the failure still count; the record it cut short does not.
    tokenizer.drain(records);
    builder.add(records);
    return builder.fail(source.error, tokenizer.currentLine);
  }
  push(decoder.decode());
  tokenizer.end(records);
  builder.add(records);
  return builder.finish();
}

/** The input's chunks; an error the input raises ends the iteration and is kept in `source`. */
async function* untilFailure(input: CatalogInput, source: { failed: boolean; error?: unknown }): AsyncGenerator<string | Uint8Array> {
  try {
    yield* iterate(input);
  } catch (error) {
    source.failed = true;
    source.error = error;
  }
}

async function* iterate(input: CatalogInput): AsyncGenerator<string | Uint8Array> {
  if (Symbol.asyncIterator in input) {
    yield* input as AsyncIterable<string | Uint8Array>;
    return;
  }
  // Not every browser makes ReadableStream async-iterable yet, so read it by hand.
  const reader = (input as ReadableStream<string | Uint8Array>).getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (a strict-mode error): cancel the stream so its source can let go.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
