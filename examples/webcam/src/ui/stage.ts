// The input stage: source tabs, the video or photo, face outlines with labels, and messages.
import type { FaceView } from '../analyzer';
import { $, h, replaceChildren } from '../dom';
import { LOOKS, percent } from '../emotions';
import { emotionIcon, icon } from '../icons';
import type { AppState, Source } from '../state';
import type { Store } from '../store';

export interface StageActions {
  selectSource(source: Source): void;
  retryCamera(): void;
  stopCamera(): void;
  openPhoto(file: File): void;
  openVideo(file: File): void;
}

const SOURCES: { id: Source; label: string }[] = [
  { id: 'camera', label: 'Camera' },
  { id: 'photo', label: 'Photo' },
  { id: 'video', label: 'Video file' },
];

export function mountStage(store: Store<AppState>, actions: StageActions): void {
  const tabs = $('#source-tabs');
  const stage = $('#stage');
  const overlay = $('#overlay');
  const hint = $('#stage-hint');
  const notice = $('#stage-notice');
  const toolbar = $('#stage-toolbar');

  store.select(
    (s) => s.source,
    (source) => {
      replaceChildren(
        tabs,
        SOURCES.map((s) =>
          h(
            'button',
            {
              type: 'button',
              role: 'tab',
              'aria-selected': String(s.id === source),
              class: s.id === source ? 'active' : '',
              'data-source': s.id,
              onclick: () => actions.selectSource(s.id),
            },
            icon(s.id),
            s.label,
          ),
        ),
      );
      replaceChildren(toolbar, toolbarFor(source, actions));
      stage.dataset.source = source;
    },
  );

  // The media is letterboxed inside the stage (object-fit: contain); the overlay covers exactly
  // the picture, so boxes in percent of the frame land on the faces at any stage size.
  const fitOverlay = () => {
    const analysis = store.get().analysis;
    if (!analysis) return;
    const scale = Math.min(stage.clientWidth / analysis.width, stage.clientHeight / analysis.height);
    const width = analysis.width * scale;
    const height = analysis.height * scale;
    Object.assign(overlay.style, {
      left: `${(stage.clientWidth - width) / 2}px`,
      top: `${(stage.clientHeight - height) / 2}px`,
      width: `${width}px`,
      height: `${height}px`,
    });
  };
  new ResizeObserver(fitOverlay).observe(stage);

  store.select(
    (s) => [s.analysis, s.mirrored],
    () => {
      const { analysis, mirrored } = store.get();
      if (analysis) stage.style.aspectRatio = `${analysis.width} / ${analysis.height}`;
      stage.classList.toggle('mirrored', mirrored);
      fitOverlay();
      replaceChildren(overlay, analysis ? analysis.faces.map((face) => faceBox(face, analysis.width, analysis.height, mirrored)) : []);
    },
  );

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
      if (!n) return replaceChildren(notice);
      replaceChildren(
        notice,
        h(
          'div',
          { class: 'notice-card' },
          h('h2', {}, n.title),
          h('p', {}, n.text),
          h(
            'div',
            { class: 'notice-actions' },
            n.action === 'retry-camera' &&
              h('button', { type: 'button', class: 'button primary', onclick: actions.retryCamera }, 'Try again'),
            h('button', { type: 'button', class: 'button', onclick: () => actions.selectSource('photo') }, 'Use a photo'),
            h('button', { type: 'button', class: 'button', onclick: () => actions.selectSource('video') }, 'Use a video'),
          ),
        ),
      );
    },
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

/** A face outline in percent of the frame, so it follows the stage's size. */
function faceBox(face: FaceView, width: number, height: number, mirrored: boolean): HTMLElement {
  const { box } = face;
  const x = mirrored ? width - box.x - box.width : box.x;
  const look = LOOKS[face.frame.emotion];
  const el = h(
    'div',
    {
      class: 'face-box',
      'data-face-id': face.id,
      'data-emotion': face.frame.emotion,
      'data-stable-emotion': face.stable.emotion,
      'data-box': [box.x, box.y, box.width, box.height].map((v) => Math.round(v)).join(','),
      style: `left:${(x / width) * 100}%;top:${(box.y / height) * 100}%;width:${(box.width / width) * 100}%;height:${(box.height / height) * 100}%;--accent:${look.color}`,
    },
    h('span', { class: 'face-tag' }, emotionIcon(face.frame.emotion), `${face.frame.emotion} ${percent(face.frame.confidence)}`),
    h('span', { class: 'face-id' }, `#${face.id}`),
  );
  return el;
}
