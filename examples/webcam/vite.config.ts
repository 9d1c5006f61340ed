import { defaultClientConditions, defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources (the `@moodtunes/source` export
// condition), so the demo builds on a fresh checkout without building the packages first.
// Model files (fer-core and face-detect reference them with `new URL(..., import.meta.url)`) and
// tfjs's .wasm binaries become files of this app: nothing comes from a CDN.
export default defineConfig({
  resolve: { conditions: ['@moodtunes/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 5173 },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 3000 },
});
