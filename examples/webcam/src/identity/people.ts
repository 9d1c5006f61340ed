// Who is in the frame: face-id's embedder and recognizer, a name per tracked face (re-checked
// once a second, not every frame), and enrolment from the next frames of the camera.
import type { FaceEmotion, TrackedFace } from '@moodtunes/fer-core';
import { createFaceEmbedder, createFaceRecognizer, InvalidGalleryError, type FaceEmbedder, type FaceRecognizer } from '@moodtunes/face-id';

const GALLERY_KEY = 'moodtunes.gallery';

/** How often a followed face is identified again, ms. */
const RECHECK_MS = 1000;

/** An enrolment in progress: embeddings of the largest face of the next frames. */
interface Enrolment {
  name: string;
  done: number;
  total: number;
}

/** What the people view shows. */
export interface PeopleState {
  /** Enrolled names. */
  names: string[];
  enrolment: Enrolment | null;
  /** Why the saved gallery could not be read (it was left as it was), or why enrolment failed. */
  problem: string | null;
}

/**
 * The gallery lives in `storage` (the page's localStorage) as face-id's JSON: 128 numbers per
 * enrolled frame, never an image, never uploaded. `onChange` tells the app what to show.
 */
export class People {
  private recognizer: FaceRecognizer;
  private embedder: Promise<FaceEmbedder> | null = null;
  private readonly names = new Map<number, { name: string | null; atMs: number }>();
  private enrolling: { name: string; samples: Float32Array[]; total: number } | null = null;
  private problem: string | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly onChange: (state: PeopleState) => void,
  ) {
    const saved = storage.getItem(GALLERY_KEY);
    try {
      this.recognizer = createFaceRecognizer(saved ? { gallery: saved } : {});
    } catch (error) {
      if (!(error instanceof InvalidGalleryError)) throw error;
      this.recognizer = createFaceRecognizer();
      this.problem = `The saved faces could not be read (${error.message}); enrol again or delete them.`;
    }
  }

  /** The state for the view, now. */
  get state(): PeopleState {
    const { enrolling } = this;
    return {
      names: this.recognizer.names,
      enrolment: enrolling ? { name: enrolling.name, done: enrolling.samples.length, total: enrolling.total } : null,
      problem: this.problem,
    };
  }

  /** Starts enrolling `name` from the largest face of the next `total` analysed frames. */
  enroll(name: string, total = 5): void {
    this.enrolling = { name: name.trim(), samples: [], total };
    this.problem = null;
    this.onChange(this.state);
  }

  /** Forgets one person (or everyone) and their saved embeddings. */
  forget(name?: string): void {
    for (const n of name === undefined ? this.recognizer.names : [name]) this.recognizer.forget(n);
    if (this.recognizer.names.length === 0) this.storage.removeItem(GALLERY_KEY);
    else this.save();
    this.names.clear();
    this.problem = null;
    this.onChange(this.state);
  }

  /** Drops the network (a backend switch disposes tensors); it loads again on the next frame that needs it. */
  resetModel(): void {
    const embedder = this.embedder;
    this.embedder = null;
    void embedder?.then((e) => e.dispose()).catch(() => undefined);
  }

  /** Forgets which track is whom (a new source). */
  resetTracks(): void {
    this.names.clear();
  }

  /**
   * The names of `faces` (aligned with `tracked`), embedding only faces whose track was not
   * identified in the last second, and feeding an enrolment in progress. Null: no one enrolled.
   * `frame.pixels` gives the frame the faces were found in, and `frame.ready` readies a tfjs
   * backend on this thread; both are called only when something is embedded.
   */
  async observe(
    frame: { pixels: () => ImageData; ready: () => Promise<unknown> },
    faces: readonly FaceEmotion[],
    tracked: readonly TrackedFace[],
    timeMs: number,
  ): Promise<(string | null)[]> {
    const stale = faces.map((_, i) => i).filter((i) => timeMs - (this.names.get(tracked[i]!.id)?.atMs ?? -Infinity) >= RECHECK_MS);
    const wanted = this.enrolling && faces.length > 0 ? [largest(faces)] : [];
    const toEmbed = [...new Set([...(this.recognizer.names.length > 0 ? stale : []), ...wanted])];
    if (toEmbed.length > 0) {
      const embedder = await (this.embedder ??= frame.ready().then(() => createFaceEmbedder()));
      const embeddings = await embedder.embed(
        // Read on this thread only now: with the models in a worker, the pixels stay there otherwise.
        frame.pixels(),
        toEmbed.map((i) => faces[i]!),
      );
      const byFace = new Map(toEmbed.map((face, k) => [face, embeddings[k]!]));
      if (this.enrolling && wanted.length > 0) this.addSample(byFace.get(wanted[0]!)!);
      const known = stale.filter((i) => byFace.has(i));
      if (known.length > 0 && this.recognizer.names.length > 0) {
        this.recognizer.identifyAll(known.map((i) => byFace.get(i)!)).forEach((id, k) => {
          this.names.set(tracked[known[k]!]!.id, { name: id.name, atMs: timeMs });
        });
      }
    }
    return tracked.map((t) => this.names.get(t.id)?.name ?? null);
  }

  private addSample(embedding: Float32Array): void {
    const enrolling = this.enrolling!;
    enrolling.samples.push(embedding);
    if (enrolling.samples.length >= enrolling.total) {
      this.recognizer.enroll(enrolling.name, enrolling.samples);
      this.enrolling = null;
      this.names.clear();
      this.save();
    }
    this.onChange(this.state);
  }

  private save(): void {
    this.storage.setItem(GALLERY_KEY, JSON.stringify(this.recognizer.toJSON()));
  }
}

const largest = (faces: readonly FaceEmotion[]): number =>
  faces.reduce((best, f, i) => (f.box.width * f.box.height > faces[best]!.box.width * faces[best]!.box.height ? i : best), 0);
