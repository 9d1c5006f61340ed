import { defaultClientConditions, defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources (the `@moodtunes/source` export
// condition), so the demo builds on a fresh checkout without building the packages first.
// Model files (fer-core and face-detect reference them with `new URL(..., import.meta.url)`) and
// tfjs's .wasm binaries become files of this app: nothing comes from a CDN.
//
// The page is cross-origin isolated so that tfjs's wasm backend can run threads (it needs
// SharedArrayBuffer). COEP is `credentialless`, not `require-corp`: album art from Spotify's image
// CDN, which sends no CORP header, still loads (without cookies). Browsers without credentialless
// (Safari) ignore the value: the page is not isolated there and wasm runs on one thread, covers
// intact. The backend panel says which. docs/backends.md has the measurements.
const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

export default defineConfig({
  resolve: { conditions: ['@moodtunes/source', ...defaultClientConditions] },
  // `vite preview` falls back to `server.headers` only when it has none of its own, so both say it.
  server: { host: '127.0.0.1', port: 5173, headers: CROSS_ORIGIN_ISOLATION },
  preview: { host: '127.0.0.1', port: 5173, headers: CROSS_ORIGIN_ISOLATION },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 3000 },
  // The detector worker (src/analysis/fer-worker.ts): fer-core loads its backends with dynamic
  // imports, which a worker bundle keeps only as an ES module.
  worker: { format: 'es' },
});
