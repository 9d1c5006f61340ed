// Property-based tests of the image-input checks (issue 13): over generated sizes, channel counts,
// buffer types and lengths, a buffer is accepted exactly when it is a supported typed array of the
// right length with finite values, and everything else is refused with an InvalidInputError subclass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BufferSizeError,
  checkPixelData,
  EmptyImageError,
  InvalidInputError,
  NonFiniteInputError,
  UnsupportedInputError,
  type PixelData,
} from '@moodtunes/vision-core';

const ARRAY_TYPES = {
  Uint8Array: (n: number) => new Uint8Array(n),
  Uint8ClampedArray: (n: number) => new Uint8ClampedArray(n),
  Float32Array: (n: number) => new Float32Array(n),
  Float64Array: (n: number) => new Float64Array(n),
  Int16Array: (n: number) => new Int16Array(n),
  Array: (n: number) => Array.from({ length: n }, () => 0),
} as const;
const SUPPORTED = new Set(['Uint8Array', 'Uint8ClampedArray', 'Float32Array']);

const input = fc.record({
  width: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom(-1, 2.5, Number.NaN)),
  height: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom(-3, 0.5)),
  channels: fc.option(fc.constantFrom(1, 2, 3, 4, 5), { nil: undefined }),
  lengthChannels: fc.constantFrom(1, 2, 3, 4),
  lengthDelta: fc.constantFrom(0, 0, 0, -1, 1),
  type: fc.constantFrom(...(Object.keys(ARRAY_TYPES) as (keyof typeof ARRAY_TYPES)[])),
  poison: fc.option(fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY), { nil: undefined }),
});

describe('checkPixelData over generated inputs', () => {
  it('accepts exactly the well-formed buffers and refuses the rest with the right InvalidInputError subclass', () => {
    fc.assert(
      fc.property(input, ({ width, height, channels, lengthChannels, lengthDelta, type, poison }) => {
        const validSize = Number.isInteger(width) && Number.isInteger(height) && width >= 0 && height >= 0;
        const pixels = validSize ? width * height : 4;
        const length = Math.max(0, pixels * lengthChannels + lengthDelta);
        const data = ARRAY_TYPES[type](length);
        if (poison !== undefined && length > 0 && type !== 'Uint8Array' && type !== 'Uint8ClampedArray' && type !== 'Int16Array') {
          data[length - 1] = poison;
        }
        const image = { data, width, height, ...(channels === undefined ? {} : { channels }) } as unknown as PixelData;

        let expected: (new (...args: never[]) => Error) | 'ok';
        if (!SUPPORTED.has(type) || !validSize) expected = UnsupportedInputError;
        else if (width === 0 || height === 0) expected = EmptyImageError;
        else if (channels !== undefined && ![1, 3, 4].includes(channels)) expected = UnsupportedInputError;
        else {
          const counts = channels === undefined ? [1, 3, 4] : [channels];
          const fits = counts.some((c) => length === pixels * c);
          const finite = !(type === 'Float32Array' && poison !== undefined && length > 0);
          expected = !fits ? BufferSizeError : !finite ? NonFiniteInputError : 'ok';
        }

        if (expected === 'ok') {
          expect([1, 3, 4]).toContain(checkPixelData(image));
          expect(length).toBe(pixels * checkPixelData(image));
          return;
        }
        let thrown: unknown;
        try {
          checkPixelData(image);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(expected);
        expect(thrown).toBeInstanceOf(InvalidInputError);
        expect((thrown as Error).message.length).toBeLessThan(400);
      }),
      { numRuns: 2000 },
    );
  });
});
