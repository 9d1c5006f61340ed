// Who is who in the shared photos (../shared/data/faces), and the crops of the parity fixture.
// Reading and matching the photos is fer-core's tools' (one copy of that code in the repo).
import type { Box } from '@moodtunes/face-detect';
import type { Rgba } from '../../../fer-core/tools/lib/photos';

export { decodePhoto, matchBoxes, readPhotos, type Rgba } from '../../../fer-core/tools/lib/photos';

/**
 * Who is who, from the annotations' own notes and file descriptions (data README): the people who
 * appear in more than one photo. Every other annotated face is taken to be someone seen once.
 */
export const KNOWN_PEOPLE: Record<string, { portrait: string; appearances: { file: string; index: number }[] }> = {
  'Barack Obama': {
    portrait: 'obama_official_portrait_2012.jpg',
    appearances: [
      { file: 'obama_biden_side_by_side_2010.jpg', index: 0 },
      { file: 'obama_family_2011.jpg', index: 2 },
      { file: 'obama_signing_letter_2016.jpg', index: 0 },
      { file: 'situation_room_2011.jpg', index: 1 },
      { file: 'obama_rose_garden_small_face_2010.jpg', index: 0 },
    ],
  },
  'Joe Biden': {
    portrait: 'biden_official_portrait_2021.jpg',
    appearances: [
      { file: 'obama_biden_side_by_side_2010.jpg', index: 1 },
      { file: 'situation_room_2011.jpg', index: 0 },
    ],
  },
};

/** The identity of an annotated face: a known person's name, else `file#index` (someone seen once). */
export function identityOf(face: { file: string; index: number }): string {
  for (const [name, { portrait, appearances }] of Object.entries(KNOWN_PEOPLE)) {
    if (face.file === portrait && face.index === 0) return name;
    if (appearances.some((a) => a.file === face.file && a.index === face.index)) return name;
  }
  return `${face.file}#${face.index}`;
}

/**
 * The annotated box made square (its longer side, same centre) and sampled to `size` x `size`
 * RGB by nearest neighbour, edges clamped: the same bytes for our network and the reference.
 */
export function boxCrop(photo: Rgba, box: Box, size = 150): Uint8Array {
  const { x, y, width: w, height: h } = box;
  const side = Math.max(w, h);
  const left = x + w / 2 - side / 2;
  const top = y + h / 2 - side / 2;
  const out = new Uint8Array(size * size * 3);
  for (let r = 0; r < size; r++) {
    const sy = Math.min(photo.height - 1, Math.max(0, Math.floor(top + ((r + 0.5) * side) / size)));
    for (let c = 0; c < size; c++) {
      const sx = Math.min(photo.width - 1, Math.max(0, Math.floor(left + ((c + 0.5) * side) / size)));
      const from = (sy * photo.width + sx) * 4;
      out.set(photo.data.subarray(from, from + 3), (r * size + c) * 3);
    }
  }
  return out;
}

/** The faces of the parity fixture (test/fixtures/parity-face-api.json). */
export const PARITY_FACES = [
  { file: 'obama_official_portrait_2012.jpg', index: 0 },
  { file: 'obama_biden_side_by_side_2010.jpg', index: 0 },
  { file: 'obama_biden_side_by_side_2010.jpg', index: 1 },
  { file: 'nasa_leland_melvin_portrait.jpg', index: 0 },
  { file: 'grace_hopper_navy_1984.jpg', index: 0 },
] as const;
