// The messages between an app and the fer-core worker. Plain data only: options go by structured
// clone, frames are transferred.
import type { BackendSelection } from '../backend';
import type { DetectEmotionOptions, EmotionDetectorOptions } from '../detector';
import type { EmotionTrackerOptions, TrackerFrame } from '../tracker';
import type { FaceEmotion } from '../types';

/** What the worker needs to start: the detector's options and the tracker's. Functions and IOHandlers cannot cross. */
export interface WorkerInit {
  detector?: EmotionDetectorOptions;
  tracker?: EmotionTrackerOptions;
}

/** A frame the worker can take: transferred, so the sender's copy is detached (closed) after it. */
export type TransferableFrame = ImageBitmap | VideoFrame;

export type ToWorker =
  | { type: 'init'; init: WorkerInit }
  | { type: 'frame'; id: number; frame: TransferableFrame; timeMs: number | undefined; options: DetectEmotionOptions }
  | { type: 'reset' }
  | { type: 'dispose' };

/** An error as it crosses the boundary: its class name and message. */
export interface WireError {
  name: string;
  message: string;
}

export type FromWorker =
  | { type: 'ready'; selection: BackendSelection; metadata: Record<string, unknown> }
  | { type: 'result'; id: number; faces: FaceEmotion[]; tracked: TrackerFrame; ms: number }
  | { type: 'error'; id: number | null; error: WireError }
  | { type: 'disposed' };
