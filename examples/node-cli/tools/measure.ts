// The figures in README.md: faces found on the shared photos against their annotations, time per
// photo, and video throughput on a generated 60 s clip, for both face-detector ranges.
//   pnpm --filter @moodtunes/example-node-cli measure
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import type { PhotoReport, Report, VideoReport } from '../src/report';
import { cli, FACES, hasFfmpeg, makeVideo, tempDir } from '../test/helpers';

const annotations = JSON.parse(readFileSync(join(FACES, 'annotations.json'), 'utf8')) as Record<string, { faces: unknown[] }>;
const photos = readdirSync(FACES)
  .filter((f) => /\.(jpe?g|png)$/i.test(f))
  .sort();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})\n`);
console.log(
  '| face model | photos | annotated faces | faces found | photos with the annotated count | no-face photos with 0 faces | median ms/photo | total ms |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const model of ['auto', 'full', 'short']) {
  const { stdout } = await cli([...photos, '--json', '-n', '1', '--face-model', model]);
  const inputs = (JSON.parse(stdout) as Report).inputs as PhotoReport[];
  const expected = (p: PhotoReport) => annotations[p.file]?.faces.length ?? 0;
  const exact = inputs.filter((p) => p.faces.length === expected(p)).length;
  const noFace = inputs.filter((p) => expected(p) === 0);
  const times = inputs.map((p) => p.detectMs);
  console.log(
    `| ${model} | ${inputs.length} | ${inputs.reduce((s, p) => s + expected(p), 0)} | ${inputs.reduce((s, p) => s + p.faces.length, 0)} | ` +
      `${exact} | ${noFace.filter((p) => p.faces.length === 0).length}/${noFace.length} | ${median(times)} | ${times.reduce((a, b) => a + b, 0)} |`,
  );
}

if (!hasFfmpeg()) {
  console.log('\nffmpeg is not installed: video figures skipped (apt-get install ffmpeg).');
} else {
  const dir = tempDir();
  const clip = join(dir, 'clip60.mp4');
  makeVideo(clip, join(FACES, 'obama_official_portrait_2012.jpg'), join(FACES, 'grace_hopper_navy_1984.jpg'), 30);
  console.log('\nGenerated 60 s clip (30 s smiling portrait, 30 s neutral portrait), 480x600, analysed at 5 fps:\n');
  console.log(
    '| face model | frames | ms/frame in the detector | wall s (decode + detect + track) | x real time | seconds per stable emotion |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const model of ['auto', 'full', 'short']) {
    const started = performance.now();
    const { stdout } = await cli([clip, '--json', '-n', '1', '--face-model', model]);
    const wall = (performance.now() - started) / 1000;
    const video = (JSON.parse(stdout) as Report).inputs[0] as VideoReport;
    console.log(
      `| ${model} | ${video.frames} | ${video.msPerFrame} | ${wall.toFixed(1)} | ${(60 / wall).toFixed(1)} | ` +
        `${Object.entries(video.secondsByEmotion)
          .map(([e, s]) => `${e} ${s}`)
          .join(', ')} |`,
    );
  }
}
