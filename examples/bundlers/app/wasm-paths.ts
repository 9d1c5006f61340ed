// Replaced at build time by the bundler's own way to emit the .wasm files (app/wasm/*.ts): each
// build aliases this module. Importing it unaliased is a mistake in the build config.
export const wasmPaths: Record<string, string> = {};
throw new Error('app/wasm-paths.ts was not aliased to app/wasm/<bundler>.ts');
