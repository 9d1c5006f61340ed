// What the source tabs and the stage's buttons do: camera, photo or video file in, faces out.
import type { Analyzer } from '../analysis/analyzer';
import { showAnalysis } from '../analysis/engine';
import type { AppStore, Source } from '../state/app-state';
import { messageOf } from '../text';
import type { StageActions } from '../ui/stage';
import { CameraError, type CameraProblem } from './camera';
import type { MediaElements } from './elements';

const CAMERA_TITLES: Record<CameraProblem, string> = {
  insecure: 'The camera needs a secure page',
  unsupported: 'This browser has no camera support',
  denied: 'Camera permission denied',
  'no-camera': 'No camera found',
  busy: 'The camera is busy',
  failed: 'The camera could not start',
};

const CHOOSE: Record<Source, string | null> = {
  camera: null,
  photo: 'Choose a photo to analyse.',
  video: 'Choose a video file to analyse.',
};

export interface SourceActions extends StageActions {
  /** Analyses the photo on show again, e.g. with a new detector; does nothing on the other tabs. */
  reanalyzePhoto(): Promise<void>;
}

/** The stage's actions over `media`, analysed by `analyzer`, shown through `store`. */
export function createSourceActions(store: AppStore, media: MediaElements, analyzer: Analyzer): SourceActions {
  // A jump in the video is a new scene for the tracker.
  media.video.addEventListener('seeking', () => void analyzer.resetTracks());

  function release(): void {
    analyzer.stop();
    media.release();
  }

  async function startCamera(): Promise<void> {
    release();
    store.update({ notice: null, analysis: null, mirrored: true, hint: 'Starting the camera…' });
    try {
      if (!(await media.playCamera())) return;
    } catch (error) {
      const problem = error instanceof CameraError ? error : new CameraError('failed', messageOf(error));
      if (store.getState().source === 'camera') {
        store.update({ hint: null, notice: { title: CAMERA_TITLES[problem.problem], text: problem.message, action: 'retry-camera' } });
      }
      return;
    }
    store.update({ hint: store.getState().backend.status === 'loading' ? 'Loading the face models…' : 'Looking for faces…' });
    analyzer.start(media.video, () => performance.now());
  }

  async function analyzePhoto(): Promise<void> {
    if (!media.hasPhoto()) return;
    const analysis = await analyzer.analyzeImage(media.photo);
    if (analysis) showAnalysis(store, analysis);
    else if (store.getState().backend.status === 'failed')
      store.update({ hint: 'The face models are not available, so the photo cannot be analysed.' });
  }

  async function openPhoto(file: File): Promise<void> {
    release();
    if (!file.type.startsWith('image/')) return void store.update({ hint: `${file.name} is not an image.` });
    const shown = media.showPhoto(file);
    store.update({ notice: null, analysis: null, mirrored: false, hint: 'Analysing the photo…' });
    try {
      await shown;
    } catch {
      return void store.update({ hint: `${file.name} could not be read as an image.` });
    }
    await analyzePhoto();
  }

  async function openVideo(file: File): Promise<void> {
    release();
    if (!file.type.startsWith('video/') && !/\.(mp4|webm|mov|m4v|ogv)$/i.test(file.name)) {
      return void store.update({ hint: `${file.name} is not a video.` });
    }
    const playing = media.playVideo(file);
    store.update({ notice: null, analysis: null, mirrored: false, hint: 'Opening the video…' });
    try {
      await playing;
    } catch {
      return void store.update({ hint: `This browser cannot play ${file.name}. Try an MP4 (H.264) or WebM file.` });
    }
    store.update({ hint: null });
    analyzer.start(media.video, () => media.video.currentTime * 1000);
  }

  function selectSource(source: Source): void {
    release();
    store.update({ source, notice: null, analysis: null, hint: CHOOSE[source] });
    if (source === 'camera') void startCamera();
  }

  return {
    selectSource,
    retryCamera: () => void startCamera(),
    stopCamera: () => {
      release();
      store.update({ hint: 'Camera stopped.', analysis: null });
    },
    openPhoto: (file) => void openPhoto(file),
    openVideo: (file) => void openVideo(file),
    reanalyzePhoto: () => (store.getState().source === 'photo' ? analyzePhoto() : Promise.resolve()),
  };
}
