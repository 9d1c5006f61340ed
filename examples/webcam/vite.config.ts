import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);

/**
 * Serves a folder of model files under `/<urlPath>/` (dev server) and copies it into the build
 * with the file names unchanged. A tfjs graph model needs this: `model.json` names its weight
 * shards by relative path, so both must sit side by side, which a bundler's hashed asset names
 * break.
 */
function modelFolder(urlPath: string, dir: string): Plugin {
  return {
    name: 'moodtunes:model-folder',
    configureServer(server) {
      server.middlewares.use(`/${urlPath}/`, (req, res, next) => {
        const file = normalize(join(dir, decodeURIComponent((req.url ?? '').split('?')[0] ?? '')));
        if (!file.startsWith(dir + sep) || !existsSync(file)) return next();
        res.setHeader('content-type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const name of readdirSync(dir)) {
        this.emitFile({ type: 'asset', fileName: `${urlPath}/${name}`, source: readFileSync(join(dir, name)) });
      }
    },
  };
}

// Workspace packages resolve to their TypeScript sources (the `@moodtunes/source` export
// condition), so the demo builds on a fresh checkout without building the packages first.
// Model files and tfjs's .wasm binaries become files of this app: nothing comes from a CDN.
export default defineConfig({
  resolve: { conditions: ['@moodtunes/source', ...defaultClientConditions] },
  plugins: [modelFolder('models/fer-emotion', join(dirname(require.resolve('@moodtunes/fer-core/package.json')), 'models/fer-emotion'))],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 5173 },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 3000 },
});
