// Preload (node --import) for the tests: an error that nobody catches, thrown just after
// tfjs-backend-wasm instantiates its module, when the wasm glue's own uncaught-exception handlers
// (which print the glue's minified source and exit 7) are in place. The CLI must still report it
// in one line. The message has a second line that looks like a stack frame, which must not show.
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async (...args) => {
  const fromTfjs = new Error().stack.includes('tfjs-backend-wasm'); // tsx instantiates its own module first
  const result = await instantiate(...args);
  if (fromTfjs)
    setImmediate(() => {
      throw new Error('stray failure in a library\n    at library (lib.js:1:1)');
    });
  return result;
};
