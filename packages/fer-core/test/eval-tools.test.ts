// The eval command's building blocks: FER2013 CSV reading, metrics, heatmap.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readFer2013, type BadRow } from '../tools/lib/fer2013';
import { renderConfusionPng } from '../tools/lib/heatmap';
import { addToMatrix, emptyMatrix, metricsFromMatrix } from '../tools/lib/metrics';
import { PUBLIC_TEST } from '../tools/lib/paths';

const pixels = (v: number) => new Array(2304).fill(v).join(' ');

describe('readFer2013', () => {
  it('streams a gzipped CSV, skips malformed rows and reports them with line numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fer-'));
    const file = join(dir, 'mini.csv.gz');
    const text = [
      'emotion,pixels,Usage',
      `3,${pixels(10)},PublicTest`,
      `9,${pixels(10)},PublicTest`,
      `4,1 2 3,PublicTest`,
      `6,${pixels(300)},PublicTest`,
      `0,${pixels(200)},Training`,
      '',
    ].join('\n');
    writeFileSync(file, gzipSync(text));
    const bad: BadRow[] = [];
    const rows = [];
    for await (const row of readFer2013(file, { onBadRow: (b) => bad.push(b) })) rows.push(row);
    expect(rows.map((r) => [r.line, r.label, r.usage, r.pixels[0]])).toEqual([
      [2, 3, 'PublicTest', 10],
      [6, 0, 'Training', 200],
    ]);
    expect(bad.map((b) => b.line)).toEqual([3, 4, 5]);
    expect(bad[0]?.reason).toMatch(/emotion "9"/);
    expect(bad[1]?.reason).toMatch(/3 values, expected 2304/);
    expect(bad[2]?.reason).toMatch(/"300"/);
  });

  it('reads the real PublicTest file: 3,579 faces (3,589 less the 10 FER+ left out) of 48x48', async () => {
    let n = 0;
    const counts = new Array(7).fill(0);
    for await (const row of readFer2013(PUBLIC_TEST)) {
      n++;
      counts[row.label]++;
      expect(row.pixels.length).toBe(2304);
    }
    expect(n).toBe(3579);
    expect(counts.every((c) => c > 0)).toBe(true);
  });
});

describe('metricsFromMatrix', () => {
  it('matches hand-computed precision, recall, F1 and accuracy', () => {
    const m = emptyMatrix(3);
    // truth, predicted
    for (const [t, p] of [
      [0, 0],
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 1],
      [1, 0],
      [2, 2],
      [2, 1],
    ] as const)
      addToMatrix(m, t, p);
    const r = metricsFromMatrix(m, ['a', 'b', 'c']);
    expect(r.total).toBe(8);
    expect(r.accuracy).toBeCloseTo(5 / 8);
    expect(r.perClass[0]).toMatchObject({ precision: 2 / 3, recall: 2 / 3, support: 3 });
    expect(r.perClass[1]!.precision).toBeCloseTo(2 / 4);
    expect(r.perClass[2]).toMatchObject({ precision: 1, recall: 0.5 });
    expect(r.perClass[2]!.f1).toBeCloseTo(2 / 3);
    expect(r.macro.recall).toBeCloseTo((2 / 3 + 2 / 3 + 0.5) / 3);
    expect(() => addToMatrix(m, 0, 5)).toThrow(RangeError);
  });
});

describe('renderConfusionPng', () => {
  it('draws a PNG whose diagonal cells are darker where recall is higher', () => {
    const matrix = [
      [9, 1],
      [5, 5],
    ];
    const png = PNG.sync.read(renderConfusionPng(matrix, ['happy', 'sad'], 'TEST'));
    expect(png.width).toBeGreaterThan(200);
    // Top-left pixel of each diagonal cell (left = 120, top = 74, cell = 96).
    const red = (x: number, y: number) => png.data[(y * png.width + x) * 4] ?? 0;
    expect(red(121, 75)).toBeLessThan(red(121 + 96, 75 + 96));
  });
});
