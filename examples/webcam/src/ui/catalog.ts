// Where the tracks come from: the generated demo catalog, a CSV file, or the user's Spotify library.
import { $, h, replaceChildren } from '../dom';
import type { AppStore } from '../state/app-state';
import { spotifyView, type SpotifyActions } from './spotify';

export interface CatalogActions extends SpotifyActions {
  useDemo(): void;
  openCsv(file: File): void;
}

/** Draws the catalog card into #catalog: the catalog in use, import progress and messages, and Spotify. */
export function mountCatalog(store: AppStore, actions: CatalogActions): void {
  const root = $('#catalog');
  const current = h('div', { class: 'catalog-current', id: 'catalog-current' });
  const task = h('div', { class: 'catalog-task', id: 'catalog-task', 'aria-live': 'polite' });
  const message = h('p', { class: 'catalog-message', id: 'catalog-message', 'aria-live': 'polite' });
  const csvInput = h('input', {
    type: 'file',
    id: 'csv-input',
    class: 'visually-hidden',
    accept: '.csv,.gz,text/csv',
    onchange: (event: Event) => {
      const input = event.target as HTMLInputElement;
      const file = input.files?.[0];
      if (file) actions.openCsv(file);
      input.value = '';
    },
  });
  const spotify = h('div', { class: 'spotify', id: 'spotify' });

  replaceChildren(
    root,
    h('h2', { class: 'card-title' }, 'Catalog'),
    current,
    h(
      'div',
      { class: 'catalog-actions' },
      h('button', { type: 'button', class: 'button', id: 'use-demo', onclick: actions.useDemo }, 'Demo catalog'),
      csvInput,
      h('label', { for: 'csv-input', class: 'button', id: 'csv-label' }, 'Load a CSV…'),
    ),
    h(
      'p',
      { class: 'help' },
      'CSV: Kaggle SpotifyFeatures.csv, the 1921-2020 tracks.csv / data.csv, or data_moods.csv; .gz works too. Read in this tab, row by row.',
    ),
    task,
    message,
    spotify,
  );

  store.select(
    (s) => s.catalog,
    (catalog) => {
      current.dataset.kind = catalog.kind;
      replaceChildren(
        current,
        h(
          'p',
          { class: 'catalog-name' },
          catalog.label,
          catalog.kind === 'demo' && h('span', { class: 'badge' }, 'generated, not real songs'),
        ),
        h('p', { class: 'catalog-detail' }, catalog.detail),
      );
    },
  );
  store.select(
    (s) => s.catalogTask,
    (t) => {
      if (!t) return replaceChildren(task);
      replaceChildren(
        task,
        h('span', { class: 'spinner', 'aria-hidden': 'true' }),
        h('span', {}, `${t.title}: ${t.progress}`),
        t.cancel && h('button', { type: 'button', class: 'button ghost small', onclick: t.cancel }, 'Cancel'),
      );
    },
  );
  store.select(
    (s) => s.catalogMessage,
    (m) => {
      message.textContent = m?.text ?? '';
      message.className = `catalog-message ${m?.tone ?? ''}`;
    },
  );
  store.select(
    (s) => s.spotify !== null,
    (connected) => replaceChildren(spotify, spotifyView(connected, actions)),
  );
}
