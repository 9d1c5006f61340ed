import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// Two entries with the same exports, chosen by the `node` export condition: the isomorphic one
// (fetch) and the Node one (fs). `shims` gives the CommonJS builds an import.meta.url.
export default defineConfig({ ...baseOptions, entry: ['src/index.ts', 'src/node.ts'], shims: true });
