// Builds the fake webcam for Chromium's --use-file-for-fake-video-capture: a YUV4MPEG2 (.y4m)
// clip made at test time from a public-domain portrait, framed like a webcam shot.
import { readFileSync, writeFileSync } from 'node:fs';
import jpeg from 'jpeg-js';

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FakeCamera {
  path: string;
  width: number;
  height: number;
  /** Where the face is in the clip's frames (from the photo's annotated box). */
  face: FaceBox;
}

export interface FakeCameraOptions {
  /** The photo's annotated face box, in its pixels. */
  face: FaceBox;
  width?: number;
  height?: number;
  /** Face width as a share of the frame width (a person at arm's length: about 0.3). */
  faceShare?: number;
  frames?: number;
}

/**
 * Crops the photo around the face to the frame's aspect ratio, scales it to `width x height`,
 * converts to YUV 4:2:0 (BT.601, full range as C420jpeg says) and writes `frames` frames, each
 * shifted by a pixel or two so the tracker sees a face that moves a little.
 */
export function writeFakeCamera(jpegPath: string, outPath: string, options: FakeCameraOptions): FakeCamera {
  const { width = 640, height = 480, faceShare = 0.3, frames = 6 } = options;
  const photo = jpeg.decode(readFileSync(jpegPath), { useTArray: true, formatAsRGBA: true });
  const face = options.face;
  let cropW = Math.min(photo.width, face.width / faceShare);
  let cropH = (cropW * height) / width;
  if (cropH > photo.height) {
    cropH = photo.height;
    cropW = (cropH * width) / height;
  }
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const left = clamp(face.x + face.width / 2 - cropW / 2, photo.width - cropW);
  const top = clamp(face.y + face.height * 0.45 - cropH * 0.45, photo.height - cropH);
  const scale = width / cropW;

  const chunks: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < frames; f++) {
    const shift = [0, 1, 2, 1, 0, -1][f % 6] as number;
    chunks.push(Buffer.from('FRAME\n'), toYuv420(photo, { left: left + shift / scale, top, scale, width, height }));
  }
  writeFileSync(outPath, Buffer.concat(chunks));
  return {
    path: outPath,
    width,
    height,
    face: { x: (face.x - left) * scale, y: (face.y - top) * scale, width: face.width * scale, height: face.height * scale },
  };
}

interface Sampling {
  left: number;
  top: number;
  scale: number;
  width: number;
  height: number;
}

/** Box-filtered resample of the crop, then full-range BT.601 YUV with 2x2-averaged chroma. */
function toYuv420(photo: { width: number; height: number; data: Uint8Array }, s: Sampling): Buffer {
  const { width, height } = s;
  const rgb = new Float32Array(width * height * 3);
  const step = 1 / s.scale;
  const taps = Math.max(1, Math.ceil(step));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < taps; dy++) {
        for (let dx = 0; dx < taps; dx++) {
          const sx = Math.min(photo.width - 1, Math.max(0, Math.floor(s.left + (x + (dx + 0.5) / taps) * step)));
          const sy = Math.min(photo.height - 1, Math.max(0, Math.floor(s.top + (y + (dy + 0.5) / taps) * step)));
          const i = (sy * photo.width + sx) * 4;
          r += photo.data[i] as number;
          g += photo.data[i + 1] as number;
          b += photo.data[i + 2] as number;
        }
      }
      const n = taps * taps;
      const o = (y * width + x) * 3;
      rgb[o] = r / n;
      rgb[o + 1] = g / n;
      rgb[o + 2] = b / n;
    }
  }
  const out = Buffer.alloc(width * height * 1.5);
  const byte = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  for (let i = 0; i < width * height; i++) {
    out[i] = byte(0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!);
  }
  const cw = width / 2;
  const uBase = width * height;
  const vBase = uBase + cw * (height / 2);
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < cw; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const o = ((2 * y + dy) * width + 2 * x + dx) * 3;
        r += rgb[o]!;
        g += rgb[o + 1]!;
        b += rgb[o + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      out[uBase + y * cw + x] = byte(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      out[vBase + y * cw + x] = byte(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return out;
}
