import { InvalidOptionError } from '../errors';
import { cosine } from './cosine';
import { kmeans } from './kmeans';
import { knn } from './knn';
import type { Strategy } from './strategy';

/** The built-in strategies by name; `recommend` also accepts these names in place of the objects. */
export const STRATEGIES = { kmeans, knn, cosine } as const satisfies Record<string, Strategy>;

/** The name of a built-in strategy. */
export type StrategyName = keyof typeof STRATEGIES;

/** The built-in strategies' names, for option lists and settings screens. */
export const STRATEGY_NAMES = Object.keys(STRATEGIES) as StrategyName[];

/** The strategy `recommend` uses when none is given: {@link knn}. */
export const DEFAULT_STRATEGY: Strategy & { readonly name: StrategyName } = knn;

/** Whether `name` names a built-in strategy. */
function isStrategyName(name: unknown): name is StrategyName {
  return typeof name === 'string' && Object.hasOwn(STRATEGIES, name);
}

/**
 * A strategy object, or the built-in one of that name.
 *
 * @throws {@link InvalidOptionError} for anything else.
 */
export function resolveStrategy(value: unknown, option: string): Strategy {
  if (isStrategyName(value)) return STRATEGIES[value];
  const s = value as Partial<Strategy> | null;
  if (
    typeof s === 'object' &&
    s !== null &&
    typeof s.name === 'string' &&
    typeof s.prepare === 'function' &&
    typeof s.search === 'function' &&
    typeof s.measure === 'function'
  ) {
    return s as Strategy;
  }
  throw new InvalidOptionError(
    option,
    value,
    `expected one of ${Object.keys(STRATEGIES).join(', ')} or a strategy object (name, prepare, search, measure)`,
  );
}
