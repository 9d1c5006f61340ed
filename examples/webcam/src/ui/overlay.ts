// The face outlines over the picture, each labelled with its emotion in this frame.
import type { FaceView } from '../analysis/analyzer';
import { $, h, replaceChildren } from '../dom';
import { LOOKS, percent } from '../emotions';
import { emotionIcon } from '../icons';
import type { AppStore } from '../state/app-state';

/** Draws an outline per face of the latest analysis into #overlay, mirrored with the camera view. */
export function mountOverlay(store: AppStore): void {
  const stage = $('#stage');
  const overlay = $('#overlay');
  // The media is letterboxed inside the stage (object-fit: contain); the overlay covers exactly
  // the picture, so boxes in percent of the frame land on the faces at any stage size.
  const fitOverlay = () => {
    const analysis = store.getState().analysis;
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
      const { analysis, mirrored } = store.getState();
      if (analysis) stage.style.aspectRatio = `${analysis.width} / ${analysis.height}`;
      stage.classList.toggle('mirrored', mirrored);
      fitOverlay();
      replaceChildren(overlay, analysis ? analysis.faces.map((face) => faceBox(face, analysis.width, analysis.height, mirrored)) : []);
    },
  );
}

/** A face outline in percent of the frame, so it follows the stage's size. */
function faceBox(face: FaceView, width: number, height: number, mirrored: boolean): HTMLElement {
  const { box } = face;
  const x = mirrored ? width - box.x - box.width : box.x;
  const look = LOOKS[face.frame.emotion];
  return h(
    'div',
    {
      class: 'face-box',
      'data-face-id': face.id,
      'data-emotion': face.frame.emotion,
      'data-stable-emotion': face.stable.emotion,
      'data-name': face.name ?? undefined,
      'data-box': [box.x, box.y, box.width, box.height].map((v) => Math.round(v)).join(','),
      style: `left:${(x / width) * 100}%;top:${(box.y / height) * 100}%;width:${(box.width / width) * 100}%;height:${(box.height / height) * 100}%;--accent:${look.color}`,
    },
    h('span', { class: 'face-tag' }, emotionIcon(face.frame.emotion), `${face.frame.emotion} ${percent(face.frame.confidence)}`),
    h('span', { class: 'face-id' }, `#${face.id}`),
    face.name && h('span', { class: 'face-name' }, face.name),
  );
}
