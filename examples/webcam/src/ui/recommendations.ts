// The tracks for the current mood, each with why it was chosen.
import type { FeedbackAction, Recommendation, RecommendationResult } from '@moodtunes/mood-recommender';
import { $, h, replaceChildren } from '../dom';
import { LOOKS, type Emotion } from '../emotions';
import { effectiveEmotion, type AppStore } from '../state/app-state';

/** What the like and skip buttons of a track do. */
export type FeedbackHandler = (trackId: string, action: FeedbackAction) => void;

/** Draws the store's recommendation result (or why there is none) into #recommendations. */
export function mountRecommendations(store: AppStore, feedback: FeedbackHandler): void {
  const root = $('#recommendations');
  // Redrawn only when a new result arrives (the stable mood or a setting changed), never per frame,
  // so a playing preview is not interrupted.
  store.select(
    (s) => [s.result, s.resultError],
    () => {
      const state = store.getState();
      const emotion = effectiveEmotion(state);
      if (state.resultError) {
        return replaceChildren(root, heading('Recommendations'), h('p', { class: 'error', id: 'rec-error' }, state.resultError));
      }
      if (!state.result || !emotion) return replaceChildren(root, heading('Recommendations'), waiting());
      root.style.setProperty('--accent', LOOKS[emotion].color);
      replaceChildren(root, resultView(emotion, state.result, state.catalog.label, feedback));
    },
  );
}

function waiting(): HTMLElement {
  return h(
    'div',
    { class: 'empty' },
    h('p', {}, 'Waiting for a steady face…'),
    h('p', { class: 'help' }, 'Or pick a mood under “Manual override”.'),
  );
}

function resultView(
  emotion: Emotion,
  result: RecommendationResult,
  catalogLabel: string,
  feedback: FeedbackHandler,
): (HTMLElement | false)[] {
  const { mode, strategy, items, listeners } = result;
  const names = listeners?.names ?? [];
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const tuned =
    listeners && listeners.likes + listeners.skips > 0
      ? `, tuned to ${count(listeners.likes, 'like')} and ${count(listeners.skips, 'skip')}`
      : '';
  return [
    heading(
      `Music for ${LOOKS[emotion].mood} mood${names.length > 0 ? ` · for ${names.join(' and ')}` : ''}`,
      `${mode} · ${strategy} · ${items.length} tracks from ${catalogLabel}${tuned}`,
    ),
    items.length === 0
      ? h('p', { class: 'empty' }, 'This catalog has no tracks to give for this mood.')
      : h(
          'ol',
          { class: 'rec-list', id: 'rec-list', 'data-emotion': emotion, 'data-mode': mode, 'data-strategy': strategy },
          items.map((i) => item(i, feedback)),
        ),
    result.exhausted && h('p', { class: 'help' }, 'The catalog ran out of tracks for this mood (artist cap included).'),
  ];
}

function heading(title: string, sub?: string): HTMLElement {
  return h('header', { class: 'rec-head' }, h('h2', { class: 'card-title' }, title), sub && h('p', { class: 'rec-sub' }, sub));
}

function item({ rank, track, explanation }: Recommendation, feedback: FeedbackHandler): HTMLElement {
  const initials = track.title
    .replace(/\(.*?\)/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');
  const hue = [...track.id].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 360, 7);
  const placeholder = () => h('span', { class: 'rec-art placeholder', style: `--hue:${hue}`, 'aria-hidden': 'true' }, initials);
  const art = track.imageUrl
    ? h('img', {
        class: 'rec-art',
        src: track.imageUrl,
        alt: track.album ? `Album art: ${track.album}` : '',
        loading: 'lazy',
        referrerpolicy: 'no-referrer',
        onerror: (event: Event) => (event.target as HTMLElement).replaceWith(placeholder()),
      })
    : placeholder();
  return h(
    'li',
    { class: 'rec', 'data-track-id': track.id },
    h('span', { class: 'rec-rank' }, rank),
    art,
    h(
      'div',
      { class: 'rec-body' },
      h('p', { class: 'rec-title' }, track.title),
      h(
        'p',
        { class: 'rec-artists' },
        track.artists.join(', ') || 'Unknown artist',
        track.album && h('span', { class: 'rec-album' }, ` · ${track.album}`),
      ),
      explanation && h('p', { class: 'rec-why' }, explanation.text),
      h(
        'p',
        { class: 'rec-meta' },
        track.mood && h('span', { class: 'pill' }, `mood: ${track.mood}`),
        track.genre && h('span', { class: 'pill' }, track.genre),
        track.spotifyUrl &&
          h('a', { class: 'pill link', href: track.spotifyUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Open in Spotify ↗'),
        h(
          'button',
          { class: 'pill action rec-like', type: 'button', title: 'More like this', onclick: () => feedback(track.id, 'like') },
          '♥ Like',
        ),
        h(
          'button',
          {
            class: 'pill action rec-skip',
            type: 'button',
            title: 'Not this one, and less like it',
            onclick: () => feedback(track.id, 'skip'),
          },
          'Skip',
        ),
      ),
      track.previewUrl && h('audio', { class: 'rec-preview', controls: true, preload: 'none', src: track.previewUrl }),
    ),
  );
}
