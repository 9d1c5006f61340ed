import { InvalidOptionError } from './errors';

/** A file shipped inside a package, with the SHA-256 the loader checks it against. */
export interface BundledFile {
  /** File name: the weight files as the model's manifest names them (the loader matches them by it). */
  name: string;
  /** Lower-case hex SHA-256 of the file. */
  sha256: string;
  /**
   * Where the file is: a literal `new URL('../models/...', import.meta.url)` in the package that
   * ships it, so that bundlers (Vite, webpack, esbuild with a plugin) see it and emit the file.
   */
  url: URL;
}

/** One model shipped inside a package: its names, files and what the code needs to know to run it. */
export interface BundledModelEntry<Meta = unknown> {
  /** The name users pass as an option (`'short'`, `'accurate'`); also the folder or file stem in `models/`. */
  name: string;
  /** The model's own name, for reports and docs (`'BlazeFace short range'`, `'FerNet-S'`). */
  displayName: string;
  /** The tfjs graph model's `model.json`; for a network written in tfjs ops, its weights manifest (see `loadWeights`). */
  graph: BundledFile;
  /** Its weight files, as the manifest lists them. */
  weights: readonly BundledFile[];
  /** What differs between the package's models (input size, anchors, default thresholds, ...). */
  meta: Meta;
}

/** A registry entry whose `name` is its key in the table. */
export interface NamedModelEntry<Name extends string, Meta> extends BundledModelEntry<Meta> {
  /** The entry's key in its {@link ModelRegistry}. */
  name: Name;
}

/** The models a package ships, by name. Each package has exactly one such table. */
export type ModelRegistry<Name extends string, Meta> = { readonly [N in Name]: NamedModelEntry<N, Meta> };

/** The names of a registry, in table order. */
export function registryNames<Name extends string>(registry: ModelRegistry<Name, unknown>): readonly Name[] {
  return Object.keys(registry) as Name[];
}

/**
 * The entry of a registry by name. Throws {@link InvalidOptionError} naming the choices for
 * anything else (a typo, a number, a prototype key such as `'toString'`).
 */
export function registryEntry<Name extends string, Meta>(
  registry: ModelRegistry<Name, Meta>,
  name: unknown,
  option = 'model',
): NamedModelEntry<Name, Meta> {
  if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(registry, name)) return registry[name as Name];
  const choices = registryNames(registry)
    .map((n) => `'${n}'`)
    .join(', ');
  throw new InvalidOptionError(`${option} must be one of ${choices}, got ${typeof name === 'string' ? `'${name}'` : String(name)}`);
}
