import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.base';

// One entry: what differs between Node and browsers lives in @moodtunes/vision-core's platform,
// picked by its `node` export condition. `shims` gives the CommonJS build an import.meta.url,
// used to find ../models/.
export default defineConfig({ ...baseOptions, entry: ['src/index.ts'], shims: true });
