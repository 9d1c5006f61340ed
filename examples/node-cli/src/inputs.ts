// Input files: what each one is (from its first bytes, then its extension), and image decoding.
import { open, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { FileError } from './errors';

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

/** Photos larger than this are refused before decoding (jpeg-js's own default limit is 512 MB). */
const MAX_IMAGE_MEGAPIXELS = 100;

/**
 * Tells a JPEG or PNG by its magic bytes (whatever its extension) and a video by its extension.
 *
 * @throws {@link FileError} when the file cannot be opened or is none of these.
 */
export async function inputKind(path: string, shownAs: string, forceVideo = false): Promise<InputKind> {
  const head = Buffer.alloc(8);
  try {
    const handle = await open(path, 'r');
    try {
      await handle.read(head, 0, 8, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new FileError(shownAs, describeFsError(error), { cause: error });
  }
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
 * Decodes a JPEG or PNG file to RGBA pixels, the `{data, width, height}` fer-core takes.
 *
 * @throws {@link FileError} for a file that cannot be read or decoded.
 */
export async function decodeImage(path: string, shownAs: string, kind: 'jpeg' | 'png'): Promise<RgbaImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new FileError(shownAs, describeFsError(error), { cause: error });
  }
  try {
    if (kind === 'jpeg') {
      const { data, width, height } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_MEGAPIXELS });
      return { data, width, height };
    }
    // pngjs expands gray, palette and 16-bit PNGs to 8-bit RGBA.
    const { data, width, height } = PNG.sync.read(bytes);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height };
  } catch (error) {
    throw new FileError(shownAs, `cannot decode ${kind.toUpperCase()}: ${(error as Error).message}`, { cause: error });
  }
}

/** The fs error codes a user meets, in words. */
function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return (error as Error).message;
}
