import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CatalogInputError, InvalidOptionError } from '../errors';
import { readCatalog, type CatalogImport, type ImportOptions } from './import';

/**
 * Imports a catalog CSV file from disk, streaming it, and gunzipping it on the fly when it starts
 * with the gzip magic bytes (whatever its extension). `source` defaults to the path.
 *
 * A truncated or corrupt `.gz` throws a {@link CatalogInputError} saying how far the import got in
 * strict mode; in lenient mode the rows before the damage are returned with `truncated` set.
 *
 * Node only: the Node build of the package (the `node` export condition) reads the file; the
 * browser build exports the same function, which rejects with an `UnsupportedEnvironmentError`.
 * In browsers use {@link readCatalog} (`readCatalog(file.stream())`, `readCatalog(response.body)`)
 * or `parseCatalogCsv(text)`.
 *
 * @throws {@link CatalogInputError} when the file is missing, a directory or unreadable (`code`
 *   `ENOENT`, `EISDIR`, `EACCES`), or fails part-way; and everything {@link readCatalog} throws.
 */
export async function readCatalogFile(path: string, opts: ImportOptions = {}): Promise<CatalogImport> {
  if (typeof path !== 'string' || path === '') throw new InvalidOptionError('path', path, 'expected a file path');
  const magic = new Uint8Array(2);
  let magicBytes: number;
  try {
    const handle = await open(path, 'r');
    try {
      ({ bytesRead: magicBytes } = await handle.read(magic, 0, 2, 0));
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw fileError(path, err);
  }
  const file = createReadStream(path);
  const gzip = magicBytes === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  // pipeline destroys both streams when either fails or when the import stops early; the error
  // itself reaches readCatalog through the gunzip stream, so the callback has nothing left to do.
  const input = gzip ? pipeline(file, createGunzip(), () => undefined) : file;
  return readCatalog(input, { source: path, ...opts });
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'it does not exist',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function fileError(path: string, err: unknown): CatalogInputError {
  const code = (err as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? code : undefined;
  const what = (known && FILE_PROBLEMS[known]) ?? (err instanceof Error ? err.message : String(err));
  return new CatalogInputError(`Cannot read the catalog file ${JSON.stringify(path)}: ${what}${known ? ` (${known})` : ''}`, 1, 0, known, {
    cause: err,
  });
}
