// The mood the music is for: the group's stable emotion, or the user's manual choice.
import { $, h, replaceChildren } from '../dom';
import { EMOTIONS, LOOKS, percent, type Emotion } from '../emotions';
import { emotionIcon } from '../icons';
import { effectiveEmotion, type AppState, type AppStore } from '../state/app-state';

/** Draws the mood card into #mood, with the override select that calls `setOverride`. */
export function mountMood(store: AppStore, setOverride: (emotion: Emotion | null) => void): void {
  const root = $('#mood');
  const select = h(
    'select',
    {
      id: 'override',
      'aria-label': 'Mood override',
      onchange: (event: Event) => {
        const value = (event.target as HTMLSelectElement).value;
        setOverride(value === 'auto' ? null : (value as Emotion));
      },
    },
    h('option', { value: 'auto' }, 'Auto: from the faces'),
    EMOTIONS.map((e) => h('option', { value: e }, e)),
  );
  const display = h('div', { class: 'mood-display' });
  replaceChildren(root, display, h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Manual override'), select));

  store.select(
    (s) => [effectiveEmotion(s), s.override, s.analysis?.group?.faceCount ?? 0, s.analysis?.group?.confidence],
    () => {
      const state = store.getState();
      const emotion = effectiveEmotion(state);
      select.value = state.override ?? 'auto';
      root.style.setProperty('--accent', emotion ? LOOKS[emotion].color : 'var(--muted)');
      replaceChildren(
        display,
        h('span', { class: 'mood-icon' }, emotionIcon(emotion ?? 'neutral')),
        h(
          'div',
          {},
          h('p', { class: 'mood-kicker' }, 'Mood'),
          h('p', { id: 'mood-emotion', class: 'mood-emotion', 'data-emotion': emotion ?? '' }, emotion ?? '—'),
          h('p', { class: 'mood-source' }, moodSource(state)),
        ),
      );
    },
  );
}

/** Where the mood comes from, in words. */
function moodSource(state: AppState): string {
  const group = state.analysis?.group;
  if (state.override) return 'set by hand';
  if (group) return `stable group mood · ${group.faceCount} ${group.faceCount === 1 ? 'face' : 'faces'} · ${percent(group.confidence)}`;
  return state.detected ? 'last stable mood (no face right now)' : 'waiting for a face';
}
