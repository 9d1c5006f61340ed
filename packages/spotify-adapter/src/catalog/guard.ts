import type { Catalog } from '@moodtunes/mood-recommender';
import { SpotifyAbortError, SpotifyError } from '../errors';

/**
 * Runs `work`; if it fails, the typed error leaves with `partial.catalog` set to `progress` (the
 * live list of what was done), and an abort of `signal` becomes {@link SpotifyAbortError}.
 */
export async function abortable<T>(
  operation: string,
  signal: AbortSignal | undefined,
  progress: Catalog,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    let typed = error;
    if (!(error instanceof SpotifyError) && signal?.aborted) {
      typed = new SpotifyAbortError(`${operation} was aborted`, { operation, cause: signal.reason });
    }
    if (typed instanceof SpotifyError) typed.partial = { ...typed.partial, catalog: progress };
    throw typed;
  }
}
