// --gallery <dir>: named photos of the people to recognise, enrolled once per run. A photo
// `<dir>/Ada Lovelace.jpg` enrolls "Ada Lovelace"; a folder `<dir>/Ada Lovelace/` enrolls every
// photo in it under that name. The largest face of each photo is the person.
import { readdir, stat } from 'node:fs/promises';
import { extname, join, parse } from 'node:path';
import type { EmotionDetector, FaceEmotion, FrameImage } from '@moodtunes/fer-core';
import { createFaceRecognizer, type FaceEmbedder, type FaceRecognizer, type Identity } from '@moodtunes/face-id';
import { describeIoError, FileError } from './errors';
import { decodeImage } from './inputs';

const PHOTO_KINDS: Record<string, 'jpeg' | 'png'> = { '.jpg': 'jpeg', '.jpeg': 'jpeg', '.png': 'png' };

/** What `--gallery` enrolled, for the report. */
export interface GallerySummary {
  dir: string;
  /** Enrolled names with how many photos each. */
  people: { name: string; photos: number }[];
  /** Photos that enrolled no one, and why. */
  skipped: { file: string; reason: string }[];
}

/** The recognizer over a gallery folder, and who recognises faces with it. */
export interface Gallery {
  summary: GallerySummary;
  recognizer: FaceRecognizer;
  /** Names the faces of one image (each enrolled person at most once). */
  identify: (image: FrameImage, faces: readonly FaceEmotion[]) => Promise<Identity[]>;
}

/** Reads `dir` (as the user gave it: `shownAs`), detects and embeds each photo, and enrolls the names. */
export async function loadGallery(dir: string, shownAs: string, detector: EmotionDetector, embedder: FaceEmbedder): Promise<Gallery> {
  let entries: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new FileError(shownAs, 'is not a folder (--gallery takes a folder of named photos)');
    entries = (await readdir(dir)).sort();
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(shownAs, describeIoError(error), { cause: error });
  }
  const photos: { name: string; path: string; file: string }[] = [];
  for (const entry of entries) {
    const path = join(dir, entry);
    if ((await stat(path)).isDirectory()) {
      for (const inner of (await readdir(path)).sort()) {
        if (PHOTO_KINDS[extname(inner).toLowerCase()])
          photos.push({ name: entry, path: join(path, inner), file: join(shownAs, entry, inner) });
      }
    } else if (PHOTO_KINDS[extname(entry).toLowerCase()]) photos.push({ name: parse(entry).name, path, file: join(shownAs, entry) });
  }
  const recognizer = createFaceRecognizer();
  const summary: GallerySummary = { dir: shownAs, people: [], skipped: [] };
  for (const photo of photos) {
    try {
      const image = await decodeImage(photo.path, photo.file, PHOTO_KINDS[extname(photo.path).toLowerCase()]!);
      const faces = await detector.detect(image);
      const largest = faces.reduce<FaceEmotion | undefined>(
        (best, f) => (best && best.box.width * best.box.height >= f.box.width * f.box.height ? best : f),
        undefined,
      );
      if (!largest) {
        summary.skipped.push({ file: photo.file, reason: 'no face found' });
        continue;
      }
      recognizer.enroll(photo.name, await embedder.embed(image, [largest]));
      const person = summary.people.find((p) => p.name === photo.name);
      if (person) person.photos++;
      else summary.people.push({ name: photo.name, photos: 1 });
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      summary.skipped.push({ file: photo.file, reason: error.message });
    }
  }
  if (summary.people.length === 0) {
    throw new FileError(shownAs, `no one enrolled: ${photos.length === 0 ? 'no JPEG or PNG photos in it' : 'no face found in its photos'}`);
  }
  return {
    summary,
    recognizer,
    identify: async (image, faces) => (faces.length === 0 ? [] : recognizer.identifyAll(await embedder.embed(image, faces))),
  };
}
