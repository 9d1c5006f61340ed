/** One CSV record: its fields and the physical lines it covers; `error` when it is malformed. */
export interface CsvRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
  /** Last physical line of the record (later than `line` when a quoted field holds line breaks). */
  endLine: number;
  /** What is wrong with the record, when it is malformed. */
  error?: string;
  /** Set when the error is a field longer than `maxFieldLength`. */
  tooLong?: true;
}

/** Options of {@link CsvTokenizer}. */
export interface CsvTokenizerOptions {
  /** Longest field accepted, in characters as written (quotes included); default: no limit. */
  maxFieldLength?: number;
  /**
   * Take the first record's field count as the table's width, so that a record whose quoted field
   * spans lines and whose width is wrong is recognised as a stray quote (see {@link CsvTokenizer}).
   */
  widthFromHeader?: boolean;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Incremental RFC 4180 tokenizer over string chunks: quoted fields with `""` escapes and embedded
 * newlines, LF, CRLF or CR line ends, a bare `"` inside an unquoted field kept literally (titles
 * like `12" Mix`). Only the unfinished tail of the input is held between chunks, and it is parsed
 * again only once it has doubled, so a huge field costs linear time, not a rescan per chunk.
 *
 * A malformed quoted field (never closed, followed by text after its closing quote, longer than
 * `maxFieldLength`, or spanning lines in a record of the wrong width) is almost always a stray
 * quote, which would otherwise swallow every row up to the next quote. The tokenizer reports the
 * record as malformed, naming the line where the quote opened, and resynchronises: it goes on at
 * the line after that one, so the rows the quote swallowed are parsed again.
 *
 * Hand-written rather than csv-parse because csv-parse's core needs Node's `Buffer` (its browser
 * build bundles a polyfill and ran 4x slower) and parsed 2-3x slower in Node; see the README.
 */
export class CsvTokenizer {
  private pending: string[] = [];
  private pendingLength = 0;
  /** Held text length at which parsing is tried again. */
  private retryAt = 0;
  /** Offset (in the text last parsed) of the field that was still open when it ran out. */
  private openFieldAt = 0;
  private line = 1;
  private started = false;
  /** Discarding text up to the next line end, after a malformed record. */
  private skipping = false;
  /** The text so far ended with a CR: an LF right after it belongs to the same line end. */
  private lfAfterCr = false;
  private width: number | undefined;
  private readonly maxFieldLength: number;
  private readonly widthFromHeader: boolean;

  constructor(opts: CsvTokenizerOptions = {}) {
    this.maxFieldLength = opts.maxFieldLength ?? Infinity;
    this.widthFromHeader = opts.widthFromHeader ?? false;
  }

  /** 1-based line where the first record not yet returned starts. */
  get currentLine(): number {
    return this.line;
  }

  /** Parses every complete record in `chunk` (plus what was held back) into `out`. */
  push(chunk: string, out: CsvRecord[]): void {
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (this.pendingLength >= this.retryAt) this.run(false, out);
  }

  /** Parses the complete records held back so far, whatever their size (the input is failing). */
  drain(out: CsvRecord[]): void {
    if (this.pendingLength > 0) this.run(false, out);
  }

  /** Flushes the last record (one without a trailing newline). */
  end(out: CsvRecord[]): void {
    this.run(true, out);
  }

  private run(final: boolean, out: CsvRecord[]): void {
    let text = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const consumed = this.parse(text, final, out);
    const rest = consumed < text.length ? text.slice(consumed) : '';
    this.pending = rest ? [rest] : [];
    this.pendingLength = rest.length;
    // Doubling keeps the total rescanning linear; the second bound notices an overlong field as
    // soon as it passes the cap instead of holding twice the cap.
    this.retryAt = Math.min(2 * rest.length, this.openFieldAt - consumed + this.maxFieldLength + 1);
  }

  /** Returns the offset of the first character not consumed. */
  private parse(text: string, final: boolean, out: CsvRecord[]): number {
    const n = text.length;
    const cap = this.maxFieldLength;
    let i = 0;
    if (this.lfAfterCr && n > 0) {
      this.lfAfterCr = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    if (this.skipping) {
      i = this.skipLine(text, i, final);
      if (this.skipping) return n;
    }
    records: while (i < n) {
      const start = i;
      const startLine = this.line;
      const c0 = text.charCodeAt(i);
      if (c0 === LF || c0 === CR) {
        // Blank line: skip it.
        const next = lineEnd(text, i, final);
        if (next < 0) return this.incomplete(start, start);
        i = next;
        this.line++;
        continue;
      }
      const fields: string[] = [];
      // Line ends inside quoted fields so far, and the first quoted field that spans lines.
      let lines = 0;
      let spanningQuote = -1;
      let spanningLine = 0;
      for (;;) {
        if (i >= n) {
          if (!final) return this.incomplete(start, i);
          // A trailing comma at end of input leaves one empty last field.
          fields.push('');
          break;
        }
        if (text.charCodeAt(i) === QUOTE) {
          const q = i;
          const quoteLine = startLine + lines;
          let value = '';
          let j = q + 1;
          let closed = -1;
          for (;;) {
            const k = text.indexOf('"', j);
            // A quote at the very end may be the first of a `""` pair: wait for the next character.
            if (k < 0 || (k + 1 >= n && !final)) break;
            value += text.slice(j, k);
            if (text.charCodeAt(k + 1) === QUOTE) {
              value += '"';
              j = k + 2;
            } else {
              closed = k;
              break;
            }
          }
          const rawLength = (closed < 0 ? n : closed + 1) - q;
          if (rawLength > cap) {
            const reason = `field ${fields.length + 1} is longer than maxFieldLength (${cap} characters); it is a quoted field opened on line ${quoteLine}${closed < 0 ? ' and not closed by then' : ''}: a stray quote?`;
            i = this.fail(text, final, out, { fields, line: startLine, endLine: quoteLine, error: reason, tooLong: true }, q);
            continue records;
          }
          if (closed < 0) {
            if (!final) return this.incomplete(start, q);
            const reason = `field ${fields.length + 1}: the quote opened on line ${quoteLine} is never closed (a stray quote? a quote inside a quoted field must be doubled)`;
            i = this.fail(text, final, out, { fields, line: startLine, endLine: quoteLine, error: reason }, q);
            continue records;
          }
          i = closed + 1;
          const spanned = countLineEnds(value);
          if (spanned > 0 && spanningQuote < 0) {
            spanningQuote = q;
            spanningLine = quoteLine;
          }
          lines += spanned;
          fields.push(value);
          if (i >= n) break;
          const d = text.charCodeAt(i);
          if (d === COMMA) {
            i++;
            continue;
          }
          if (d === LF || d === CR) {
            i = lineEnd(text, i, final);
            if (i < 0) return this.incomplete(start, start);
            break;
          }
          const closedLine = startLine + lines;
          const reason =
            `unexpected character ${JSON.stringify(text[i])} after a closing quote (field ${fields.length})` +
            (closedLine > quoteLine ? `: the quote opened on line ${quoteLine} and closed on line ${closedLine}, a stray quote?` : '');
          i = this.fail(text, final, out, { fields, line: startLine, endLine: quoteLine, error: reason }, q);
          continue records;
        }
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === COMMA || d === LF || d === CR) break;
          j++;
        }
        if (j - i > cap) {
          const reason = `field ${fields.length + 1} is longer than maxFieldLength (${cap} characters)`;
          i = this.fail(text, final, out, { fields, line: startLine, endLine: startLine + lines, error: reason, tooLong: true }, i);
          continue records;
        }
        if (j >= n && !final) return this.incomplete(start, i);
        fields.push(text.slice(i, j));
        if (j >= n) {
          i = n;
          break;
        }
        if (text.charCodeAt(j) === COMMA) {
          i = j + 1;
          continue;
        }
        i = lineEnd(text, j, final);
        if (i < 0) return this.incomplete(start, start);
        break;
      }
      const endLine = startLine + lines;
      if (spanningQuote >= 0 && this.width !== undefined && fields.length !== this.width) {
        const reason = `expected ${this.width} fields, found ${fields.length}: the quoted field opened on line ${spanningLine} runs to line ${endLine} (a stray quote?)`;
        i = this.fail(text, final, out, { fields, line: startLine, endLine: spanningLine, error: reason }, spanningQuote);
        continue;
      }
      if (this.widthFromHeader && this.width === undefined) this.width = fields.length;
      this.line = endLine + 1;
      out.push({ fields, line: startLine, endLine });
    }
    return n;
  }

  /** Records that the text ran out inside a record; returns the offset to hold back from. */
  private incomplete(start: number, openField: number): number {
    this.openFieldAt = openField;
    return start;
  }

  /**
   * Emits a malformed record and resynchronises at the line after the one `from` is on (where the
   * bad quote opened): returns the offset to go on from.
   */
  private fail(text: string, final: boolean, out: CsvRecord[], record: CsvRecord, from: number): number {
    out.push(record);
    this.line = record.endLine + 1;
    this.skipping = true;
    return this.skipLine(text, from, final);
  }

  /** While skipping, the offset after the next line end from `from` (or the end of `text`). */
  private skipLine(text: string, from: number, final: boolean): number {
    const n = text.length;
    const lf = text.indexOf('\n', from);
    const cr = text.indexOf('\r', from);
    const end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
    if (end < 0) {
      if (final) this.skipping = false;
      return n;
    }
    this.skipping = false;
    if (text.charCodeAt(end) === LF) return end + 1;
    if (end + 1 < n) return text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
    this.lfAfterCr = !final;
    return n;
  }
}

/** Index after a line end at `i` (LF, CRLF or a lone CR), or -1 when more input is needed to tell. */
function lineEnd(text: string, i: number, final: boolean): number {
  if (text.charCodeAt(i) === LF) return i + 1;
  if (i + 1 >= text.length) return final ? i + 1 : -1;
  return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
}

/** Line ends (LF, CRLF, lone CR) inside a quoted value. */
function countLineEnds(s: string): number {
  let count = 0;
  for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) count++;
  for (let k = s.indexOf('\r'); k >= 0; k = s.indexOf('\r', k + 1)) if (s.charCodeAt(k + 1) !== LF) count++;
  return count;
}
