// webpack and esbuild give a .wasm import's emitted URL as its default export.
declare module '*.wasm' {
  const url: string;
  export default url;
}
