// Opening the camera, and turning every way it can fail into a problem the UI can explain.

/** Why the camera is not available. */
export type CameraProblem = 'insecure' | 'unsupported' | 'denied' | 'no-camera' | 'busy' | 'failed';

export class CameraError extends Error {
  constructor(
    readonly problem: CameraProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CameraError';
  }
}

const ALTERNATIVE = 'You can still analyse a photo or a video file, or pick a mood by hand.';

/** Asks for the front camera (the browser asks the user) and plays it in `video`. */
export async function openCamera(video: HTMLVideoElement): Promise<MediaStream> {
  if (!window.isSecureContext) {
    throw new CameraError(
      'insecure',
      `Browsers only open the camera on secure pages: use http://127.0.0.1:${location.port || 80}/ or https. ${ALTERNATIVE}`,
    );
  }
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('unsupported', `This browser cannot open a camera. ${ALTERNATIVE}`);
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
      audio: false,
    });
  } catch (error) {
    throw toCameraError(error);
  }
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();
  return stream;
}

export function closeCamera(video: HTMLVideoElement): void {
  const stream = video.srcObject;
  if (stream instanceof MediaStream) for (const track of stream.getTracks()) track.stop();
  video.srcObject = null;
}

function toCameraError(error: unknown): CameraError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new CameraError(
        'denied',
        `Camera permission was denied. Allow the camera for this site in the browser's address bar or site settings, then press “Try again”. ${ALTERNATIVE}`,
      );
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new CameraError('no-camera', `No camera was found. Connect one and press “Try again”. ${ALTERNATIVE}`);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new CameraError(
        'busy',
        `The camera is in use by another app or could not start. Close that app and press “Try again”. ${ALTERNATIVE}`,
      );
    default:
      return new CameraError(
        'failed',
        `The camera could not start (${error instanceof Error ? error.message : String(error)}). ${ALTERNATIVE}`,
      );
  }
}
