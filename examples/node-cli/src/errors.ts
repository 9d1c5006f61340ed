/** Base class of the CLI's own errors; `exitCode` is what the process exits with. */
export class CliError extends Error {
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
