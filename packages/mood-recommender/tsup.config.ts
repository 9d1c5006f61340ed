import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// Two entries behind the one `.` export: index (browsers, the default) and node (the `node` condition);
// db, the catalog store (`./db`).
// Splitting puts the code they share in one chunk, so both builds' errors are the same classes.
export default defineConfig({
  ...baseOptions,
  entry: { index: 'src/index.ts', node: 'src/node.ts', db: 'src/db/index.ts' },
  splitting: true,
});
