import { packageProject } from '../../vitest.shared';

// Builds the tiny app with each bundler (and Vite SSR) and runs every build in headless chromium.
export default packageProject('example-bundlers', {
  include: ['test/**/*.test.ts'],
  testTimeout: 180_000,
  hookTimeout: 300_000,
});
