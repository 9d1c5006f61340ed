// The stage's <video> and <img>, and what plays in them: a camera stream or a file the user chose.
import { $ } from '../dom';
import { requestCamera } from './camera';

/** Owns the media elements, the camera stream and the file's object URL; {@link MediaElements.release} frees them. */
export class MediaElements {
  private stream: MediaStream | null = null;
  private fileUrl: string | null = null;
  /** Bumped by each release, so a camera that opens after it is closed at once. */
  private generation = 0;

  constructor(
    private readonly stage: HTMLElement,
    readonly video: HTMLVideoElement,
    readonly photo: HTMLImageElement,
  ) {}

  /** The elements of index.html. */
  static fromPage(): MediaElements {
    return new MediaElements($('#stage'), $<HTMLVideoElement>('#video'), $<HTMLImageElement>('#photo'));
  }

  /**
   * Plays the front camera in the video; throws a CameraError when it cannot. Resolves false when
   * the media was released before the camera opened (the stream is then stopped at once).
   */
  async playCamera(): Promise<boolean> {
    this.show('video');
    const generation = this.generation;
    const stream = await requestCamera();
    if (generation !== this.generation) {
      stopTracks(stream);
      return false;
    }
    this.stream = stream;
    this.video.srcObject = stream;
    this.video.muted = true;
    this.video.playsInline = true;
    try {
      await this.video.play();
    } catch (error) {
      if (generation !== this.generation) return false;
      throw error;
    }
    return generation === this.generation;
  }

  /** Shows the image file; resolves once it is decoded, rejects when it cannot be. */
  async showPhoto(file: File): Promise<void> {
    this.photo.src = this.urlFor(file);
    this.show('photo');
    await this.photo.decode();
    this.fitStageTo(this.photo);
  }

  /** True while the photo tab shows a chosen image. */
  hasPhoto(): boolean {
    return Boolean(this.photo.src) && !this.photo.hidden;
  }

  /** Plays the video file muted, with controls; rejects when the browser cannot play it. */
  async playVideo(file: File): Promise<void> {
    this.show('video');
    this.video.controls = true;
    this.video.muted = true;
    this.video.src = this.urlFor(file);
    await this.video.play();
  }

  /** Stops the camera, unloads the video and frees the file's object URL. */
  release(): void {
    this.generation++;
    if (this.stream) stopTracks(this.stream);
    this.stream = null;
    this.video.srcObject = null;
    this.video.pause();
    this.video.removeAttribute('src');
    this.video.controls = false;
    this.video.load();
    if (this.fileUrl) URL.revokeObjectURL(this.fileUrl);
    this.fileUrl = null;
  }

  private urlFor(file: File): string {
    this.fileUrl = URL.createObjectURL(file);
    return this.fileUrl;
  }

  private show(kind: 'video' | 'photo'): void {
    this.video.hidden = kind !== 'video';
    this.photo.hidden = kind !== 'photo';
  }

  // Before the first analysis arrives, so the photo is not letterboxed into the camera's shape.
  private fitStageTo(photo: HTMLImageElement): void {
    this.stage.style.aspectRatio = `${photo.naturalWidth} / ${photo.naturalHeight}`;
  }
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
