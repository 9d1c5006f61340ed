import { FerError } from '@moodtunes/fer-core';
import { MoodRecommenderError } from '@moodtunes/mood-recommender';
import { oneLine, stackWithCauses, unexpected } from './fatal';

/** Base class of the CLI's own errors; `exitCode` is what the process exits with. */
class CliError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A file is missing or unreadable, an input is neither a JPEG/PNG image nor a video, or an output cannot be written. */
export class FileError extends CliError {
  override readonly exitCode = 2;
  constructor(
    /** The path as the user gave it. */
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}

/** A video was given but `ffmpeg`/`ffprobe` cannot be started. */
export class FfmpegMissingError extends CliError {
  override readonly exitCode = 3;
  constructor(
    /** The command that could not be started. */
    readonly command: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Video input needs ffmpeg, but "${command}" could not be started. ` +
        'Install it (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg) ' +
        'or pass its path with --ffmpeg.',
      options,
    );
  }
}

/** ffmpeg or ffprobe ran but could not read the video. */
export class VideoDecodeError extends CliError {
  constructor(
    /** The video path. */
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: cannot decode video: ${reason}`, options);
  }
}

/** An image, or a video's frames, whose header declares more pixels than the CLI decodes. */
export class ImageTooLargeError extends FileError {
  constructor(
    file: string,
    /** Width from the file's header. */
    readonly width: number,
    /** Height from the file's header. */
    readonly height: number,
    /** The cap, in megapixels. */
    readonly maxMegapixels: number,
  ) {
    super(
      file,
      `${width}x${height} is ${((width * height) / 1e6).toFixed(1)} megapixels, over the ${maxMegapixels} MP limit; scale it down first`,
    );
  }
}

/**
 * The errno code (`ENOENT`, `EISDIR`, ...) or zlib code (`Z_BUF_ERROR`, ...) of an error or of one of
 * its causes: the file could not be read to the end, whatever the library wrapped it in.
 */
export function ioCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^(E[A-Z]+|Z_[A-Z_]+)$/.test(code)) return code;
  }
  return undefined;
}

/** A file-reading error in words (`no such file`, `is a directory, not a file`, ...). */
export function describeIoError(error: unknown): string {
  const code = ioCode(error);
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  return code?.startsWith('Z_') ? `truncated or corrupt gzip: ${message}` : message;
}

/**
 * The exit code and the stderr text for an error that ended the run. The CLI's own errors, a file
 * that could not be read to the end (an errno or zlib code, in whatever class a library wrapped
 * it), and the errors of fer-core and mood-recommender (by their base classes) get one line with
 * their whole message; anything else one capped line and a hint. `debug` shows the stacks.
 */
export function failure(error: unknown, debug: boolean): { exitCode: number; text: string } {
  const typed = error instanceof CliError || error instanceof FerError || error instanceof MoodRecommenderError;
  if (!typed) return { exitCode: 1, text: unexpected(error, debug) };
  const exitCode = error instanceof CliError ? error.exitCode : ioCode(error) !== undefined ? 2 : 1;
  return { exitCode, text: `${debug ? stackWithCauses(error) : oneLine(error, Infinity)}\n` };
}
