import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { readCatalog, type CatalogImport, type ImportOptions } from './import';

/**
 * Imports a catalog CSV file from disk, streaming it, and gunzipping it on the fly when it starts
 * with the gzip magic bytes (whatever its extension). `source` defaults to the path.
 *
 * Node only: the Node build of the package (the `node` export condition) reads the file; the
 * browser build exports the same function, which rejects with an `UnsupportedEnvironmentError`.
 * In browsers use {@link readCatalog} (`readCatalog(file.stream())`, `readCatalog(response.body)`)
 * or `parseCatalogCsv(text)`.
 */
export async function readCatalogFile(path: string, opts: ImportOptions = {}): Promise<CatalogImport> {
  const handle = await open(path, 'r');
  const magic = new Uint8Array(2);
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const file = createReadStream(path);
  const input = magic[0] === 0x1f && magic[1] === 0x8b ? file.pipe(createGunzip()) : file;
  file.on('error', (err) => input.destroy(err));
  return readCatalog(input, { source: path, ...opts });
}
