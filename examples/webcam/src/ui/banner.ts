// The dismissable line above the stage (a backend fell back, or no backend started).
import { $, h, replaceChildren } from '../dom';
import type { AppStore } from '../state/app-state';

/** Draws the store's banner into #banner; its ✕ calls `dismiss`. */
export function mountBanner(store: AppStore, dismiss: () => void): void {
  const root = $('#banner');
  store.select(
    (s) => s.banner,
    (banner) => {
      root.hidden = !banner;
      root.className = `banner ${banner?.tone ?? ''}`;
      replaceChildren(
        root,
        banner && h('p', { id: 'banner-text' }, banner.text),
        banner && h('button', { type: 'button', class: 'button ghost small', 'aria-label': 'Dismiss', onclick: dismiss }, '✕'),
      );
    },
  );
}
