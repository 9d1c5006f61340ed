import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvRecord } from '../src/load/csv-tokenizer';
import { DATA_MOODS, SPOTIFY_FEATURES_SAMPLE } from './paths';

function tokenize(chunks: string[]): CsvRecord[] {
  const tokenizer = new CsvTokenizer();
  const out: CsvRecord[] = [];
  for (const chunk of chunks) tokenizer.push(chunk, out);
  tokenizer.end(out);
  return out;
}

const TRICKY = '\ufeffa,b,c\r\n"x, y","say ""hi""",3\r\n"multi\nline",12" Mix,\r\n\r\nlast,row,"q"';

describe('CsvTokenizer', () => {
  it('handles quotes, escaped quotes, CRLF, embedded newlines, empty fields and a BOM', () => {
    const records = tokenize([TRICKY]);
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', '3'],
      ['multi\nline', '12" Mix', ''],
      ['last', 'row', 'q'],
    ]);
    // The quoted newline makes row 3 span lines 3-4; the blank line 5 is skipped.
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const whole = tokenize([TRICKY]);
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < TRICKY.length; i += size) chunks.push(TRICKY.slice(i, i + size));
      expect(tokenize(chunks)).toEqual(whole);
    }
  });

  it('reports malformed records with their line and recovers at the next line', () => {
    const records = tokenize(['h1,h2\n"ok",1\n"bad"x,2\nfine,3\n"open,4\n']);
    expect(records[2]).toMatchObject({ line: 3, error: expect.stringContaining('after a closing quote') as string });
    expect(records[3]).toEqual({ fields: ['fine', '3'], line: 4, endLine: 4 });
    expect(records[4]).toMatchObject({
      line: 5,
      error: 'field 1: the quote opened on line 5 is never closed (a stray quote? a quote inside a quoted field must be doubled)',
    });
  });

  it.each([DATA_MOODS, SPOTIFY_FEATURES_SAMPLE])('matches csv-parse on the real file %s', (path) => {
    const buf = readFileSync(path);
    const text = (path.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
    const expected = parse(text, { relax_column_count: true, relax_quotes: true }) as string[][];
    const actual = tokenize([text]).map((r) => r.fields);
    expect(actual.length).toBeGreaterThan(680);
    expect(actual).toEqual(expected);
  });
});
