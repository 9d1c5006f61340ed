// Frames as pixels for fer-core: a video frame or a photo, scaled down, through a 2D canvas.

export type Frame = HTMLVideoElement | HTMLImageElement;

/**
 * Larger frames are scaled down first, to bound memory. The detector finds faces down to about
 * 24 px, so a photo of 2048 px keeps faces down to about 1.2 % of its long side.
 */
const MAX_SIDE = 2048;

/** The size a frame is analysed at: its own, scaled down to at most {@link MAX_SIDE} px on its longer side. */
export function frameSize(frame: Frame): { width: number; height: number } {
  const [w, h] = frame instanceof HTMLVideoElement ? [frame.videoWidth, frame.videoHeight] : [frame.naturalWidth, frame.naturalHeight];
  const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

/**
 * Copies a frame into RGBA pixels. Handing fer-core pixels instead of the element works the same
 * on every backend: tfjs-backend-webgpu imports a <video> as an external texture, which fails on
 * some adapters (SwiftShader among them).
 */
export class FrameGrabber {
  private readonly canvas = document.createElement('canvas');
  private readonly context = this.canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;

  /** The frame's current picture, at most {@link MAX_SIDE} px on its longer side. */
  grab(frame: Frame): ImageData {
    const { width, height } = frameSize(frame);
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.context.drawImage(frame, 0, 0, width, height);
    return this.context.getImageData(0, 0, width, height);
  }
}
