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
  it('the NOTICE states provenance and licences', () => {
    expect(notice).toContain('@vladmandic/face-api@1.7.15');
    expect(notice).toMatch(/public domain/i);
    expect(notice).toContain('MIT License');
  });
});
