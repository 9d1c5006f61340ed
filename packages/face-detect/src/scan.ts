// The passes of one detect call: which views each network looks at, in which order, and how their
// detections are merged. Still images: whole image at every rotation, then tiles. Video: the cheap path.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { decodeDetections, VALUES_PER_ANCHOR } from './decode';
import { runDetector } from './infer';
import type { ImageSource } from './input';
import type { DetectorSpec } from './models';
import { cropView, pyramid, tileViews, uprightRotation, wholeView } from './plan';
import { dropContained, iou, rollOf, toInputCandidates, weightedNms, type InputCandidate } from './postprocess';
import { pixelsToModelInput, tensorToModelInput } from './preprocess';
import type { ModelType, Rotation } from './types';
import type { View } from './view';

/** A loaded network with its anchors and its reused input buffer. */
export interface Network {
  range: ModelType;
  graph: GraphModel;
  spec: DetectorSpec;
  anchors: Float32Array;
  /** Room for {@link BATCH} model inputs, filled from RGBA pixels. */
  buffer: Float32Array;
}

/** Views per model run: batching gives each view about 60 % of the time of a single run on wasm. */
export const BATCH = 8;
/**
 * Score from which a detection in a coarse level counts as a weak candidate, worth a closer look.
 * Chosen on the fixtures with eval:photos: 0.2 found one face of 24 px or more fewer, 0.1 the same
 * faces as 0.15 with 15 % more network runs.
 */
const CANDIDATE_SCORE = 0.15;

/** Per-call settings: `minScore` undefined means each network's own default. */
export interface ScanSettings {
  maxFaces: number;
  minScore: number | undefined;
  iouThreshold: number;
}

/** What the still scan does besides the whole image. */
export interface StillPlan {
  tiles: boolean;
  rotations: readonly Rotation[];
  minFaceSize: number;
}

const minScoreOf = (net: Network, settings: ScanSettings) => settings.minScore ?? net.spec.defaultMinScore;

/** Runs `net` on every view (in batches) and returns the detections the views own, in input pixels, at `minScore` or above. */
async function look(net: Network, source: ImageSource, views: readonly View[], minScore: number): Promise<InputCandidate[]> {
  const size = net.spec.inputSize;
  const perInput = size * size * 3;
  const perOutput = (net.anchors.length / 2) * VALUES_PER_ANCHOR;
  const found: InputCandidate[] = [];
  for (let first = 0; first < views.length; first += BATCH) {
    const batch = views.slice(first, first + BATCH);
    // Filled, wrapped and run synchronously, so a concurrent call cannot refill the buffer in between.
    let input: tf.Tensor4D;
    if (source.kind === 'pixels') {
      batch.forEach((view, i) => pixelsToModelInput(source.image, view, net.buffer, i * perInput));
      input = tf.tensor4d(net.buffer.subarray(0, batch.length * perInput), [batch.length, size, size, 3]);
    } else {
      const { tensor } = source;
      input = tf.tidy(() => tf.concat(batch.map((view) => tensorToModelInput(tensor, view))));
    }
    const raw = await runDetector(net.graph, input, net.spec.outputNode);
    batch.forEach((view, i) => {
      const decoded = decodeDetections(raw.subarray(i * perOutput, (i + 1) * perOutput), net.anchors, size, minScore);
      found.push(...toInputCandidates(decoded, view));
    });
  }
  return found;
}

/** Merges the detections of all passes: weighted NMS, then boxes lying inside better ones dropped, best first. */
function merge(candidates: readonly InputCandidate[], settings: ScanSettings): InputCandidate[] {
  return dropContained(weightedNms(candidates, settings.iouThreshold, Infinity)).slice(0, settings.maxFaces);
}

const centre = (c: InputCandidate) => ({ x: (c.xMin + c.xMax) / 2, y: (c.yMin + c.yMax) / 2 });
const inside = (p: { x: number; y: number }, c: InputCandidate) => p.x >= c.xMin && p.x <= c.xMax && p.y >= c.yMin && p.y <= c.yMax;
const boxOf = (c: InputCandidate) => ({ x: c.xMin, y: c.yMin, width: c.xMax - c.xMin, height: c.yMax - c.yMin });

/** A crop 2.5 times the face's size (at least 48 px), turned so that the face stands upright, for `net` to look at it up close. */
const uprightCrop = (net: Network, source: ImageSource, face: InputCandidate) =>
  cropView(net.range, net.spec.inputSize, source.width, source.height, boxOf(face), uprightRotation(rollOf(face.keypoints)), 2.5, 48);

/**
 * Score the checking network must give a face on an upright crop around it. On the fixtures and
 * their turned copies, the short-range network gave the 35 real faces from turned passes 0.82 or
 * more and the 6 false ones (folds of clothing, a coffee cup) at most 0.68; the full-range network
 * separates them less well (real faces down to 0.51, false ones up to 0.53).
 */
const CHECK_SCORE: Record<ModelType, number> = { short: 0.75, full: 0.6 };
/** Faces from upright passes that score below this are checked too: the false faces of the upright tiles scored 0.61-0.66. */
const CHECK_BELOW = 0.75;
/** Detections scoring below this cast no vote for a turn. */
const VOTE_FROM = 0.2;
/** Votes (see {@link leaningTurn}) a turn needs before the tiles are scanned at it too: about three fair candidates. */
const TURN_VOTES = 1;

/**
 * Keeps the faces from turned passes, and the weak ones from upright passes, only when `checker`
 * finds a face again on an upright crop around each (2.5 times its size, one batched run). A
 * network shown a turned image, or many tiles, fires on more textures; a second look at the face
 * alone, upright, tells them apart.
 */
async function confirm(
  checker: Network,
  source: ImageSource,
  faces: readonly InputCandidate[],
  upright: Rotation,
): Promise<InputCandidate[]> {
  const doubtful = faces.filter((c) => c.view.rotation !== upright || c.score < CHECK_BELOW);
  if (doubtful.length === 0) return [...faces];
  const views = doubtful.map((c) => uprightCrop(checker, source, c));
  const seen = await look(checker, source, views, CHECK_SCORE[checker.range]);
  const confirmed = new Set(doubtful.filter((c, i) => seen.some((s) => s.view === views[i] && inside(centre(s), c))));
  return faces.filter((c) => !doubtful.includes(c) || confirmed.has(c));
}

/**
 * A still image. The whole image at every rotation, in one batch. With tiles, then: the dense tile
 * levels and a closer look at weak candidates (see {@link scanTiles}), at the turns the whole
 * image's faces stand at (upright when it showed none); then at a turn the detections lean to
 * (see {@link leaningTurn}), and upside down when next to nothing was found. So a sideways photo of
 * small faces is scanned at its turn, and an upright photo pays for the extra rotations only at
 * the whole-image level. With tiles or rotations, doubtful faces are checked (see {@link confirm}).
 */
export async function scanStill(
  net: Network,
  checker: Network,
  source: ImageSource,
  plan: StillPlan,
  settings: ScanSettings,
): Promise<InputCandidate[]> {
  const { width, height } = source;
  const size = net.spec.inputSize;
  const minScore = minScoreOf(net, settings);
  const upright = plan.rotations[0]!;
  const levels = pyramid(width, height, size, net.spec.minFacePixels, plan.minFaceSize, plan.tiles);
  const floor = levels.closer ? Math.min(CANDIDATE_SCORE, minScore) : minScore;
  const whole = await look(
    net,
    source,
    plan.rotations.map((r) => wholeView(net.range, size, width, height, r)),
    floor,
  );
  const plain = !plan.tiles && plan.rotations.length === 1;
  const check = (faces: InputCandidate[]) => (plain ? Promise.resolve(faces) : confirm(checker, source, faces, upright));
  const accepted = await check(whole.filter((c) => c.score >= minScore));
  if (levels.closer) {
    const weak = whole.filter((c) => c.score < minScore);
    const done = new Set<Rotation>();
    // The turns the whole image's faces stand at (a face seen by two passes counts once).
    const standing = merge(accepted, { ...settings, maxFaces: Infinity }).map((c) => uprightRotation(rollOf(c.keypoints)));
    let next = plan.rotations.filter((r) => standing.includes(r));
    if (next.length === 0) next = [upright];
    let seen: InputCandidate[] = [...accepted];
    const opposite = ((upright + 180) % 360) as Rotation;
    while (next.length > 0) {
      const found = await scanTiles(net, source, levels, next, [...accepted, ...weak], minScore, plan.rotations);
      next.forEach((r) => done.add(r));
      accepted.push(...(await check(found.accepted)));
      seen = [...seen, ...found.leaning];
      next = leaningTurn(seen, plan.rotations, done);
      // Upside-down faces look upright to the network's keypoints, so they cast no votes: when the
      // tiles found next to nothing, the opposite turn is tried once.
      if (next.length === 0 && accepted.length <= 1 && plan.rotations.includes(opposite) && !done.has(opposite)) next = [opposite];
    }
  }
  const faces = merge(accepted, settings);
  return plain ? faces : refine(checker, source, faces, settings);
}

/** A refined box must overlap the face it replaces by this much, so a neighbour in the crop cannot take its place. */
const REFINE_IOU = 0.3;

/**
 * Looks again at each face with `checker` (the short-range network in `'auto'`) on an upright crop
 * 2.5 times its size, and takes that look's box and keypoints where it finds the face. A face found
 * in the whole image or a coarse tile spans a few dozen model pixels there, so its keypoints are
 * coarse: on the NASA portrait of the webcam test the full-range pass put the eye line 13 degrees
 * off (+8 against about -5) and the box 12 % small, enough to turn a smile into "sad" for the
 * emotion model, whose crop follows the keypoints. The close look's detections on the face are
 * merged by weighted NMS (the mean of overlapping boxes, as for every pass) rather than taking the
 * one overlapping the coarse box most: on the annotated photos that found one more face of 24 px
 * or more upright (64 of 67) and three more turned ones (189 of 201), with one stray box fewer
 * upright and three fewer turned; distinct faces in one close look are all kept. Scores and passes
 * stay those of the scan that found the face. The looks of {@link confirm} are not reused,
 * although they saw most of these faces: their crops are centred on one pass's coarse box, not on
 * the merged one, and reusing them saved 7 of 24 short-range crops on the 1500 px photo but left
 * the eye line of the 25-degree astronaut of align.test 5.5 degrees off on a second look, instead
 * of 0.2.
 */
async function refine(
  checker: Network,
  source: ImageSource,
  faces: readonly InputCandidate[],
  settings: ScanSettings,
): Promise<InputCandidate[]> {
  if (faces.length === 0) return [];
  const views = faces.map((c) => uprightCrop(checker, source, c));
  const seen = await look(checker, source, views, minScoreOf(checker, settings));
  const refined = faces.flatMap((c, i) => {
    const near = seen.filter((s) => s.view === views[i] && iou(s, c) >= REFINE_IOU);
    const distinct = weightedNms(near, settings.iouThreshold, Infinity);
    return distinct.length > 0 ? distinct.map((s) => ({ ...s, score: c.score, view: c.view })) : [c];
  });
  return merge(refined, settings);
}

/**
 * The turn, not scanned yet, that the detections so far (weak ones included) lean to: each votes
 * for the turn at which its keypoints would be upright, with its score above {@link VOTE_FROM} as weight. A turn is scanned when its votes reach {@link TURN_VOTES} and
 * outweigh those of the turns already scanned; so the clothing folds that look like a face upside
 * down in a group photo do not turn the whole scan, while a sideways photo of small faces does.
 */
function leaningTurn(found: readonly InputCandidate[], rotations: readonly Rotation[], done: ReadonlySet<Rotation>): Rotation[] {
  const votes = new Map<Rotation, number>();
  for (const c of found) {
    const r = uprightRotation(rollOf(c.keypoints));
    if (rotations.includes(r)) votes.set(r, (votes.get(r) ?? 0) + Math.max(0, c.score - VOTE_FROM));
  }
  const scanned = [...done].reduce((sum: number, r) => sum + (votes.get(r) ?? 0), 0);
  const [best] = [...votes].filter(([r]) => !done.has(r)).sort((a, b) => b[1] - a[1]);
  return best && best[1] >= TURN_VOTES && best[1] > scanned ? [best[0]] : [];
}

/** A closer crop is this many times the weak candidate's long side: its face then fills about a quarter of the input. */
const CLOSER_FACTOR = 4;

/**
 * The tile levels at the given rotations: the dense levels in full, then a closer look at each weak
 * candidate of the last coarse look (`earlier`, the whole image, when there is no dense level) that
 * no accepted face explains: a crop {@link CLOSER_FACTOR} times its size, turned the way its
 * keypoints say is upright. Candidates in the middle of a crop already made share it.
 */
async function scanTiles(
  net: Network,
  source: ImageSource,
  levels: ReturnType<typeof pyramid>,
  rotations: readonly Rotation[],
  earlier: readonly InputCandidate[],
  minScore: number,
  allowed: readonly Rotation[],
): Promise<{ accepted: InputCandidate[]; leaning: InputCandidate[] }> {
  const { width, height } = source;
  const size = net.spec.inputSize;
  const floor = Math.min(CANDIDATE_SCORE, minScore);
  const accepted: InputCandidate[] = [];
  let last = earlier.filter((c) => c.score < minScore);
  for (const level of levels.dense) {
    const views = rotations.flatMap((r) => tileViews(net.range, size, width, height, level, r));
    const found = await look(net, source, views, floor);
    accepted.push(...found.filter((c) => c.score >= minScore));
    last = found.filter((c) => c.score < minScore);
  }
  const explained = [...earlier.filter((c) => c.score >= minScore), ...accepted];
  const weak = last.filter((c) => rotations.includes(c.view.rotation) && !explained.some((a) => inside(centre(c), a)));
  const crops: View[] = [];
  for (const c of [...weak].sort((a, b) => b.score - a.score)) {
    const p = centre(c);
    const side = CLOSER_FACTOR * Math.max(c.xMax - c.xMin, c.yMax - c.yMin);
    const shared = crops.some(
      (v) => p.x >= v.core.x0 && p.x < v.core.x1 && p.y >= v.core.y0 && p.y < v.core.y1 && v.maxFace >= side / CLOSER_FACTOR,
    );
    if (shared) continue;
    const upright = uprightRotation(rollOf(c.keypoints));
    const turn = allowed.includes(upright) ? upright : c.view.rotation;
    // At least half the model input, so that no crop is blown up more than twice.
    crops.push(cropView(net.range, size, width, height, boxOf(c), turn, CLOSER_FACTOR, size / 2, true));
  }
  accepted.push(...(await look(net, source, crops, minScore)));
  return { accepted, leaning: [...accepted, ...weak] };
}

/** What video mode remembers between frames of one stream. */
export interface VideoState {
  width: number;
  height: number;
  /** Video calls since the stream started (or its frame size changed). */
  frames: number;
  /** The faces of the previous frame. */
  faces: InputCandidate[];
}

/**
 * One video frame with both networks (`'auto'`): the short-range network on the whole frame, the
 * full-range one as well every `fullRangeEvery` frames (for far faces), and, for each face of the
 * previous frame that neither found now, the short-range network on a crop around where it was,
 * turned upright. So a far or turned face, once found, is followed at the cost of a small crop.
 */
export async function scanVideo(
  short: Network,
  full: Network,
  source: ImageSource,
  state: VideoState,
  fullRangeEvery: number,
  settings: ScanSettings,
): Promise<InputCandidate[]> {
  const { width, height } = source;
  if (state.width !== width || state.height !== height) Object.assign(state, { width, height, frames: 0, faces: [] });
  const found = await look(short, source, [wholeView('short', short.spec.inputSize, width, height, 0)], minScoreOf(short, settings));
  if (state.frames % fullRangeEvery === 0) {
    found.push(...(await look(full, source, [wholeView('full', full.spec.inputSize, width, height, 0)], minScoreOf(full, settings))));
  }
  state.frames++;
  const lost = state.faces.filter((face) => !found.some((c) => inside(centre(c), face) || inside(centre(face), c)));
  const follow = lost.slice(0, settings.maxFaces).map((face) => uprightCrop(short, source, face));
  if (follow.length > 0) found.push(...(await look(short, source, follow, minScoreOf(short, settings))));
  state.faces = merge(found, settings);
  return state.faces;
}
