import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { readFileSync } from 'node:fs';
import { createAnchors } from '../src/anchors';
import { DETECTOR_MODELS } from '../src/models';
import type { ModelType } from '../src/types';
import type { RgbaImage } from '../test/fixtures';

/**
 * The "plain loader" reference of the benchmark: what a straightforward port of tfjs-models'
 * face-detection tfjs runtime does per frame. The RGBA frame becomes a full-size tensor, is
 * letterboxed and normalised with tensor ops, and the 17 values per anchor are decoded with
 * tensor slices (as its tensors_to_detections) before tf.image.nonMaxSuppressionAsync.
 */
export async function createBaseline(type: ModelType): Promise<{ detect(image: RgbaImage): Promise<number>; dispose(): void }> {
  const { meta: spec, graph, weights } = DETECTOR_MODELS[type];
  const size = spec.inputSize;
  const json = JSON.parse(readFileSync(graph.url, 'utf8')) as tf.io.ModelJSON;
  const bin = readFileSync(weights[0]!.url);
  const model: GraphModel = await loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0]!.weights,
      weightData: new Uint8Array(bin).buffer,
    }),
  );
  const centres = createAnchors(spec.anchors);
  const ax = tf.tensor1d(centres.filter((_, i) => i % 2 === 0));
  const ay = tf.tensor1d(centres.filter((_, i) => i % 2 === 1));
  const count = centres.length / 2;
  return {
    async detect(image) {
      const input = tf.tidy(() => {
        const rgba = tf.tensor3d(image.data, [image.height, image.width, 4], 'int32');
        const rgb = tf.cast(tf.slice(rgba, [0, 0, 0], [-1, -1, 3]), 'float32');
        const fit = size / Math.max(image.width, image.height);
        const w = Math.round(image.width * fit);
        const h = Math.round(image.height * fit);
        const resized = tf.image.resizeBilinear(rgb, [h, w]);
        const top = Math.floor((size - h) / 2);
        const left = Math.floor((size - w) / 2);
        const padded = tf.pad(resized, [
          [top, size - h - top],
          [left, size - w - left],
          [0, 0],
        ]);
        return tf.expandDims(tf.sub(tf.div(padded, 127.5), 1), 0);
      });
      const raw = model.execute(input, spec.outputNode) as tf.Tensor3D;
      const [scores, boxes] = tf.tidy(() => {
        const r = tf.squeeze<tf.Tensor2D>(raw, [0]);
        const col = (i: number) => tf.squeeze(tf.slice(r, [0, i], [-1, 1]), [1]);
        const s = tf.sigmoid(tf.clipByValue(col(0), -100, 100));
        const cx = tf.add(tf.div(col(1), size), ax);
        const cy = tf.add(tf.div(col(2), size), ay);
        const bw = tf.div(col(3), size);
        const bh = tf.div(col(4), size);
        const parts = [tf.sub(cy, tf.div(bh, 2)), tf.sub(cx, tf.div(bw, 2)), tf.add(cy, tf.div(bh, 2)), tf.add(cx, tf.div(bw, 2))];
        for (let k = 0; k < 6; k++) parts.push(tf.add(tf.div(col(5 + 2 * k), size), ax), tf.add(tf.div(col(6 + 2 * k), size), ay));
        return [s, tf.stack(parts, 1)];
      });
      const box4 = tf.slice(boxes, [0, 0], [count, 4]) as tf.Tensor2D;
      const keep = await tf.image.nonMaxSuppressionAsync(box4, scores as tf.Tensor1D, 100, 0.3, spec.defaultMinScore);
      const gathered = tf.gather(boxes, keep);
      const kept = await gathered.data();
      tf.dispose([input, raw, scores, boxes, box4, keep, gathered]);
      return kept.length / 16;
    },
    dispose() {
      model.dispose();
      tf.dispose([ax, ay]);
    },
  };
}
