// Asking for the camera, and turning every way it can fail into a problem the UI can explain.
import { messageOf } from '../text';

/** Why the camera is not available. */
export type CameraProblem = 'insecure' | 'unsupported' | 'denied' | 'no-camera' | 'busy' | 'failed';

/** Why the camera did not open, with a message that says what the user can do. */
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

/** Asks for the front camera (the browser asks the user); every way it can fail becomes a {@link CameraError}. */
export async function requestCamera(): Promise<MediaStream> {
  if (!window.isSecureContext) {
    throw new CameraError(
      'insecure',
      `Browsers only open the camera on secure pages: use http://127.0.0.1:${location.port || 80}/ or https. ${ALTERNATIVE}`,
    );
  }
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('unsupported', `This browser cannot open a camera. ${ALTERNATIVE}`);
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
      audio: false,
    });
  } catch (error) {
    throw toCameraError(error);
  }
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
      return new CameraError('failed', `The camera could not start (${messageOf(error)}). ${ALTERNATIVE}`);
  }
}
