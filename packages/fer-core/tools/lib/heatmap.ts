// Confusion-matrix heatmap as PNG, drawn pixel by pixel with a 5x7 bitmap font: pngjs has no
// text, and the npm text renderers need native canvas or fonts on disk.
import { PNG } from 'pngjs';

// Classic 5x7 font (glcdfont), one byte per column, bit 0 = top row.
const GLYPHS: Record<string, number[]> = {
  '0': [0x3e, 0x51, 0x49, 0x45, 0x3e],
  '1': [0x00, 0x42, 0x7f, 0x40, 0x00],
  '2': [0x72, 0x49, 0x49, 0x49, 0x46],
  '3': [0x21, 0x41, 0x49, 0x4d, 0x33],
  '4': [0x18, 0x14, 0x12, 0x7f, 0x10],
  '5': [0x27, 0x45, 0x45, 0x45, 0x39],
  '6': [0x3c, 0x4a, 0x49, 0x49, 0x31],
  '7': [0x41, 0x21, 0x11, 0x09, 0x07],
  '8': [0x36, 0x49, 0x49, 0x49, 0x36],
  '9': [0x46, 0x49, 0x49, 0x29, 0x1e],
  A: [0x7c, 0x12, 0x11, 0x12, 0x7c],
  B: [0x7f, 0x49, 0x49, 0x49, 0x36],
  C: [0x3e, 0x41, 0x41, 0x41, 0x22],
  D: [0x7f, 0x41, 0x41, 0x41, 0x3e],
  E: [0x7f, 0x49, 0x49, 0x49, 0x41],
  F: [0x7f, 0x09, 0x09, 0x09, 0x01],
  G: [0x3e, 0x41, 0x41, 0x51, 0x73],
  H: [0x7f, 0x08, 0x08, 0x08, 0x7f],
  I: [0x00, 0x41, 0x7f, 0x41, 0x00],
  J: [0x20, 0x40, 0x41, 0x3f, 0x01],
  K: [0x7f, 0x08, 0x14, 0x22, 0x41],
  L: [0x7f, 0x40, 0x40, 0x40, 0x40],
  M: [0x7f, 0x02, 0x1c, 0x02, 0x7f],
  N: [0x7f, 0x04, 0x08, 0x10, 0x7f],
  O: [0x3e, 0x41, 0x41, 0x41, 0x3e],
  P: [0x7f, 0x09, 0x09, 0x09, 0x06],
  Q: [0x3e, 0x41, 0x51, 0x21, 0x5e],
  R: [0x7f, 0x09, 0x19, 0x29, 0x46],
  S: [0x26, 0x49, 0x49, 0x49, 0x32],
  T: [0x03, 0x01, 0x7f, 0x01, 0x03],
  U: [0x3f, 0x40, 0x40, 0x40, 0x3f],
  V: [0x1f, 0x20, 0x40, 0x20, 0x1f],
  W: [0x3f, 0x40, 0x38, 0x40, 0x3f],
  X: [0x63, 0x14, 0x08, 0x14, 0x63],
  Y: [0x03, 0x04, 0x78, 0x04, 0x03],
  Z: [0x61, 0x59, 0x49, 0x4d, 0x43],
  '.': [0x00, 0x60, 0x60, 0x00, 0x00],
  ',': [0x00, 0x50, 0x30, 0x00, 0x00],
  ':': [0x00, 0x36, 0x36, 0x00, 0x00],
  '%': [0x23, 0x13, 0x08, 0x64, 0x62],
  '-': [0x08, 0x08, 0x08, 0x08, 0x08],
  '(': [0x00, 0x1c, 0x22, 0x41, 0x00],
  ')': [0x00, 0x41, 0x22, 0x1c, 0x00],
  '/': [0x20, 0x10, 0x08, 0x04, 0x02],
  '=': [0x14, 0x14, 0x14, 0x14, 0x14],
  _: [0x40, 0x40, 0x40, 0x40, 0x40],
  '+': [0x08, 0x08, 0x3e, 0x08, 0x08],
  ' ': [0, 0, 0, 0, 0],
};

export type Rgb = readonly [number, number, number];

/** A white RGBA image to draw boxes and 5x7 text on (also used by face-id's ROC plot). */
export class Canvas {
  readonly png: PNG;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.png = new PNG({ width, height });
    this.fill(0, 0, width, height, [255, 255, 255]);
  }

  fill(x0: number, y0: number, w: number, h: number, [r, g, b]: Rgb): void {
    for (let y = Math.max(0, y0); y < Math.min(this.height, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(this.width, x0 + w); x++) {
        const i = (y * this.width + x) * 4;
        this.png.data[i] = r;
        this.png.data[i + 1] = g;
        this.png.data[i + 2] = b;
        this.png.data[i + 3] = 255;
      }
    }
  }

  /** Draws text (upper-cased) with its top-left at (x, y); returns the width drawn. */
  text(x: number, y: number, text: string, scale: number, color: Rgb): number {
    let cx = x;
    for (const ch of text.toUpperCase()) {
      const columns = GLYPHS[ch] ?? GLYPHS[' ']!;
      columns.forEach((bits, col) => {
        for (let row = 0; row < 7; row++) if (bits & (1 << row)) this.fill(cx + col * scale, y + row * scale, scale, scale, color);
      });
      cx += 6 * scale;
    }
    return cx - x - scale;
  }

  centred(cx: number, y: number, text: string, scale: number, color: Rgb): void {
    this.text(Math.round(cx - (text.length * 6 * scale - scale) / 2), y, text, scale, color);
  }
}

/** White to dark blue by the share of the row (recall), so classes of any size compare. */
function shade(share: number): Rgb {
  const t = Math.min(1, Math.max(0, share));
  return [Math.round(247 - t * (247 - 8)), Math.round(251 - t * (251 - 48)), Math.round(255 - t * (255 - 107))];
}

/**
 * Renders a confusion matrix (rows = true class) as a PNG heatmap: each cell shows its count
 * and its share of the row, coloured by that share.
 */
export function renderConfusionPng(matrix: number[][], classes: readonly string[], title: string): Buffer {
  const k = classes.length;
  const cell = 96;
  const left = 120;
  const top = 74;
  const canvas = new Canvas(left + k * cell + 20, top + k * cell + 60);
  canvas.text(10, 10, title, 2, [0, 0, 0]);
  canvas.text(left, 40, 'PREDICTED', 1, [90, 90, 90]);
  classes.forEach((label, i) => {
    canvas.centred(left + i * cell + cell / 2, 56, label, 2, [0, 0, 0]);
    canvas.text(8, top + i * cell + cell / 2 - 7, label, 2, [0, 0, 0]);
  });
  canvas.text(8, top - 12, 'TRUE', 1, [90, 90, 90]);
  matrix.forEach((row, r) => {
    const sum = row.reduce((s, v) => s + v, 0);
    row.forEach((count, c) => {
      const share = sum > 0 ? count / sum : 0;
      const x = left + c * cell;
      const y = top + r * cell;
      canvas.fill(x, y, cell - 2, cell - 2, shade(share));
      const ink: Rgb = share > 0.45 ? [255, 255, 255] : [0, 0, 0];
      canvas.centred(x + cell / 2 - 1, y + cell / 2 - 18, String(count), 2, ink);
      canvas.centred(x + cell / 2 - 1, y + cell / 2 + 4, `${(share * 100).toFixed(1)}%`, 2, ink);
    });
  });
  canvas.text(left, top + k * cell + 16, 'CELLS: COUNT AND SHARE OF THE TRUE-CLASS ROW (RECALL ON THE DIAGONAL)', 1, [90, 90, 90]);
  return PNG.sync.write(canvas.png);
}
