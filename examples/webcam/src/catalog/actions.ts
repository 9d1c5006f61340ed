// What the catalog card does with the demo catalog and CSV files.
import type { AppStore } from '../state/app-state';
import { messageOf, sentence } from '../text';
import { importCsvFile, type LoadedCatalog } from './load';

/**
 * Makes `next` the catalog in use. The demo and the latest CSV stay loaded (the CSV also feeds
 * Spotify features); a Spotify catalog is freed when replaced.
 */
export function useCatalog(store: AppStore, next: LoadedCatalog, message: string): void {
  const previous = store.getState().catalog;
  store.update({ catalog: next, catalogMessage: { tone: 'info', text: message } });
  if (previous !== next && previous.kind === 'spotify') previous.prepared.dispose();
}

/** Switches back to the bundled demo catalog. */
export function useDemoCatalog(store: AppStore, demo: LoadedCatalog): void {
  useCatalog(store, demo, 'Using the demo catalog (generated tracks).');
}

/** Imports a CSV with a progress line; a file that fails leaves the current catalog in use. */
export async function openCsv(store: AppStore, file: File): Promise<void> {
  const title = `Importing ${file.name}`;
  store.update({ catalogMessage: null, catalogTask: { title, progress: 'starting' } });
  try {
    const loaded = await importCsvFile(file, (p) =>
      store.update({
        catalogTask: { title, progress: `${p.rowsRead.toLocaleString('en')} rows read, ${p.tracks.toLocaleString('en')} tracks` },
      }),
    );
    const old = store.getState().csvCatalog;
    store.update({ csvCatalog: loaded });
    useCatalog(store, loaded, `Using ${loaded.prepared.size.toLocaleString('en')} tracks from ${file.name}.`);
    old?.prepared.dispose();
  } catch (error) {
    store.update({
      catalogMessage: { tone: 'error', text: `${sentence(`${file.name}: ${messageOf(error)}`)} The current catalog stays in use.` },
    });
  } finally {
    store.update({ catalogTask: null });
  }
}
