import type { AnchorConfig } from './models';

/**
 * Anchor centres of a MediaPipe SSD detector, as `[x0, y0, x1, y1, ...]` normalised to 0..1.
 * The face models use fixed-size anchors (width = height = 1), so only the centres matter.
 * Consecutive layers with the same stride share one grid; each layer adds one anchor per cell,
 * plus one interpolated anchor when `interpolatedScaleAspectRatio > 0`.
 */
export function createAnchors(config: AnchorConfig): Float32Array {
  const centres: number[] = [];
  const { strides, inputSize } = config;
  let layer = 0;
  while (layer < strides.length) {
    let next = layer;
    let perCell = 0;
    while (next < strides.length && strides[next] === strides[layer]) {
      perCell += config.interpolatedScaleAspectRatio > 0 ? 2 : 1;
      next++;
    }
    const grid = Math.ceil(inputSize / strides[layer]!);
    for (let y = 0; y < grid; y++) {
      for (let x = 0; x < grid; x++) {
        for (let a = 0; a < perCell; a++) centres.push((x + 0.5) / grid, (y + 0.5) / grid);
      }
    }
    layer = next;
  }
  return Float32Array.from(centres);
}
