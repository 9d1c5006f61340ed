// Where the tracks come from: the generated demo catalog, a CSV file, or the user's Spotify library.
import { $, h, replaceChildren } from '../dom';
import type { AppState } from '../state';
import type { Store } from '../store';
import { redirectUri, savedClientId, type SpotifySource } from '../spotify';

export interface CatalogActions {
  useDemo(): void;
  openCsv(file: File): void;
  connectSpotify(clientId: string): void;
  loadSpotify(source: SpotifySource): void;
  disconnectSpotify(): void;
}

export function mountCatalog(store: Store<AppState>, actions: CatalogActions): void {
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
    (s) => s.spotifyConnected,
    (connected) => replaceChildren(spotify, connected ? connectedView(actions) : connectView(actions)),
  );
}

function connectView(actions: CatalogActions): HTMLElement[] {
  const clientId = h('input', {
    type: 'text',
    id: 'spotify-client-id',
    placeholder: 'Spotify client id',
    autocomplete: 'off',
    spellcheck: 'false',
    value: savedClientId(),
  });
  return [
    h('h3', { class: 'spotify-title' }, 'Spotify'),
    h(
      'form',
      {
        class: 'spotify-form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          actions.connectSpotify(clientId.value.trim());
        },
      },
      clientId,
      h('button', { type: 'submit', class: 'button spotify-button', id: 'spotify-connect' }, 'Connect Spotify'),
    ),
    h(
      'p',
      { class: 'help' },
      'Create an app at developer.spotify.com, add the redirect URI ',
      h('code', { id: 'redirect-uri' }, redirectUri()),
      ' and paste its client id. Login uses PKCE: no secret, no server.',
    ),
  ];
}

function connectedView(actions: CatalogActions): HTMLElement[] {
  return [
    h('h3', { class: 'spotify-title' }, 'Spotify ', h('span', { class: 'badge ok' }, 'connected')),
    h(
      'div',
      { class: 'catalog-actions' },
      h(
        'button',
        { type: 'button', class: 'button spotify-button', id: 'spotify-saved', onclick: () => actions.loadSpotify('saved') },
        'Use my saved tracks',
      ),
      h(
        'button',
        { type: 'button', class: 'button', id: 'spotify-playlists', onclick: () => actions.loadSpotify('playlists') },
        'Use my playlists',
      ),
      h('button', { type: 'button', class: 'button ghost', onclick: actions.disconnectSpotify }, 'Disconnect'),
    ),
    h(
      'p',
      { class: 'help' },
      'Audio features come from Spotify where your app may still read them, else from a CSV you loaded (matched by Spotify id).',
    ),
  ];
}
