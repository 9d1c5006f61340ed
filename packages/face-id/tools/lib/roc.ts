// The verification ROC as a PNG: true match rate against false match rate, one curve per crop
// margin, the threshold marked on each.
import { PNG } from 'pngjs';
import { Canvas, type Rgb } from '../../../fer-core/tools/lib/heatmap';

/** One point of a ROC curve. */
export interface RocPoint {
  threshold: number;
  trueMatchRate: number;
  falseMatchRate: number;
}

const COLORS: Rgb[] = [
  [31, 119, 180],
  [214, 39, 40],
  [44, 160, 44],
  [148, 103, 189],
  [255, 127, 14],
];

/** Draws `curves` (label and points, thresholds ascending) on a 560x560 plot; `mark` is the threshold to circle. */
export function renderRocPng(curves: { label: string; points: RocPoint[] }[], mark: number, title: string): Buffer {
  const size = 560;
  const left = 60;
  const top = 50;
  const plot = 440;
  const canvas = new Canvas(size, size);
  const ink: Rgb = [40, 40, 40];
  canvas.centred(size / 2, 14, title, 2, ink);
  const px = (rate: number) => left + Math.round(rate * plot);
  const py = (rate: number) => top + plot - Math.round(rate * plot);
  for (let k = 0; k <= 10; k++) {
    const grid: Rgb = k % 5 === 0 ? [170, 170, 170] : [228, 228, 228];
    canvas.fill(px(k / 10), top, 1, plot, grid);
    canvas.fill(left, py(k / 10), plot, 1, grid);
  }
  for (const [k, text] of [
    [0, '0'],
    [0.5, '0.5'],
    [1, '1'],
  ] as const) {
    canvas.centred(px(k), top + plot + 8, text, 1, ink);
    canvas.text(left - 24, py(k) - 3, text, 1, ink);
  }
  canvas.centred(left + plot / 2, top + plot + 24, 'FALSE MATCH RATE', 2, ink);
  canvas.text(6, top - 20, 'TRUE MATCH RATE', 1, ink);
  curves.forEach(({ label, points }, c) => {
    const color = COLORS[c % COLORS.length]!;
    const path = [{ trueMatchRate: 0, falseMatchRate: 0 }, ...points, { trueMatchRate: 1, falseMatchRate: 1 }];
    for (let i = 1; i < path.length; i++) {
      const a = path[i - 1]!;
      const b = path[i]!;
      const steps = Math.max(
        1,
        Math.ceil(Math.hypot(px(b.falseMatchRate) - px(a.falseMatchRate), py(b.trueMatchRate) - py(a.trueMatchRate))),
      );
      for (let s = 0; s <= steps; s++) {
        const t = s / steps;
        canvas.fill(
          px(a.falseMatchRate + (b.falseMatchRate - a.falseMatchRate) * t) - 1,
          py(a.trueMatchRate + (b.trueMatchRate - a.trueMatchRate) * t) - 1,
          3,
          3,
          color,
        );
      }
    }
    const at = points.reduce((best, p) => (Math.abs(p.threshold - mark) < Math.abs(best.threshold - mark) ? p : best), points[0]!);
    canvas.fill(px(at.falseMatchRate) - 5, py(at.trueMatchRate) - 5, 11, 11, color);
    canvas.fill(left + plot - 190, top + 12 + c * 16, 14, 8, color);
    canvas.text(left + plot - 170, top + 12 + c * 16, label, 1, ink);
  });
  return PNG.sync.write(canvas.png);
}
