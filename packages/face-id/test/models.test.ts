// The bundled weights: the files on disk are the ones models/NOTICE.md and src/models.ts name.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EMBEDDING_MODELS } from '../src/models';

describe('bundled embedding weights', () => {
  const entry = EMBEDDING_MODELS['dlib-resnet'];
  const notice = readFileSync(new URL('../models/NOTICE.md', import.meta.url), 'utf8');
  it.each([entry.graph, ...entry.weights])('$name has the recorded sha256, listed in the NOTICE', (file) => {
    const bytes = readFileSync(fileURLToPath(file.url));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    expect(notice).toContain(file.sha256);
    expect(notice).toContain(statSync(fileURLToPath(file.url)).size.toLocaleString('en-US'));
  });
  it("the shards are face-api's face_recognition_model.bin, byte for byte, in order", () => {
    const whole = Buffer.concat(entry.weights.map((file) => readFileSync(fileURLToPath(file.url))));
    expect(whole.length).toBe(6_444_032);
    expect(createHash('sha256').update(whole).digest('hex')).toBe('b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589');
    expect(notice).toContain('b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589');
    for (const file of entry.weights) expect(statSync(fileURLToPath(file.url)).size).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('the NOTICE states provenance and licences', () => {
    expect(notice).toContain('@vladmandic/face-api@1.7.15');
    expect(notice).toMatch(/public domain/i);
    expect(notice).toContain('MIT License');
  });
});
