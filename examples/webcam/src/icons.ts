// Inline SVG icons: they look the same everywhere, with or without an emoji font.
import type { Emotion } from './emotions';

const NS = 'http://www.w3.org/2000/svg';

function svg(viewBox: string, className: string, parts: [string, Record<string, string>][]): SVGSVGElement {
  const root = document.createElementNS(NS, 'svg');
  root.setAttribute('viewBox', viewBox);
  root.setAttribute('class', className);
  root.setAttribute('aria-hidden', 'true');
  for (const [tag, attrs] of parts) {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    root.append(el);
  }
  return root;
}

const stroke = { fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' };

/** Mouth and brows per emotion, on a 32x32 face. */
const FEATURES: Record<Emotion, [string, Record<string, string>][]> = {
  happy: [['path', { d: 'M9.5 18.5q6.5 7 13 0', ...stroke, 'stroke-width': '2.4' }]],
  sad: [['path', { d: 'M10.5 23q5.5-5.5 11 0', ...stroke, 'stroke-width': '2.4' }]],
  angry: [
    ['path', { d: 'M10.5 22.5q5.5-4 11 0', ...stroke, 'stroke-width': '2.4' }],
    ['path', { d: 'M8.5 9.5l5 2.2M23.5 9.5l-5 2.2', ...stroke, 'stroke-width': '2.2' }],
  ],
  surprise: [
    ['ellipse', { cx: '16', cy: '21.5', rx: '3', ry: '3.6', ...stroke, 'stroke-width': '2.2' }],
    ['path', { d: 'M9 8.6q2.5-1.6 5 0M18 8.6q2.5-1.6 5 0', ...stroke, 'stroke-width': '2' }],
  ],
  fear: [
    ['path', { d: 'M10.5 22.5q1.4-1.6 2.8 0t2.7 0 2.7 0 2.8 0', ...stroke, 'stroke-width': '2.2' }],
    ['path', { d: 'M9 10.5l4.5-2M23 10.5l-4.5-2', ...stroke, 'stroke-width': '2' }],
  ],
  disgust: [
    ['path', { d: 'M10 21.5q3-2.5 6 0t6-1', ...stroke, 'stroke-width': '2.4' }],
    ['path', { d: 'M9 10h4.5M18.5 9.5l4.5 1', ...stroke, 'stroke-width': '2' }],
  ],
  neutral: [['path', { d: 'M11 21h10', ...stroke, 'stroke-width': '2.4' }]],
};

/** A small face showing `emotion`, coloured by CSS (`color` draws the features, `--accent` fills). */
export function emotionIcon(emotion: Emotion, className = 'emotion-icon'): SVGSVGElement {
  const eyes: [string, Record<string, string>][] =
    emotion === 'surprise' || emotion === 'fear'
      ? [
          ['circle', { cx: '11.5', cy: '13.5', r: '2', fill: 'currentColor' }],
          ['circle', { cx: '20.5', cy: '13.5', r: '2', fill: 'currentColor' }],
        ]
      : [
          ['circle', { cx: '11.5', cy: '14', r: '1.7', fill: 'currentColor' }],
          ['circle', { cx: '20.5', cy: '14', r: '1.7', fill: 'currentColor' }],
        ];
  return svg('0 0 32 32', `${className} emotion-${emotion}`, [
    ['circle', { cx: '16', cy: '16', r: '15', class: 'emotion-icon-face' }],
    ...eyes,
    ...FEATURES[emotion],
  ]);
}

const ICONS = {
  camera: [
    ['path', { d: 'M4 8h3l2-3h6l2 3h3a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z', ...stroke }],
    ['circle', { cx: '12', cy: '13', r: '3.5', ...stroke }],
  ],
  photo: [
    ['rect', { x: '3', y: '4', width: '18', height: '16', rx: '2', ...stroke }],
    ['circle', { cx: '9', cy: '10', r: '2', ...stroke }],
    ['path', { d: 'M21 16l-5-5-9 9', ...stroke }],
  ],
  video: [
    ['rect', { x: '3', y: '6', width: '13', height: '12', rx: '2', ...stroke }],
    ['path', { d: 'M16 10.5l5-3v9l-5-3', ...stroke }],
  ],
} satisfies Record<string, [string, Record<string, string>][]>;

export function icon(name: keyof typeof ICONS): SVGSVGElement {
  return svg('0 0 24 24', 'icon', ICONS[name] as [string, Record<string, string>][]);
}
