import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// `#platform` stays an import so package.json `imports` picks node.js or browser.js at run time.
export default defineConfig({
  ...baseOptions,
  entry: { index: 'src/index.ts', 'platform/node': 'src/platform/node.ts', 'platform/browser': 'src/platform/browser.ts' },
  external: ['#platform'],
  shims: true,
});
