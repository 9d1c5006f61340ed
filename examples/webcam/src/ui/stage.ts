// The input stage around the video or photo: source tabs, toolbar, hint and notice.
import { $, h, replaceChildren } from '../dom';
import { icon } from '../icons';
import type { AppStore, Notice, Source } from '../state/app-state';
import { mountOverlay } from './overlay';

export interface StageActions {
  selectSource: (source: Source) => void;
  retryCamera: () => void;
  stopCamera: () => void;
  openPhoto: (file: File) => void;
  openVideo: (file: File) => void;
}

const SOURCES: { id: Source; label: string }[] = [
  { id: 'camera', label: 'Camera' },
  { id: 'photo', label: 'Photo' },
  { id: 'video', label: 'Video file' },
];

/** Draws the source tabs, the toolbar, the hint and the notice; the face outlines are overlay.ts's. */
export function mountStage(store: AppStore, actions: StageActions): void {
  const tabs = $('#source-tabs');
  const stage = $('#stage');
  const hint = $('#stage-hint');
  const notice = $('#stage-notice');
  const toolbar = $('#stage-toolbar');

  store.select(
    (s) => s.source,
    (source) => {
      replaceChildren(tabs, tabsFor(source, actions));
      replaceChildren(toolbar, toolbarFor(source, actions));
      stage.dataset.source = source;
    },
  );

  mountOverlay(store);

  store.select(
    (s) => s.hint,
    (text) => {
      hint.hidden = !text;
      hint.textContent = text ?? '';
    },
  );

  store.select(
    (s) => s.notice,
    (n) => {
      notice.hidden = !n;
      replaceChildren(notice, n && noticeCard(n, actions));
    },
  );
}

function tabsFor(current: Source, actions: StageActions): HTMLElement[] {
  return SOURCES.map((s) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        'aria-selected': String(s.id === current),
        class: s.id === current ? 'active' : '',
        'data-source': s.id,
        onclick: () => actions.selectSource(s.id),
      },
      icon(s.id),
      s.label,
    ),
  );
}

function noticeCard(n: Notice, actions: StageActions): HTMLElement {
  return h(
    'div',
    { class: 'notice-card' },
    h('h2', {}, n.title),
    h('p', {}, n.text),
    h(
      'div',
      { class: 'notice-actions' },
      n.action === 'retry-camera' && h('button', { type: 'button', class: 'button primary', onclick: actions.retryCamera }, 'Try again'),
      h('button', { type: 'button', class: 'button', onclick: () => actions.selectSource('photo') }, 'Use a photo'),
      h('button', { type: 'button', class: 'button', onclick: () => actions.selectSource('video') }, 'Use a video'),
    ),
  );
}

function toolbarFor(source: Source, actions: StageActions): HTMLElement[] {
  if (source === 'camera') {
    return [
      h('button', { type: 'button', class: 'button', onclick: actions.retryCamera }, 'Restart camera'),
      h('button', { type: 'button', class: 'button ghost', onclick: actions.stopCamera }, 'Stop camera'),
      h('span', { class: 'toolbar-note' }, 'The camera turns off when you switch to a photo or video.'),
    ];
  }
  const accept = source === 'photo' ? 'image/*' : 'video/*';
  const open = source === 'photo' ? actions.openPhoto : actions.openVideo;
  const input = h('input', {
    type: 'file',
    accept,
    id: `${source}-input`,
    class: 'visually-hidden',
    onchange: (event: Event) => {
      const file = (event.target as HTMLInputElement).files?.[0];
      if (file) open(file);
    },
  });
  return [
    input,
    h('label', { for: input.id, class: 'button primary' }, source === 'photo' ? 'Choose a photo…' : 'Choose a video…'),
    h(
      'span',
      { class: 'toolbar-note' },
      source === 'photo' ? 'JPEG, PNG, WebP: analysed in this tab.' : 'MP4, WebM: analysed frame by frame as it plays, in this tab.',
    ),
  ];
}
