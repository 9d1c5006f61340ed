import { UnsupportedEnvironmentError } from '../errors';
import type { CatalogImport, ImportOptions } from './import';

/**
 * Imports a catalog CSV file from disk, streaming it, and gunzipping it on the fly when it starts
 * with the gzip magic bytes (whatever its extension). `source` defaults to the path.
 *
 * Node only: the Node build of the package (the `node` export condition) reads the file; the
 * browser build exports the same function, which rejects with an {@link UnsupportedEnvironmentError}.
 * In browsers use `readCatalog` (`readCatalog(file.stream())`, `readCatalog(response.body)`)
 * or `parseCatalogCsv(text)`.
 *
 * @throws {@link UnsupportedEnvironmentError} in the browser build (as a rejected promise).
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
