import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

export default defineConfig({ ...baseOptions, entry: ['src/index.ts', 'src/node.ts'] });
