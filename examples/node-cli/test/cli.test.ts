import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMOTIONS } from '@moodtunes/fer-core';
import { resolvePlaylistUris } from '@moodtunes/spotify-adapter';
import type { PhotoReport, Report, VideoReport } from '../src/report';
import { spawnSync } from 'node:child_process';
import { bin, cli, FACES, hasFfmpeg, makeVideo, MUSIC, NO_NETWORK, tempDir } from './helpers';

const photo = (report: Report, i = 0) => report.inputs[i] as PhotoReport;

describe('photos', () => {
  it('finds one happy face in a smiling portrait, with probabilities and recommendations (JSON)', async () => {
    const { code, stdout } = await cli(['obama_official_portrait_2012.jpg', '--json', '-n', '4']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.backend).toBe('wasm');
    expect(report.emotionModel).toBe('FerNet-S');
    expect(report.catalog).toMatchObject({ demo: true, tracks: 320, format: 'spotify-features' });
    expect(report.recommend).toEqual({ strategy: 'knn', mode: 'match', count: 4, seed: 0 });
    const result = photo(report);
    expect(result).toMatchObject({ file: 'obama_official_portrait_2012.jpg', kind: 'photo', width: 910, height: 1137 });
    expect(result.faces).toHaveLength(1);
    const [face] = result.faces;
    expect(face!.emotion).toBe('happy');
    expect(face!.confidence).toBeGreaterThan(0.6);
    expect(Object.keys(face!.probabilities)).toEqual([...EMOTIONS]);
    const sum = Object.values(face!.probabilities).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 2);
    // The annotated box is [354,101,280,300]: the detected one must sit on the face.
    const { x, y, width, height } = face!.box;
    expect(x + width / 2).toBeGreaterThan(354);
    expect(x + width / 2).toBeLessThan(354 + 280);
    expect(y + height / 2).toBeGreaterThan(101);
    expect(y + height / 2).toBeLessThan(101 + 300);
    expect(face!.recommendations).toHaveLength(4);
    expect(face!.recommendations.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    for (const r of face!.recommendations) {
      expect(r.title).toMatch(/\(generated\)$/);
      expect(r.valence).toBeGreaterThan(0.5); // happy -> bright music in match mode
      expect(r.why).toContain('happy');
    }
  });

  it('--emotion-model fast runs FerNet-T and still reads the smile', async () => {
    const { code, stdout } = await cli(['obama_official_portrait_2012.jpg', '--json', '--emotion-model', 'fast']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.emotionModel).toBe('FerNet-T');
    expect(photo(report).faces[0]!.emotion).toBe('happy');
  });

  it('prints a readable table: probabilities, each face, tracks per emotion', async () => {
    const { code, stdout, stderr } = await cli(['obama_biden_side_by_side_2010.jpg', '-n', '2']);
    expect(code).toBe(0);
    expect(stderr).toContain('generated demo catalog');
    expect(stdout).toContain('obama_biden_side_by_side_2010.jpg  1126x661  2 faces');
    expect(stdout).toMatch(/face 1: \w+ \d+%/);
    expect(stdout).toMatch(/face 2: \w+ \d+%/);
    for (const e of EMOTIONS) expect(stdout).toMatch(new RegExp(`^\\s+>? ${e}\\s+\\d+%`, 'm'));
    expect(stdout).toMatch(/tracks to match \w+ \(knn\) for obama_biden_side_by_side_2010\.jpg face/);
    expect(stdout).toMatch(/^\s+1\. .+ - Demo Artist/m);
    expect(stdout).toMatch(/why: For (happy|neutral): \w+, [\w -]+ music \(valence /);
  });

  it('reports no face on a photo without people, and still exits 0', async () => {
    const { code, stdout } = await cli(['noface_coffee_cc0.jpg', 'noface_cat_chelsea_cc0.png', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.inputs.map((i) => (i as PhotoReport).faces.length)).toEqual([0, 0]);
    const table = await cli(['noface_coffee_cc0.jpg']);
    expect(table.stdout).toContain('0 faces');
    expect(table.stdout).toContain('no face found');
  });

  it('reads PNG (RGB and 8-bit gray) as well as JPEG', async () => {
    const { code, stdout } = await cli(['astronaut_eileen_collins.png', 'camera_man_profile_cc0.png', '--json', '-n', '1']);
    expect(code).toBe(0);
    const [astronaut, camera] = (JSON.parse(stdout) as Report).inputs as PhotoReport[];
    expect(astronaut!.faces).toHaveLength(1);
    expect(astronaut!.faces[0]!.emotion).toBe('happy');
    expect(camera).toMatchObject({ width: 512, height: 512 });
  });

  it("finds every face of a group photo with the default 'auto' detector, and fewer with --face-model short", async () => {
    const full = JSON.parse((await cli(['iss_sts106_crew_2000.jpg', '--json', '-n', '1'])).stdout) as Report;
    expect(photo(full).faces).toHaveLength(7); // annotations.json: 7 astronauts
    expect(new Set(photo(full).faces.map((f) => f.index))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    const short = JSON.parse((await cli(['iss_sts106_crew_2000.jpg', '--json', '-n', '1', '--face-model', 'short'])).stdout) as Report;
    expect(photo(short).faces.length).toBeLessThan(7);
  });

  it('writes an M3U playlist of the recommended tracks, each once', async () => {
    const dir = tempDir();
    const { code, stdout } = await cli([
      'nasa_leland_melvin_portrait.jpg',
      'biden_official_portrait_2021.jpg',
      '-n',
      '3',
      '--playlist',
      join(dir, 'mood.m3u'),
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('playlist: 3 tracks written');
    const lines = readFileSync(join(dir, 'mood.m3u'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('#EXTM3U');
    expect(lines[1]).toBe('#PLAYLIST:moodtunes: match happy');
    const entries = lines.slice(2);
    expect(entries).toHaveLength(6); // both faces are happy: 3 tracks, not 6
    expect(entries[0]).toMatch(/^#EXTINF:\d+,Demo Artist \d+ - .+ \(generated\)$/);
    expect(entries[1]).toMatch(/^https:\/\/open\.spotify\.com\/search\//);
  });

  it('writes a JSON playlist from a real catalog that spotify-adapter can resolve to track URIs', async () => {
    const dir = tempDir();
    const out = join(dir, 'mood.json');
    const { code, stdout } = await cli([
      'grace_hopper_navy_1984.jpg',
      '--catalog',
      join(MUSIC, 'data_moods.csv'),
      '--mode',
      'uplift',
      '-n',
      '5',
      '--json',
      '-p',
      out,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.catalog).toMatchObject({ demo: false, format: 'data-moods', tracks: 686 });
    expect(report.playlist).toEqual({ path: out, format: 'json', tracks: 5 });
    const playlist = JSON.parse(readFileSync(out, 'utf8')) as { name: string; tracks: { location: string; spotifyUri?: string }[] };
    expect(playlist.name).toMatch(/^moodtunes: uplift /);
    expect(playlist.tracks).toHaveLength(5);
    expect(playlist.tracks[0]?.location).toMatch(/^https:\/\/open\.spotify\.com\/track\/[0-9A-Za-z]{22}$/);
    const { uris, skipped } = resolvePlaylistUris(playlist);
    expect(uris).toHaveLength(5);
    expect(skipped).toEqual([]);
  });
});

describe('bad input', () => {
  it('a missing file: clear message, exit code 2, nothing analysed', () => {
    const run = bin(['obama_official_portrait_2012.jpg', 'no-such-photo.jpg', '--json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('FileError: no-such-photo.jpg: no such file');
    expect(run.stdout).toBe('');
  });

  it('a file that is neither an image nor a video, and a corrupt JPEG among good photos', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const notes = await cli(['notes.txt'], { cwd: dir });
    expect(notes.code).toBe(2);
    expect(notes.stderr).toMatch(/FileError: notes\.txt: not a JPEG or PNG image, nor a video/);

    writeFileSync(join(dir, 'broken.jpg'), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]));
    const mixed = await cli([join(FACES, 'nasa_ellen_ochoa_portrait.jpg'), 'broken.jpg', '--json', '-n', '1'], { cwd: dir });
    expect(mixed.code).toBe(1); // an input failed...
    const report = JSON.parse(mixed.stdout) as Report;
    expect((report.inputs[0] as PhotoReport).faces).toHaveLength(1); // ...and the good one is still reported
    expect(report.inputs[1]).toMatchObject({ file: 'broken.jpg', error: { name: 'FileError' } });
    expect((report.inputs[1] as { error: { message: string } }).error.message).toContain('cannot decode JPEG');
  });

  it('bad options are usage errors (exit 2)', async () => {
    expect((await cli(['obama_official_portrait_2012.jpg', '--strategy', 'magic'])).code).toBe(2);
    expect((await cli(['obama_official_portrait_2012.jpg', '-n', '0'])).code).toBe(2);
    expect((await cli(['obama_official_portrait_2012.jpg', '--emotion-model', 'tiny'])).code).toBe(2);
    const playlist = await cli(['obama_official_portrait_2012.jpg', '--playlist', 'out.txt']);
    expect(playlist.code).toBe(2);
    expect(playlist.stderr).toContain('playlist must end in .m3u, .m3u8 or .json');
  });

  it('a video without ffmpeg: typed error that says how to install it, exit code 3', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'clip.mp4'), Buffer.alloc(16));
    const run = bin(['clip.mp4', '--ffmpeg', join(dir, 'missing', 'ffmpeg')], dir);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('FfmpegMissingError');
    expect(run.stderr).toContain('apt-get install ffmpeg');
  });
});

describe('privacy', () => {
  it('makes no network connection: photos, a real catalog and a playlist under a guard that kills the process on any attempt', () => {
    const guarded = spawnSync(process.execPath, [...NO_NETWORK, '-e', "fetch('http://127.0.0.1:9')"], { encoding: 'utf8' });
    expect(guarded.status).toBe(99); // the guard works...
    const dir = tempDir();
    const run = bin(
      ['obama_family_2011.jpg', 'noface_coffee_cc0.jpg', '--catalog', join(MUSIC, 'data_moods.csv'), '--json', '-p', join(dir, 'p.m3u')],
      FACES,
      NO_NETWORK,
    );
    expect(run.stderr).not.toContain('NETWORK ATTEMPT');
    expect(run.status).toBe(0); // ...and the CLI never trips it
    expect((JSON.parse(run.stdout) as Report).inputs.map((i) => (i as PhotoReport).faces.length)).toEqual([4, 0]);
  });
});

// CI (.ci/run) installs ffmpeg, so there the video tests must run; locally they skip without it.
const ffmpeg = hasFfmpeg();
if (!ffmpeg && process.env.CI !== 'true') {
  console.warn('node-cli: ffmpeg is not installed, video tests skipped (apt-get install ffmpeg to run them)');
}

describe.runIf(ffmpeg || process.env.CI === 'true')('video (ffmpeg)', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    // 3 s of a broad smile, then 3 s of a neutral face.
    makeVideo(join(dir, 'clip.mp4'), join(FACES, 'obama_official_portrait_2012.jpg'), join(FACES, 'grace_hopper_navy_1984.jpg'), 3);
  });

  it('reports the stable emotion per second, each followed face, and its recommendations', async () => {
    const { code, stdout, stderr } = await cli(['clip.mp4', '--json', '-n', '3', '--progress', '--playlist', 'clip.m3u'], { cwd: dir });
    expect(code).toBe(0);
    const video = (JSON.parse(stdout) as Report).inputs[0] as VideoReport;
    expect(video).toMatchObject({ kind: 'video', width: 480, height: 600, fps: 5 });
    expect(video.frames).toBeGreaterThanOrEqual(29);
    expect(video.framesWithFaces).toBe(video.frames);
    expect(video.timeline.map((t) => t.second)).toEqual([...Array(video.timeline.length).keys()]);
    expect(video.timeline.slice(0, 3).map((t) => t.emotion)).toEqual(['happy', 'happy', 'happy']);
    // The second face reads neutral, with angry and sad behind it: the test asks only that the
    // timeline leaves happy once the smile is gone, and that the face is followed as a new one.
    for (const t of video.timeline.slice(4)) expect(t.emotion).toMatch(/^(neutral|angry|sad)$/);
    expect(video.secondsByEmotion.happy).toBe(3);
    expect(video.faces.map((f) => f.emotion)).toEqual(['happy', expect.stringMatching(/^(neutral|angry|sad)$/)]);
    expect(video.faces[0]).toMatchObject({ id: 1, firstSecond: 0 });
    expect(video.faces[1]!.lastSecond).toBe(video.timeline.at(-1)!.second);
    for (const f of video.faces) expect(f.recommendations).toHaveLength(3);
    expect(video.recommendations).toEqual(video.faces.find((f) => f.emotion === video.dominantEmotion)!.recommendations);
    // --progress draws the bar even off a terminal (it goes to stderr, JSON stays clean).
    expect(stderr).toMatch(/clip\.mp4 \|[=-]+\| 100% \| \d+\/\d+ frames/);
    const m3u = readFileSync(join(dir, 'clip.m3u'), 'utf8');
    expect(m3u.match(/^#EXTINF/gm)).toHaveLength(6);
  });

  it('prints the timeline as a table', async () => {
    const { code, stdout, stderr } = await cli(['clip.mp4', '-n', '1', '--fps', '2'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/clip\.mp4 {2}480x600 {2}\d+\.\d s, \d+ frames at 2 fps/);
    expect(stdout).toMatch(/^\s+0s {2}happy/m);
    expect(stdout).toMatch(/^\s+5s {2}(neutral|angry|sad) /m);
    expect(stdout).toContain('face #1: happy');
    expect(stderr).not.toContain('frames/s'); // short video, not a terminal: no bar
  });

  it('a file ffmpeg cannot read is reported, not thrown', async () => {
    writeFileSync(join(dir, 'garbage.mp4'), Buffer.alloc(4096, 1));
    const { code, stdout } = await cli(['garbage.mp4', '--json'], { cwd: dir });
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as Report).inputs[0]).toMatchObject({ kind: 'video', error: { name: 'VideoDecodeError' } });
  });
});
