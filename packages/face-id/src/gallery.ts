import { InvalidInputError, NonFiniteInputError, VisionError } from '@moodtunes/vision-core';

/** A gallery that could not be read: not JSON of this format, another embedding length or model, bad numbers. */
export class InvalidGalleryError extends VisionError {
  /** Always `"InvalidGalleryError"`, also in minified bundles. */
  override name = 'InvalidGalleryError';
}

/** `format` of {@link GalleryJSON}. */
export const GALLERY_FORMAT = 'moodtunes-face-gallery';

/**
 * A gallery as JSON: the enrolled people and their embeddings. The app stores it where it keeps
 * its own data (localStorage, a file); nothing in this package uploads it.
 */
export interface GalleryJSON {
  /** Always {@link GALLERY_FORMAT}. */
  format: typeof GALLERY_FORMAT;
  /** Format version, 1. */
  version: 1;
  /** The embedding model the embeddings come from: embeddings of another model are not comparable. */
  model: string;
  /** Length of each embedding. */
  dimensions: number;
  /** Enrolled people, in enrolment order. */
  people: { name: string; embeddings: number[][] }[];
}

/** Checks one embedding: the right length, every value finite. Returns a copy as float64 numbers. */
export function checkEmbedding(embedding: ArrayLike<number>, dimensions: number, what = 'embedding'): number[] {
  if (embedding === null || typeof embedding !== 'object' || typeof embedding.length !== 'number') {
    throw new InvalidInputError(
      `${what}: expected an array of ${dimensions} numbers, got ${embedding === null ? 'null' : typeof embedding}`,
    );
  }
  if (embedding.length !== dimensions) throw new InvalidInputError(`${what}: expected ${dimensions} values, got ${embedding.length}`);
  const values = Array.from(embedding);
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) throw new NonFiniteInputError(`${what}: value ${bad} is ${String(values[bad])}`);
  return values;
}

/** Parses and checks a gallery (an object or its JSON text) for `model` and `dimensions`. */
export function parseGallery(input: unknown, model: string, dimensions: number): GalleryJSON {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new InvalidGalleryError(`gallery: not JSON (${(error as Error).message})`);
    }
  }
  const g = value as Partial<GalleryJSON> | null;
  if (g === null || typeof g !== 'object' || g.format !== GALLERY_FORMAT)
    throw new InvalidGalleryError(`gallery: expected format '${GALLERY_FORMAT}'`);
  if (g.version !== 1)
    throw new InvalidGalleryError(`gallery: version ${String(g.version)} is not supported (this package reads version 1)`);
  if (g.model !== model || g.dimensions !== dimensions) {
    throw new InvalidGalleryError(
      `gallery: made with ${String(g.model)} (${String(g.dimensions)}-d), this recognizer uses ${model} (${dimensions}-d); enrol the people again`,
    );
  }
  if (!Array.isArray(g.people)) throw new InvalidGalleryError('gallery: people must be an array');
  const seen = new Set<string>();
  const people = g.people.map((person: unknown, i) => {
    const p = person as { name?: unknown; embeddings?: unknown } | null;
    if (p === null || typeof p !== 'object' || typeof p.name !== 'string' || p.name.trim() === '') {
      throw new InvalidGalleryError(`gallery: person ${i} has no name`);
    }
    if (seen.has(p.name)) throw new InvalidGalleryError(`gallery: ${p.name} appears twice`);
    seen.add(p.name);
    const name = p.name;
    if (!Array.isArray(p.embeddings) || p.embeddings.length === 0) throw new InvalidGalleryError(`gallery: ${name} has no embeddings`);
    try {
      return { name, embeddings: (p.embeddings as number[][]).map((e, k) => checkEmbedding(e, dimensions, `${name} embedding ${k}`)) };
    } catch (error) {
      throw new InvalidGalleryError(`gallery: ${(error as Error).message}`, { cause: error });
    }
  });
  return { format: GALLERY_FORMAT, version: 1, model, dimensions, people };
}
