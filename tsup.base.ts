import type { Options } from 'tsup';

/** Shared tsup settings: ESM + CJS + .d.ts, one bundle per entry, deps left external. */
export const baseOptions: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  splitting: false,
};
