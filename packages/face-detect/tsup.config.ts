import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// Two entries: the isomorphic one (fetch) and the Node one (fs), chosen by the `node` export
// condition. `shims` gives the CommonJS builds an import.meta.url, used to find ../models/.
export default defineConfig({ ...baseOptions, entry: ['src/index.ts', 'src/node.ts'], shims: true });
