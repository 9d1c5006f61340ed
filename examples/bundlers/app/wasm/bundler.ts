// webpack 5 (`type: 'asset/resource'`) and esbuild (`loader: { '.wasm': 'file' }`): importing a
// .wasm binary emits it as a file of the build and gives its URL.
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm';

export const wasmPaths = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threaded,
};
