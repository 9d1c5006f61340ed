/** One CSV record: its fields and the 1-based line where it starts; `error` when it is malformed. */
export interface CsvRecord {
  fields: string[];
  line: number;
  error?: string;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Incremental RFC 4180 tokenizer over string chunks: quoted fields with `""` escapes and embedded
 * newlines, LF or CRLF line ends, a bare `"` inside an unquoted field kept literally (titles like
 * `12" Mix`). Only the unfinished tail of the input is held between chunks.
 *
 * Hand-written rather than csv-parse because csv-parse's core needs Node's `Buffer` (its browser
 * build bundles a polyfill and ran 4x slower) and parsed 2-3x slower in Node; see the README.
 */
export class CsvTokenizer {
  private rest = '';
  private line = 1;
  private started = false;

  /** Parses every complete record in `chunk` (plus what was held back) into `out`. */
  push(chunk: string, out: CsvRecord[]): void {
    let text = this.rest + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.rest = text.slice(this.parse(text, false, out));
  }

  /** Flushes the last record (one without a trailing newline). */
  end(out: CsvRecord[]): void {
    const text = this.rest;
    this.rest = '';
    this.parse(text, true, out);
  }

  /** Returns the offset of the first byte not consumed. */
  private parse(text: string, final: boolean, out: CsvRecord[]): number {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const start = i;
      const startLine = this.line;
      let lines = 0;
      const fields: string[] = [];
      let error: string | undefined;
      let done = false;
      // Blank line: skip it.
      const c0 = text.charCodeAt(i);
      if (c0 === LF || (c0 === CR && text.charCodeAt(i + 1) === LF)) {
        if (c0 === CR && i + 1 >= n && !final) return start;
        i += c0 === CR ? 2 : 1;
        this.line++;
        continue;
      }
      while (!done) {
        if (i >= n) {
          if (!final) return start;
          // A trailing comma at end of input leaves one empty last field.
          fields.push('');
          break;
        }
        if (text.charCodeAt(i) === QUOTE) {
          let value = '';
          let j = i + 1;
          for (;;) {
            const k = text.indexOf('"', j);
            if (k < 0) {
              if (!final) return start;
              error = 'unterminated quoted field';
              value += text.slice(j);
              i = n;
              break;
            }
            value += text.slice(j, k);
            if (text.charCodeAt(k + 1) === QUOTE) {
              value += '"';
              j = k + 2;
            } else {
              if (k + 1 >= n && !final) return start;
              i = k + 1;
              break;
            }
          }
          lines += countNewlines(value);
          fields.push(value);
          if (error) break;
          const d = text.charCodeAt(i);
          if (d === COMMA) {
            i++;
            continue;
          }
          if (i >= n) break;
          if (d === LF || d === CR) {
            i = this.consumeLineEnd(text, i, final);
            if (i < 0) return start;
            break;
          }
          error = `unexpected character ${JSON.stringify(text[i])} after a closing quote (field ${fields.length})`;
          const nl = text.indexOf('\n', i);
          if (nl < 0 && !final) return start;
          i = nl < 0 ? n : nl + 1;
          break;
        }
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === COMMA || d === LF || d === CR) break;
          j++;
        }
        if (j >= n && !final) return start;
        fields.push(text.slice(i, j));
        if (j >= n) {
          i = n;
          done = true;
        } else if (text.charCodeAt(j) === COMMA) {
          i = j + 1;
        } else {
          i = this.consumeLineEnd(text, j, final);
          if (i < 0) return start;
          done = true;
        }
      }
      this.line += lines + 1;
      out.push(error === undefined ? { fields, line: startLine } : { fields, line: startLine, error });
    }
    return n;
  }

  /** Index after a line end at `i` (LF, CRLF or a lone CR), or -1 when more input is needed to tell. */
  private consumeLineEnd(text: string, i: number, final: boolean): number {
    if (text.charCodeAt(i) === LF) return i + 1;
    if (i + 1 >= text.length) return final ? i + 1 : -1;
    return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }
}

function countNewlines(s: string): number {
  let count = 0;
  for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) count++;
  return count;
}
