// The CLI's output: one Report, printed as JSON (`--json`) or as a readable table.
import { basename } from 'node:path';
import { EMOTIONS, type Emotion, type EmotionProbabilities } from '@moodtunes/fer-core';
import type { RecommendMode, StrategyName } from '@moodtunes/mood-recommender';
import type { PhotoFace, TimelineEntry, VideoFace } from './analyze';
import type { GallerySummary } from './gallery';
import type { CatalogSummary, Pick } from './music';
import type { PlaylistFormat } from './playlist';

/** An input that could not be analysed; the other inputs still are. */
export interface InputFailure {
  file: string;
  kind: 'photo' | 'video';
  error: { name: string; message: string };
}

/** A photo's faces, each with its recommendations. */
export interface PhotoReport {
  file: string;
  kind: 'photo';
  width: number;
  height: number;
  /** Time in the detector (face detection + emotion model). */
  detectMs: number;
  faces: (PhotoFace & { recommendations: Pick[] })[];
}

/** A video's timeline and followed faces, each face with its recommendations. */
export interface VideoReport {
  file: string;
  kind: 'video';
  /** Size of the analysed frames (after rotation and scaling). */
  width: number;
  height: number;
  durationSec: number | null;
  fps: number;
  frames: number;
  framesWithFaces: number;
  msPerFrame: number;
  timeline: TimelineEntry[];
  dominantEmotion: Emotion | null;
  secondsByEmotion: Partial<Record<Emotion, number>>;
  faces: (VideoFace & { recommendations: Pick[] })[];
  /** Recommendations for `dominantEmotion`. */
  recommendations: Pick[];
}

/** Everything one run produced. */
export interface Report {
  backend: string;
  /** Name of the emotion model from its metadata, e.g. `FerNet-S`. */
  emotionModel: string;
  catalog: CatalogSummary;
  recommend: { strategy: StrategyName; mode: RecommendMode; count: number; seed: number };
  /** With `--gallery`: who was enrolled. */
  gallery?: GallerySummary;
  inputs: (PhotoReport | VideoReport | InputFailure)[];
  playlist?: { path: string; format: PlaylistFormat; tracks: number };
}

/** Whether an input entry is a failure. */
export const isFailure = (input: Report['inputs'][number]): input is InputFailure => 'error' in input;

const BAR_WIDTH = 20;
const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar for a value in [0, 1], in eighths of a character. */
function bar(value: number, width = BAR_WIDTH): string {
  const eighths = Math.round(Math.max(0, Math.min(1, value)) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + BLOCKS[eighths % 8];
}

const percent = (v: number) => `${Math.round(v * 100)}%`.padStart(4);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function probabilityLines(p: EmotionProbabilities, top: Emotion, indent: string): string[] {
  return EMOTIONS.map((e) => `${indent}${e === top ? '>' : ' '} ${e.padEnd(8)} ${percent(p[e])} ${bar(p[e])}`);
}

function pickLines(picks: Pick[], heading: string, indent: string): string[] {
  if (picks.length === 0) return [`${indent}${heading}: no track fits`];
  return [
    `${indent}${heading}:`,
    ...picks.flatMap((p) => {
      const features =
        p.valence !== undefined && p.energy !== undefined ? `  (valence ${p.valence.toFixed(2)}, energy ${p.energy.toFixed(2)})` : '';
      const link = p.spotifyUrl ? `\n${indent}     ${p.spotifyUrl}` : '';
      return [
        `${indent}${String(p.rank).padStart(3)}. ${p.title} - ${p.artists.join(', ')}${features}${link}`,
        `${indent}     why: ${p.why}`,
      ];
    }),
  ];
}

function photoLines(r: PhotoReport): string[] {
  const lines = [`${r.file}  ${r.width}x${r.height}  ${plural(r.faces.length, 'face')}  (${r.detectMs} ms)`];
  if (r.faces.length === 0) lines.push('  no face found');
  for (const f of r.faces) {
    const { x, y, width, height } = f.box;
    const who = f.name === undefined ? '' : f.name === null ? '  unknown  ' : `  ${f.name}  `;
    lines.push(
      `  face ${f.index}:${who || ' '}${f.emotion} ${percent(f.confidence).trim()}   box x=${Math.round(x)} y=${Math.round(y)} ${Math.round(width)}x${Math.round(height)}, face score ${f.faceScore.toFixed(2)}`,
      ...probabilityLines(f.probabilities, f.emotion, '    '),
    );
  }
  return lines;
}

function videoLines(r: VideoReport): string[] {
  const duration = r.durationSec !== null ? `${r.durationSec.toFixed(1)} s, ` : '';
  const lines = [
    `${r.file}  ${r.width}x${r.height}  ${duration}${r.frames} frames at ${r.fps} fps, ${r.framesWithFaces} with faces  (${r.msPerFrame} ms/frame)`,
    '  second  stable emotion  confidence  faces',
    ...r.timeline.map((t) => {
      const who = t.faces.map((f) => `#${f.id} ${f.emotion}`).join(', ');
      return t.emotion
        ? `  ${`${t.second}s`.padStart(6)}  ${t.emotion.padEnd(14)}  ${percent(t.confidence ?? 0).padStart(10)}  ${t.faceCount}${who ? `  (${who})` : ''}`
        : `  ${`${t.second}s`.padStart(6)}  ${'-'.padEnd(14)}  ${''.padStart(10)}  0  (no face)`;
    }),
  ];
  if (!r.dominantEmotion) return [...lines, '  no face found in the video'];
  const split = Object.entries(r.secondsByEmotion)
    .map(([e, s]) => `${e} ${s} s`)
    .join(', ');
  lines.push(`  mostly ${r.dominantEmotion} (${split})`);
  for (const f of r.faces) {
    lines.push(
      `  face #${f.id}: ${f.emotion} ${percent(f.confidence).trim()}   seen ${f.firstSecond}s-${f.lastSecond}s in ${plural(f.frames, 'frame')} (mean smoothed probabilities)`,
      ...probabilityLines(f.probabilities, f.emotion, '    '),
    );
  }
  return lines;
}

/** Recommendations once per emotion (faces with the same emotion get the same list), naming the faces. */
function recommendationLines(report: Report): string[] {
  const byEmotion = new Map<Emotion, { faces: string[]; picks: Pick[] }>();
  for (const input of report.inputs) {
    if (isFailure(input)) continue;
    for (const face of input.faces) {
      const who = input.kind === 'photo' ? (face as PhotoFace).name : undefined;
      const name = `${basename(input.file)} ${input.kind === 'photo' ? `face ${(face as PhotoFace).index}` : `face #${(face as VideoFace).id}`}${who ? ` (${who})` : ''}`;
      const entry = byEmotion.get(face.emotion) ?? { faces: [], picks: face.recommendations };
      entry.faces.push(name);
      byEmotion.set(face.emotion, entry);
    }
  }
  const { mode, strategy } = report.recommend;
  return [...byEmotion].flatMap(([emotion, { faces, picks }]) => [
    ...pickLines(picks, `tracks to ${mode} ${emotion} (${strategy}) for ${faces.join(', ')}`, ''),
    '',
  ]);
}

function galleryLines(g: GallerySummary): string[] {
  const people = g.people.map((p) => (p.photos > 1 ? `${p.name} (${p.photos} photos)` : p.name)).join(', ');
  return [`gallery: ${g.dir} - ${people}`, ...g.skipped.map((s) => `  skipped ${s.file}: ${s.reason}`)];
}

/** The human-readable report. */
export function formatTable(report: Report): string {
  const c = report.catalog;
  const out = [
    `catalog: ${c.demo ? 'generated demo catalog (generated tracks, not real ones)' : c.path} - ${c.tracks} tracks (${c.format})` +
      `${c.skippedRows ? `, ${c.skippedRows} malformed rows skipped` : ''}${c.excludedTracks ? `, ${c.excludedTracks} without valence/energy left out` : ''}` +
      `${c.truncated ? `; file cut short at line ${c.truncated.line}, rows from there on missing: ${c.truncated.reason}` : ''}`,
    `backend: ${report.backend}`,
    ...(report.gallery ? galleryLines(report.gallery) : []),
    '',
  ];
  for (const input of report.inputs) {
    if (isFailure(input)) out.push(`${input.file}  FAILED: ${input.error.name}: ${input.error.message}`);
    else out.push(...(input.kind === 'photo' ? photoLines(input) : videoLines(input)));
    out.push('');
  }
  out.push(...recommendationLines(report));
  if (report.playlist)
    out.push(`playlist: ${report.playlist.tracks} tracks written to ${report.playlist.path} (${report.playlist.format})`);
  return out.join('\n').trimEnd() + '\n';
}
