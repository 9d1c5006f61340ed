// The Spotify part of the catalog card: the login form, or the library buttons once connected.
import { h } from '../dom';
import type { SpotifySource } from '../spotify/library';
import { redirectUri, savedClientId } from '../spotify/login';

export interface SpotifyActions {
  connectSpotify: (clientId: string) => void;
  loadSpotify: (source: SpotifySource) => void;
  disconnectSpotify: () => void;
}

/** The card's Spotify section for the connected or the logged-out state. */
export function spotifyView(connected: boolean, actions: SpotifyActions): HTMLElement[] {
  return connected ? connectedView(actions) : connectView(actions);
}

function connectView(actions: SpotifyActions): HTMLElement[] {
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

function connectedView(actions: SpotifyActions): HTMLElement[] {
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
