import { defineConfig } from 'vitest/config';

// Each package is a vitest project; the `source` export condition makes workspace packages
// resolve to their TypeScript sources, so tests never need a prior build.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/bundlers', 'examples/node-cli', 'examples/recommend-cli', 'examples/webcam'],
  },
});
