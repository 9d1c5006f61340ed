// The analysis loop: a playing video analysed frame after frame, back to back, and its frame rate.
import type { Analysis } from './analyzer';

type AnalyzeFrame = (video: HTMLVideoElement, timeMs: number) => Promise<Analysis | null>;

interface Run {
  video: HTMLVideoElement;
  clock: () => number;
}

/** Runs `analyze` on each playable frame of one video at a time and reports each result with the rate. */
export class FrameLoop {
  /** The run in progress; a run whose object is no longer here ends. */
  private current: Run | null = null;
  private readonly rate = new RateMeter();

  constructor(
    private readonly analyze: AnalyzeFrame,
    private readonly onFrame: (analysis: Analysis, fps: number) => void,
  ) {}

  /** Analyses `video` until {@link FrameLoop.stop}; `clock` gives the frame time in ms. */
  start(video: HTMLVideoElement, clock: () => number): void {
    this.rate.reset();
    const run = { video, clock };
    this.current = run;
    void this.run(run);
  }

  /** Ends the loop; a frame in flight is dropped. */
  stop(): void {
    this.current = null;
  }

  /** Starts the frame rate afresh, e.g. for a new detector. */
  resetRate(): void {
    this.rate.reset();
  }

  private async run(run: Run): Promise<void> {
    while (this.current === run) {
      const { video } = run;
      if (video.readyState >= 2 && !video.paused && !video.ended && video.videoWidth > 0) {
        const analysis = await this.analyze(video, run.clock());
        if (this.current !== run) return;
        if (analysis) this.onFrame(analysis, this.rate.tick(analysis.ms));
      }
      await nextFrame();
    }
  }
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Frames per second over the last few seconds; from the frame's own time until there are two. */
class RateMeter {
  private times: number[] = [];

  reset(): void {
    this.times = [];
  }

  tick(frameMs: number, now = performance.now()): number {
    this.times.push(now);
    while (this.times.length > 2 && now - (this.times[0] as number) > 3000) this.times.shift();
    const span = now - (this.times[0] as number);
    if (this.times.length > 1 && span > 0) return ((this.times.length - 1) * 1000) / span;
    return frameMs > 0 ? 1000 / frameMs : 0;
  }
}
