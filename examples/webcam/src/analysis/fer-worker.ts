// The demo's detector worker: fer-core serves itself here (see frame-detector.ts).
import '@moodtunes/fer-core/worker';
