import { UnsupportedEnvironmentError } from '../errors';
import type { CatalogImport, ImportOptions } from './import';

/**
 * Imports a catalog CSV file from disk, streaming it and gunzipping it when it starts with the gzip
 * magic bytes. Node only: this is the browser build, where it rejects with an
 * {@link UnsupportedEnvironmentError}. In browsers, import a `File` or a response with
 * `readCatalog` (`readCatalog(file.stream())`, `readCatalog(response.body)`) or text with
 * `parseCatalogCsv`.
 *
 * @throws {@link UnsupportedEnvironmentError} always (as a rejected promise), in this build.
 */
export function readCatalogFile(path: string, _opts: ImportOptions = {}): Promise<CatalogImport> {
  return Promise.reject(
    new UnsupportedEnvironmentError(
      'readCatalogFile',
      `readCatalogFile(${JSON.stringify(path)}) reads files from disk and needs Node.js; in browsers, import a File or a fetch() ` +
        'response with readCatalog(file.stream()) / readCatalog(response.body), or CSV text with parseCatalogCsv(text)',
    ),
  );
}
