import { InvalidInputError, InvalidOptionError } from '@moodtunes/vision-core';
import { euclidean } from 'ml-distance-euclidean';
import { checkEmbedding, GALLERY_FORMAT, parseGallery, type GalleryJSON } from './gallery';
import { EMBEDDING_MODELS } from './models';

/** Options of {@link createFaceRecognizer}. */
export interface FaceRecognizerOptions {
  /**
   * Largest euclidean distance between embeddings that still counts as the same person.
   * Default 0.55 (dlib trained for 0.6; 0.55 measured better on the shared photos, see the README).
   */
  threshold?: number;
  /** A gallery saved earlier with {@link FaceRecognizer.toJSON} (the object or its JSON text). */
  gallery?: GalleryJSON | string;
}

/** Who a face is, as {@link FaceRecognizer.identify} sees it. */
export interface Identity {
  /** The enrolled name, or `null` when the face is unknown (no one within the threshold). */
  name: string | null;
  /** Distance to the nearest enrolled embedding of {@link Identity.nearest}; `Infinity` with an empty gallery. */
  distance: number;
  /** The nearest enrolled person even when too far to count (for "is this you?" prompts), `null` with an empty gallery. */
  nearest: string | null;
}

const MODEL = EMBEDDING_MODELS['dlib-resnet'];

/**
 * A recognizer over a gallery of named face embeddings (from {@link FaceEmbedder}). Pure data
 * and arithmetic: no model, no tensors, no storage of its own. One-shot: one embedding per
 * person is enough; more (several photos or frames) make matches steadier.
 */
export function createFaceRecognizer(options: FaceRecognizerOptions = {}): FaceRecognizer {
  const { threshold = MODEL.meta.defaultThreshold } = options;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold < Infinity)) {
    throw new InvalidOptionError(`threshold must be a positive number, got ${String(threshold)}`);
  }
  const gallery = options.gallery === undefined ? [] : parseGallery(options.gallery, MODEL.name, MODEL.meta.dimensions).people;
  return new FaceRecognizer(threshold, gallery);
}

/** Enrolled people by name. Create it with {@link createFaceRecognizer}. */
export class FaceRecognizer {
  /** Distance below which a face is the enrolled person. */
  readonly threshold: number;
  private readonly people = new Map<string, number[][]>();

  /** @internal Use {@link createFaceRecognizer}. */
  constructor(threshold: number, people: GalleryJSON['people']) {
    this.threshold = threshold;
    for (const { name, embeddings } of people) this.people.set(name, embeddings);
  }

  /** Enrolled names, in enrolment order. */
  get names(): string[] {
    return [...this.people.keys()];
  }

  /** How many embeddings `name` has (0 when not enrolled). */
  samples(name: string): number {
    return this.people.get(name)?.length ?? 0;
  }

  /**
   * Adds embeddings of one person (several photos or frames), after any enrolled before. Every
   * embedding is checked before any is added.
   *
   * @throws `InvalidInputError` for an empty name or no embeddings, a wrong length; `NonFiniteInputError` for NaN or Infinity.
   */
  enroll(name: string, embeddings: readonly ArrayLike<number>[]): void {
    if (typeof name !== 'string' || name.trim() === '') throw new InvalidInputError('enroll: the name must be a non-empty string');
    if (!(embeddings instanceof Array) || embeddings.length === 0) throw new InvalidInputError(`enroll: no embeddings for ${name}`);
    const checked = embeddings.map((e, i) => checkEmbedding(e, MODEL.meta.dimensions, `enroll ${name}: embedding ${i}`));
    this.people.set(name, [...(this.people.get(name) ?? []), ...checked]);
  }

  /** Removes a person and every embedding of theirs. Returns false when the name was not enrolled. */
  forget(name: string): boolean {
    return this.people.delete(name);
  }

  /** The enrolled person nearest to `embedding` (the smallest distance to any of their embeddings), if within the threshold. */
  identify(embedding: ArrayLike<number>): Identity {
    // One face alone is the case of a frame with one face: its nearest person, if within the threshold.
    return this.match([checkEmbedding(embedding, MODEL.meta.dimensions, 'identify')])[0]!;
  }

  /**
   * Identifies the faces of one frame together: a person is given to at most one face (the
   * nearest), so two faces never both get the same name; the other stays unknown.
   */
  identifyAll(embeddings: readonly ArrayLike<number>[]): Identity[] {
    return this.match(embeddings.map((e, i) => checkEmbedding(e, MODEL.meta.dimensions, `identifyAll: embedding ${i}`)));
  }

  /** Each query's nearest person, and names given nearest pair first, each person and face once. */
  private match(queries: readonly number[][]): Identity[] {
    const results: Identity[] = queries.map(() => ({ name: null, distance: Infinity, nearest: null }));
    const pairs: { face: number; name: string; distance: number }[] = [];
    queries.forEach((query, face) => {
      for (const [name, samples] of this.people) {
        const distance = Math.min(...samples.map((e) => euclidean(query, e)));
        pairs.push({ face, name, distance });
        if (distance < results[face]!.distance) results[face] = { name: null, distance, nearest: name };
      }
    });
    const taken = new Set<string>();
    const named = new Set<number>();
    for (const pair of pairs.filter((p) => p.distance <= this.threshold).sort((a, b) => a.distance - b.distance)) {
      if (taken.has(pair.name) || named.has(pair.face)) continue;
      taken.add(pair.name);
      named.add(pair.face);
      results[pair.face] = { name: pair.name, distance: pair.distance, nearest: pair.name };
    }
    return results;
  }

  /** The gallery as plain JSON, for the app to store; {@link createFaceRecognizer} reads it back. */
  toJSON(): GalleryJSON {
    return {
      format: GALLERY_FORMAT,
      version: 1,
      model: MODEL.name,
      dimensions: MODEL.meta.dimensions,
      people: [...this.people].map(([name, embeddings]) => ({ name, embeddings: embeddings.map((e) => [...e]) })),
    };
  }
}
