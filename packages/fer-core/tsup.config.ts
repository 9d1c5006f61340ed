import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// The main entry: what differs between Node and browsers lives in @moodtunes/vision-core's platform,
// picked by its `node` export condition. `shims` gives the CommonJS build an import.meta.url,
// used to find ../models/. The worker entry runs in a module worker (its ESM build is the one
// exported); it bundles its own copy of the code, as a worker is a context of its own.
export default defineConfig({ ...baseOptions, entry: ['src/index.ts', 'src/worker.ts'], shims: true });
