import type { AssetPlatform } from '../load';

/** Browser (and any fetch-capable runtime) assets: `fetch`, relative URLs against the page. */
export const browserPlatform: AssetPlatform = {
  async read(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText} for ${url.href}`);
    return response.arrayBuffer();
  },
  resolve(location) {
    return new URL(location, (globalThis as { location?: { href: string } }).location?.href);
  },
};
