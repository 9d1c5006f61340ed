// Per face: this frame's 7 probabilities as bars, and the smoothed, stable emotion.
import type { FaceView } from '../analysis/analyzer';
import { $, h, replaceChildren } from '../dom';
import { EMOTIONS, LOOKS, percent } from '../emotions';
import { emotionIcon } from '../icons';
import type { AppStore } from '../state/app-state';

/** Draws a card per face of the latest analysis into #faces. */
export function mountFaces(store: AppStore): void {
  const root = $('#faces');
  store.select(
    (s) => s.analysis,
    (analysis) => {
      if (!analysis || analysis.faces.length === 0) {
        replaceChildren(
          root,
          h(
            'p',
            { class: 'faces-empty' },
            analysis ? 'No face in the last frame.' : 'Faces appear here with the probabilities of all 7 emotions.',
          ),
        );
        return;
      }
      replaceChildren(root, analysis.faces.map(faceCard));
    },
  );
}

function faceCard(face: FaceView): HTMLElement {
  const stable = LOOKS[face.stable.emotion];
  return h(
    'article',
    { class: 'card face-card', 'data-face-id': face.id, 'data-stable-emotion': face.stable.emotion, style: `--accent:${stable.color}` },
    h(
      'header',
      { class: 'face-card-head' },
      h('span', { class: 'face-card-id' }, `Face #${face.id}`),
      h(
        'span',
        { class: 'face-card-stable', title: 'Smoothed over recent frames, with hysteresis so it does not flicker' },
        emotionIcon(face.stable.emotion),
        ` ${face.stable.emotion}`,
        h('small', {}, ` stable · ${percent(face.stable.confidence)}`),
      ),
    ),
    h(
      'ul',
      { class: 'bars', 'aria-label': `Face ${face.id}: probabilities in this frame` },
      EMOTIONS.map((emotion, k) => {
        const p = face.frame.scores[k] ?? 0;
        const top = emotion === face.frame.emotion;
        return h(
          'li',
          { class: top ? 'bar top' : 'bar', 'data-emotion': emotion },
          h('span', { class: 'bar-label' }, emotion),
          h(
            'span',
            { class: 'bar-track' },
            h('span', { class: 'bar-fill', style: `width:${(p * 100).toFixed(1)}%;--accent:${LOOKS[emotion].color}` }),
          ),
          h('span', { class: 'bar-value' }, percent(p)),
        );
      }),
    ),
  );
}
