// Video decoding with the system's ffmpeg: ffprobe for the size and duration, then ffmpeg pipes
// raw RGBA frames at a fixed rate. Frames are read with backpressure, so at most a couple of
// frames are in memory however long the video is.
import { spawn } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { FfmpegMissingError, VideoDecodeError } from './errors';
import { assertPixelCap, type RgbaImage } from './inputs';

/** Size and length of a video as it will be decoded (after rotation and scaling). */
export interface VideoInfo {
  width: number;
  height: number;
  /** Seconds; NaN when the container does not say. */
  durationSec: number;
}

/** One decoded frame. */
export interface VideoFrame {
  /** 0-based frame number at the sampling rate. */
  index: number;
  /** Presentation time in ms (index / fps). */
  timeMs: number;
  image: RgbaImage;
}

/** Where ffmpeg lives and how frames are sampled. */
export interface VideoOptions {
  /** ffmpeg command or path; ffprobe is looked up beside it. Default `ffmpeg`. */
  ffmpeg?: string;
  /** Frames per second to sample. */
  fps: number;
  /** Longer side of the decoded frames, in px; larger videos are scaled down. */
  maxSide: number;
}

/** ffprobe beside the given ffmpeg (`/opt/x/ffmpeg` -> `/opt/x/ffprobe`), or on the PATH. */
function ffprobeFor(ffmpeg: string): string {
  const probe = basename(ffmpeg).replace(/ffmpeg/i, 'ffprobe');
  return ffmpeg.includes('/') ? join(dirname(ffmpeg), probe) : probe;
}

/** Runs a command to completion; ENOENT/EACCES become {@link FfmpegMissingError}. */
function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', (error) => reject(missingOr(command, error)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function missingOr(command: string, error: Error): Error {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'EACCES' ? new FfmpegMissingError(command, { cause: error }) : error;
}

/** Checks that ffmpeg starts, before any model is loaded. */
export async function assertFfmpeg(ffmpeg = 'ffmpeg'): Promise<void> {
  await run(ffmpeg, ['-hide_banner', '-version']);
}

/**
 * Reads the first video stream's size (after its rotation metadata) and duration, and the size
 * frames will have once scaled so that the longer side is at most `maxSide` (even numbers).
 *
 * @throws {@link FfmpegMissingError}, {@link VideoDecodeError} when there is no video stream, or
 * an `ImageTooLargeError` (from `assertPixelCap`) when its frames are over the pixel cap.
 */
export async function probeVideo(path: string, shownAs: string, options: VideoOptions): Promise<VideoInfo> {
  const probe = ffprobeFor(options.ffmpeg ?? 'ffmpeg');
  const { code, stdout, stderr } = await run(probe, [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-print_format',
    'json',
    '-show_entries',
    'stream=width,height:stream_side_data=rotation:stream_tags=rotate:format=duration',
    path,
  ]);
  if (code !== 0) throw new VideoDecodeError(shownAs, lastLine(stderr) || `ffprobe exited with ${code}`);
  const info = JSON.parse(stdout) as {
    streams?: { width?: number; height?: number; side_data_list?: { rotation?: number }[]; tags?: { rotate?: string } }[];
    format?: { duration?: string };
  };
  const stream = info.streams?.[0];
  if (!stream?.width || !stream.height) throw new VideoDecodeError(shownAs, 'no video stream');
  // ffmpeg decodes each frame at full size before scaling it, so the photo cap applies to frames too.
  assertPixelCap(shownAs, stream.width, stream.height);
  const rotation = Number(stream.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? stream.tags?.rotate ?? 0);
  const quarterTurn = Math.abs(Math.round(rotation / 90)) % 2 === 1;
  const [w, h] = quarterTurn ? [stream.height, stream.width] : [stream.width, stream.height];
  const scale = Math.min(1, options.maxSide / Math.max(w, h));
  const even = (v: number) => Math.max(2, 2 * Math.round((v * scale) / 2));
  return { width: even(w), height: even(h), durationSec: Number(info.format?.duration ?? NaN) };
}

/**
 * Decodes a video to RGBA frames sampled at `fps`, scaled to `info`'s size. Stopping the
 * iteration early (break, throw) stops ffmpeg.
 *
 * @throws {@link FfmpegMissingError}, or {@link VideoDecodeError} when ffmpeg fails.
 */
export async function* readVideoFrames(path: string, shownAs: string, info: VideoInfo, options: VideoOptions): AsyncGenerator<VideoFrame> {
  const ffmpeg = options.ffmpeg ?? 'ffmpeg';
  const child = spawn(
    ffmpeg,
    [
      '-v',
      'error',
      '-nostdin',
      '-i',
      path,
      '-an',
      '-sn',
      '-vf',
      `fps=${options.fps},scale=${info.width}:${info.height}`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      'pipe:1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-4000)));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(missingOr(ffmpeg, error)));
    child.on('close', (code) => resolve(code));
  });
  // Keep a spawn failure from surfacing as an unhandled rejection before it is awaited below.
  exited.catch(() => undefined);

  const frameBytes = info.width * info.height * 4;
  let frame = new Uint8Array(frameBytes);
  let filled = 0;
  let index = 0;
  let finished = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === frameBytes) {
          yield { index, timeMs: (index * 1000) / options.fps, image: { data: frame, width: info.width, height: info.height } };
          index++;
          frame = new Uint8Array(frameBytes);
          filled = 0;
        }
      }
    }
    const code = await exited;
    finished = true;
    if (code !== 0) throw new VideoDecodeError(shownAs, lastLine(stderr) || `ffmpeg exited with ${code}`);
    if (index === 0) throw new VideoDecodeError(shownAs, 'ffmpeg produced no frames');
  } finally {
    if (!finished && child.exitCode === null) child.kill();
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}
