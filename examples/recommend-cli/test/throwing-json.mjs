// Preload (node --import) for the tests: an error the CLI cannot expect, thrown when it serialises
// its result for --json, with a second line that looks like a stack frame and must not be shown.
const stringify = JSON.stringify;
JSON.stringify = (value, ...rest) => {
  if (value && typeof value === 'object' && 'items' in value) throw new Error('serialiser failed\n    at library (lib.js:1:1)');
  return stringify(value, ...rest);
};
