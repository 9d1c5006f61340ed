// Where the tracks come from: the generated demo catalog, a CSV file, or the user's Spotify library.
import type { LoadedCatalog } from '../catalog/load';
import { $, h, replaceChildren } from '../dom';
import type { AppStore, CatalogTask } from '../state/app-state';
import { spotifyView, type SpotifyActions } from './spotify';

export interface CatalogActions extends SpotifyActions {
  useDemo: () => void;
  openCsv: (file: File) => void;
}

/** Draws the catalog card into #catalog: the catalog in use, import progress and messages, and Spotify. */
export function mountCatalog(store: AppStore, actions: CatalogActions): void {
  const current = h('div', { class: 'catalog-current', id: 'catalog-current' });
  const task = h('div', { class: 'catalog-task', id: 'catalog-task', 'aria-live': 'polite' });
  const message = h('p', { class: 'catalog-message', id: 'catalog-message', 'aria-live': 'polite' });
  const spotify = h('div', { class: 'spotify', id: 'spotify' });
  replaceChildren($('#catalog'), h('h2', { class: 'card-title' }, 'Catalog'), current, pickers(actions), task, message, spotify);

  store.select(
    (s) => s.catalog,
    (catalog) => {
      current.dataset.kind = catalog.kind;
      replaceChildren(current, catalogLines(catalog));
    },
  );
  store.select(
    (s) => s.catalogTask,
    (t) => replaceChildren(task, t && taskLine(t)),
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

function pickers(actions: CatalogActions): HTMLElement[] {
  const csvInput = h('input', {
    type: 'file',
    id: 'csv-input',
    class: 'visually-hidden',
    accept: '.csv,.gz,text/csv',
    onchange: (event: Event) => {
      const input = event.target as HTMLInputElement;
      const file = input.files?.[0];
      if (file) actions.openCsv(file);
      // The same file can be picked again, e.g. after fixing it.
      input.value = '';
    },
  });
  return [
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
  ];
}

function catalogLines(catalog: LoadedCatalog): HTMLElement[] {
  return [
    h('p', { class: 'catalog-name' }, catalog.label, catalog.kind === 'demo' && h('span', { class: 'badge' }, 'generated, not real songs')),
    h('p', { class: 'catalog-detail' }, catalog.detail),
  ];
}

function taskLine(t: CatalogTask): (HTMLElement | undefined)[] {
  return [
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    h('span', {}, `${t.title}: ${t.progress}`),
    t.cancel && h('button', { type: 'button', class: 'button ghost small', onclick: t.cancel }, 'Cancel'),
  ];
}
