import { packageProject } from '../../vitest.shared';

// End-to-end tests of the built demo in headless Debian chromium: one file, one browser, tests in order.
export default packageProject('example-webcam', {
  include: ['test/**/*.test.ts'],
  testTimeout: 180_000,
  hookTimeout: 180_000,
});
