// --gallery: named photos in a folder; the faces of the inputs get those names in the table and JSON.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PhotoReport, Report } from '../src/report';
import { cli, FACES, tempDir } from './helpers';

let gallery: string;
beforeAll(() => {
  // Copies in a temporary folder: the shared photos are never copied into the repo.
  gallery = tempDir();
  copyFileSync(join(FACES, 'obama_official_portrait_2012.jpg'), join(gallery, 'Barack Obama.jpg'));
  mkdirSync(join(gallery, 'Joe Biden'));
  copyFileSync(join(FACES, 'biden_official_portrait_2021.jpg'), join(gallery, 'Joe Biden', 'official.jpg'));
  copyFileSync(join(FACES, 'noface_coffee_cc0.jpg'), join(gallery, 'coffee.jpg'));
  writeFileSync(join(gallery, 'notes.txt'), 'not a photo');
});

describe('--gallery', () => {
  it('names the enrolled people in a photo, leaves strangers unknown, and says who was enrolled (JSON)', async () => {
    const { code, stdout } = await cli([
      'obama_biden_side_by_side_2010.jpg',
      'obama_family_2011.jpg',
      '--gallery',
      gallery,
      '--json',
      '-n',
      '1',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.gallery).toEqual({
      dir: gallery,
      people: [
        { name: 'Barack Obama', photos: 1 },
        { name: 'Joe Biden', photos: 1 },
      ],
      skipped: [{ file: join(gallery, 'coffee.jpg'), reason: 'no face found' }],
    });
    const pair = report.inputs[0] as PhotoReport;
    const byX = [...pair.faces].sort((a, b) => a.box.x - b.box.x);
    expect(byX.map((f) => f.name)).toEqual(['Barack Obama', 'Joe Biden']);
    for (const f of byX) expect(f.identityDistance).toBeLessThan(0.55);
    // The family photo: Barack is named, Michelle and the girls are no one enrolled.
    const family = report.inputs[1] as PhotoReport;
    expect(family.faces.filter((f) => f.name === 'Barack Obama')).toHaveLength(1);
    expect(family.faces.filter((f) => f.name === 'Joe Biden')).toHaveLength(0);
    expect(family.faces.filter((f) => f.name === null).length).toBeGreaterThanOrEqual(2);
  });

  it('prints the names in the table', async () => {
    const { code, stdout } = await cli(['obama_biden_side_by_side_2010.jpg', '--gallery', gallery, '-n', '1']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^gallery: .* - Barack Obama, Joe Biden$/m);
    expect(stdout).toMatch(/^ {2}skipped .*coffee\.jpg: no face found$/m);
    expect(stdout).toMatch(/face \d: {2}Barack Obama {2}\w+ \d+%/);
    expect(stdout).toMatch(/face \d: {2}Joe Biden {2}\w+ \d+%/);
  });

  it('a missing folder, a file, or a folder with no face: one line, exit 2, nothing analysed', async () => {
    const missing = await cli(['obama_biden_side_by_side_2010.jpg', '--gallery', join(gallery, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope: .*(no such file|not found)/i);
    const file = await cli(['obama_biden_side_by_side_2010.jpg', '--gallery', join(gallery, 'coffee.jpg')]);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/is not a folder/);
    const empty = tempDir();
    copyFileSync(join(FACES, 'noface_coffee_cc0.jpg'), join(empty, 'coffee.jpg'));
    const faceless = await cli(['obama_biden_side_by_side_2010.jpg', '--gallery', empty]);
    expect(faceless.code).toBe(2);
    expect(faceless.stderr).toMatch(/no one enrolled: no face found in its photos/);
    expect(faceless.stdout).toBe('');
  });
});
