// Dev check: classify FER2013 PublicTest rows with the mini-Xception baseline through our classifier code.
import { createEmotionClassifier } from '../src/classifier';
import { readFer2013 } from './lib/fer2013';
const clf = await createEmotionClassifier({ modelUrl: '/work/cache/package/models/emotion.json', modelSpec: { scale: '-1..1' } });
console.log(clf.backendSelection, clf.spec);
let n = 0, ok = 0; const t0 = performance.now();
const batch: { pixels: Uint8Array; label: number }[] = [];
for await (const row of readFer2013('../../../shared/data/fer2013/fer2013-publictest.csv.gz', { limit: 1000 })) batch.push(row);
const preds = await clf.classify(batch.map((r) => ({ data: r.pixels, width: 48, height: 48 })));
preds.forEach((p, i) => { n++; if (['angry','disgust','fear','happy','sad','surprise','neutral'].indexOf(p.emotion) === batch[i]!.label) ok++; });
console.log(n, ok / n, performance.now() - t0, preds[0]);
