// Input files: what each one is (from its first bytes, then its extension), and image decoding.
import { open, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { imageSize } from 'image-size';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describeIoError, FileError, ImageTooLargeError } from './errors';

/** 8-bit RGBA pixels, row-major: the `{data, width, height}` (ImageData-like) frame fer-core takes. */
export interface RgbaImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** What an input file holds. */
export type InputKind = 'jpeg' | 'png' | 'video';

/** Extensions taken as video when the bytes are not a JPEG or PNG (ffmpeg reads many more; see `--video`). */
const VIDEO_EXTENSIONS = ['.mp4', '.m4v', '.mov', '.mkv', '.webm', '.avi', '.mpg', '.mpeg', '.ogv', '.y4m', '.gif'];

/**
 * Photos and video frames larger than this are refused from their header, before decoding: a
 * 17 KB PNG can declare 12000x12000 pixels (576 MB of RGBA).
 */
const MAX_IMAGE_MEGAPIXELS = 100;

/** @throws {@link ImageTooLargeError} when `width x height` is over {@link MAX_IMAGE_MEGAPIXELS}. */
export function assertPixelCap(shownAs: string, width: number, height: number): void {
  if (width * height > MAX_IMAGE_MEGAPIXELS * 1e6) throw new ImageTooLargeError(shownAs, width, height, MAX_IMAGE_MEGAPIXELS);
}

/**
 * The first `length` bytes of a file (fewer if it is shorter).
 *
 * @throws {@link FileError} when it is missing, a directory or unreadable; `role` (e.g. `--catalog`) is added to the message.
 */
export async function readHead(path: string, shownAs: string, length: number, role?: string): Promise<Buffer> {
  const head = Buffer.alloc(length);
  try {
    const handle = await open(path, 'r');
    try {
      const { bytesRead } = await handle.read(head, 0, length, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new FileError(shownAs, `${describeIoError(error)}${role ? ` (${role})` : ''}`, { cause: error });
  }
}

/**
 * Tells a JPEG or PNG by its magic bytes (whatever its extension) and a video by its extension.
 *
 * @throws {@link FileError} when the file cannot be opened or is none of these.
 */
export async function inputKind(path: string, shownAs: string, forceVideo = false): Promise<InputKind> {
  const head = await readHead(path, shownAs, 8);
  if (forceVideo) return 'video';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (VIDEO_EXTENSIONS.includes(extname(path).toLowerCase())) return 'video';
  throw new FileError(
    shownAs,
    `not a JPEG or PNG image, nor a video (${VIDEO_EXTENSIONS.join(' ')}); pass --video to hand any file to ffmpeg`,
  );
}

/**
 * Decodes a JPEG or PNG file to RGBA pixels, the `{data, width, height}` fer-core takes, after
 * checking the size its header declares (PNG IHDR, JPEG SOF) against the pixel cap.
 *
 * @throws {@link ImageTooLargeError} for an image over the cap, {@link FileError} for one that cannot be read or decoded.
 */
export async function decodeImage(path: string, shownAs: string, kind: 'jpeg' | 'png'): Promise<RgbaImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new FileError(shownAs, describeIoError(error), { cause: error });
  }
  const decodeError = (error: unknown) =>
    new FileError(shownAs, `cannot decode ${kind.toUpperCase()}: ${(error as Error).message}`, { cause: error });
  let size;
  try {
    size = imageSize(bytes);
  } catch (error) {
    throw decodeError(error);
  }
  assertPixelCap(shownAs, size.width, size.height);
  try {
    if (kind === 'jpeg') {
      // jpeg-js checks the cap again at the SOF it decodes, should it differ from the one image-size read.
      const { data, width, height } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_MEGAPIXELS });
      return { data, width, height };
    }
    // pngjs expands gray, palette and 16-bit PNGs to 8-bit RGBA.
    const { data, width, height } = PNG.sync.read(bytes);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height };
  } catch (error) {
    throw decodeError(error);
  }
}
