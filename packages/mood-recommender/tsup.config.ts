import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// Splitting puts the code shared by `.` and `./node` (import, errors) in one chunk, so an error
// thrown through `./node` is `instanceof` the class exported from `.`.
export default defineConfig({ ...baseOptions, entry: ['src/index.ts', 'src/node.ts'], splitting: true });
