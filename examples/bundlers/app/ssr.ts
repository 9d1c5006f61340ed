// The server half of the SSR build: rendered in Node, where importing fer-core must not read a
// file, touch a DOM or open a connection (test/bundlers.test.ts checks it). The page it renders
// loads the client half, app/main.ts, which runs the models in the browser.
import { EMOTIONS } from '@moodtunes/fer-core';
import { MOODS } from '@moodtunes/mood-recommender';

/** The page's HTML, with the client script at `clientSrc`. */
export function render(clientSrc: string): string {
  const items = EMOTIONS.map((e) => `<li>${e}</li>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>moodtunes SSR</title></head><body data-ssr="${EMOTIONS.length}-${MOODS.length}"><ul id="emotions">${items}</ul><script type="module" src="${clientSrc}"></script></body></html>`;
}
