// The tiny app every bundler builds: each package imported as an app would, the models loaded from
// the app's own output, one photo through detection, emotion, identity and recommendation. The
// page reports what it did in `document.body.dataset.result` (read by test/bundlers.test.ts).
import { createFaceDetector } from '@moodtunes/face-detect';
import { createFaceEmbedder } from '@moodtunes/face-id';
import { createEmotionDetector, EMOTIONS } from '@moodtunes/fer-core';
import { prepareCatalog, recommend, type Track } from '@moodtunes/mood-recommender';
import { SpotifyClient } from '@moodtunes/spotify-adapter';
import { wasmPaths } from './wasm-paths';

/** Twelve generated tracks spread over valence and energy (not real songs). */
const TRACKS: Track[] = Array.from({ length: 12 }, (_, i) => ({
  id: `generated-${i}`,
  title: `Generated ${i}`,
  artists: [`Generated Artist ${i}`],
  features: { valence: (i % 4) / 3, energy: Math.floor(i / 4) / 2 },
}));

async function photo(): Promise<ImageBitmap> {
  const response = await fetch('/photo.jpg');
  return createImageBitmap(await response.blob());
}

async function run(): Promise<void> {
  const image = await photo();
  const detector = await createEmotionDetector({ wasmPaths });
  const faces = await detector.detect(image);
  const embedder = await createFaceEmbedder();
  const embeddings = await embedder.embed(image, faces);
  const boxes = await (await createFaceDetector({ model: 'short' })).detect(image);
  const result = faces[0] ? recommend(faces[0].emotion, prepareCatalog(TRACKS), { n: 3 }) : null;
  document.body.dataset.result = JSON.stringify({
    backend: detector.backend,
    emotions: faces.map((f) => f.emotion),
    classes: EMOTIONS.length,
    embedding: embeddings[0]?.length ?? 0,
    shortRangeFaces: boxes.length,
    tracks: result?.items.length ?? 0,
    spotify: typeof SpotifyClient,
  });
}

run().catch((error: unknown) => {
  document.body.dataset.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
});
