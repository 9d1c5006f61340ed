// What the Spotify part of the catalog card does: log in, use the library, log out.
import { useCatalog } from '../catalog/actions';
import type { AppStore } from '../state/app-state';
import { messageOf, sentence } from '../text';
import { describeSource, loadSpotifyLibrary, progressText, type SpotifySource } from './library';
import { beginLogin, completeLogin, forgetSession, isCallback, restoreSession } from './login';

/** Sends the user to Spotify's login; an empty client id or a failure is reported instead. */
export async function connectSpotify(store: AppStore, clientId: string): Promise<void> {
  if (!clientId) return void store.update({ catalogMessage: { tone: 'error', text: 'Paste the client id of your Spotify app first.' } });
  try {
    await beginLogin(clientId);
  } catch (error) {
    store.update({ catalogMessage: { tone: 'error', text: `Could not start the Spotify login: ${messageOf(error)}` } });
  }
}

/** On page load: finishes a login Spotify redirected back from, or resumes this tab's session. */
export async function restoreSpotify(store: AppStore): Promise<void> {
  try {
    const spotify = isCallback() ? await completeLogin() : restoreSession();
    if (spotify) {
      store.update({ spotify, catalogMessage: { tone: 'info', text: 'Connected to Spotify: pick your saved tracks or playlists.' } });
    }
  } catch (error) {
    store.update({ catalogMessage: { tone: 'error', text: `Spotify login failed: ${messageOf(error)}` } });
  }
}

/** Replaces the catalog with the user's saved tracks or playlists, with progress and a Cancel button. */
export async function loadSpotify(store: AppStore, source: SpotifySource): Promise<void> {
  const { spotify, csvCatalog } = store.getState();
  if (!spotify) return;
  const controller = new AbortController();
  const what = describeSource(source);
  const task = (progress: string) =>
    store.update({ catalogTask: { title: `Loading your Spotify ${what}`, progress, cancel: () => controller.abort() } });
  task('starting');
  try {
    const loaded = await loadSpotifyLibrary(spotify, source, {
      featureCatalog: csvCatalog?.catalog,
      signal: controller.signal,
      onProgress: (p) => task(progressText(p)),
    });
    useCatalog(store, loaded, `Using ${loaded.prepared.size.toLocaleString('en')} tracks from your Spotify ${what}.`);
  } catch (error) {
    const text = controller.signal.aborted ? 'Spotify import cancelled.' : `Spotify: ${messageOf(error)}`;
    store.update({ catalogMessage: { tone: 'error', text: `${sentence(text)} The current catalog stays in use.` } });
  } finally {
    store.update({ catalogTask: null });
  }
}

/** Forgets the session; the catalog in use stays. */
export function disconnectSpotify(store: AppStore): void {
  forgetSession();
  store.update({ spotify: null, catalogMessage: { tone: 'info', text: 'Disconnected from Spotify.' } });
}
