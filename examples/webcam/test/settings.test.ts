// Saved settings and the URL's query, parsed and written back, in node.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, keepSettings, loadSettings, parseSettings, serializeSettings, SETTINGS_KEY } from '../src/settings/settings';
import { parseUrlState, withEngine } from '../src/settings/url-state';
import { Store } from '../src/state/store';
import type { AppState } from '../src/state/app-state';

class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem'> {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('settings', () => {
  it('round-trips through JSON', () => {
    const settings = { strategy: 'cosine', mode: 'uplift', count: 25 } as const;
    expect(parseSettings(serializeSettings(settings))).toEqual(settings);
  });

  it('gives the default for each missing, unknown or out-of-range value', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('not json')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('null')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{"strategy":"random","mode":"sideways","count":31}')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{"count":2.5}').count).toBe(DEFAULT_SETTINGS.count);
    expect(parseSettings('{"strategy":"kmeans","count":3}')).toEqual({ ...DEFAULT_SETTINGS, strategy: 'kmeans', count: 3 });
  });

  it('are saved when one changes, not on load, and read back', () => {
    const storage = new MemoryStorage();
    const store = new Store({ ...DEFAULT_SETTINGS, hint: null } as unknown as AppState);
    keepSettings(store, storage as unknown as Storage);
    expect(storage.items.size).toBe(0);
    store.update({ hint: 'unrelated' });
    expect(storage.items.size).toBe(0);
    store.update({ count: 7 });
    expect(JSON.parse(storage.getItem(SETTINGS_KEY) ?? '')).toEqual({ ...DEFAULT_SETTINGS, count: 7 });
    expect(loadSettings(storage as unknown as Storage)).toEqual({ ...DEFAULT_SETTINGS, count: 7 });
  });
});

describe('URL state', () => {
  it('reads ?backend=, ?model=, ?faces=, ?source= and ?worker=, with defaults for missing or unknown values', () => {
    expect(parseUrlState('')).toEqual({ backend: 'auto', model: 'accurate', faces: 'auto', source: 'camera', worker: true });
    expect(parseUrlState('?backend=wasm&model=fast&faces=short&source=video&worker=0')).toEqual({
      backend: 'wasm',
      model: 'fast',
      faces: 'short',
      source: 'video',
      worker: false,
    });
    expect(parseUrlState('?backend=cuda&model=huge&faces=haar&source=radio&worker=maybe')).toEqual({
      backend: 'auto',
      model: 'accurate',
      faces: 'auto',
      source: 'camera',
      worker: true,
    });
  });

  it('writes the engine choice into the URL and keeps the other parameters', () => {
    const href = withEngine('http://127.0.0.1:5173/?source=photo&backend=wasm#x', 'webgl', 'fast');
    const url = new URL(href);
    expect(url.searchParams.get('backend')).toBe('webgl');
    expect(url.searchParams.get('model')).toBe('fast');
    expect(url.searchParams.get('source')).toBe('photo');
    expect(url.hash).toBe('#x');
    expect(parseUrlState(url.search)).toEqual({ backend: 'webgl', model: 'fast', faces: 'auto', source: 'photo', worker: true });
  });
});
