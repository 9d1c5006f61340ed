import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AssetPlatform } from '../load';
import { browserPlatform } from '../browser/platform';

/** Node assets: `file:` URLs and plain paths from disk, `http(s):` through fetch. */
export const nodePlatform: AssetPlatform = {
  async read(url) {
    if (url.protocol !== 'file:') return browserPlatform.read(url);
    const bytes = await readFile(fileURLToPath(url));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  },
  resolve(location) {
    // A one-letter "scheme" is a Windows drive letter, i.e. a path.
    return /^[a-z][a-z0-9+.-]+:/i.test(location) ? new URL(location) : pathToFileURL(resolvePath(location));
  },
};
