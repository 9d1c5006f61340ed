import { callerToken, type AccessTokenProvider } from '../auth/tokens';
import { joinUrl } from '../auth/accounts';
import {
  AudioFeaturesUnavailableError,
  PlaylistConflictError,
  SpotifyHttpError,
  SpotifyNetworkError,
  SpotifyPagingError,
  SpotifyResponseError,
  SpotifyServerError,
} from '../errors';
import { validateHttpOptions } from '../http/options';
import { requestJson, type HttpOptions } from '../http/request';
import { withRetry } from '../http/retry';
import { trackUri } from './ids';
import {
  entryTrack,
  type ApiAudioFeatures,
  type ApiPage,
  type ApiPlaylist,
  type ApiPlaylistEntry,
  type ApiSnapshot,
  type ApiTrack,
} from './parse';

/** Spotify's Web API root. */
export const DEFAULT_API_BASE_URL = 'https://api.spotify.com/v1';

/** Options of {@link SpotifyClient}. */
export interface SpotifyClientOptions extends HttpOptions {
  /** A token provider ({@link clientCredentials}, {@link pkceTokenProvider}, {@link callerToken}) or a bare access token. */
  auth: AccessTokenProvider | string;
  /** Web API root (default `https://api.spotify.com/v1`); point it at a proxy or a test double. */
  apiBaseUrl?: string;
  /**
   * Playlist items endpoint: `items` (`/playlists/{id}/items`, the 2026 name, default) or `tracks`
   * (the old `/playlists/{id}/tracks`, for apps that still have it). Responses of both shapes are read.
   */
  playlistItemsPath?: 'items' | 'tracks';
  /** ISO 3166-1 market (or `from_token`) for track relinking; omitted when unset. */
  market?: string;
  /**
   * Most pages one listing may take (default 1 000: 50 000 saved tracks, 100 000 playlist items).
   * More throw {@link SpotifyPagingError} with `reason: 'page-limit'`, so a server whose `next`
   * links never end cannot keep a load running.
   */
  maxPages?: number;
}

/** Default of {@link SpotifyClientOptions.maxPages}. */
const DEFAULT_MAX_PAGES = 1_000;

/** Same URL whatever the order of its query parameters. */
function pageKey(url: URL): string {
  const key = new URL(url);
  key.searchParams.sort();
  return key.href;
}

/** 5xx, timeouts and dropped connections: the request may have been applied before it failed. */
function uncertain(error: unknown): boolean {
  return error instanceof SpotifyServerError || error instanceof SpotifyNetworkError;
}

/** Query parameters; `undefined` values are left out. */
export type Query = Record<string, string | number | undefined>;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * A small typed `fetch` client for the Web API endpoints this package uses, with the 2026 paths.
 * Every call retries per {@link RetryOptions} and throws typed errors.
 */
export class SpotifyClient {
  /** Web API root in use. */
  readonly apiBaseUrl: string;
  /** Playlist items endpoint name in use. */
  readonly playlistItemsPath: 'items' | 'tracks';
  /** Market sent with track reads, if any. */
  readonly market: string | undefined;
  /** Most pages one listing may take. */
  readonly maxPages: number;
  readonly #auth: AccessTokenProvider;
  readonly #http: HttpOptions;

  /** Throws {@link SpotifyOptionError} for a bad `retry`, `timeoutMs` or `maxPages`. */
  constructor(options: SpotifyClientOptions) {
    validateHttpOptions(options, 'Spotify client setup');
    this.apiBaseUrl = (options.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
    this.playlistItemsPath = options.playlistItemsPath ?? 'items';
    this.market = options.market;
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.#auth = typeof options.auth === 'string' ? callerToken(options.auth) : options.auth;
    this.#http = { fetch: options.fetch, retry: options.retry, timeoutMs: options.timeoutMs };
  }

  /** Absolute URL of an API path with query parameters (undefined values dropped). */
  url(path: string, query: Query = {}): URL {
    const url = joinUrl(this.apiBaseUrl, path);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  /** GET an API path (or an absolute URL on the API host) and return its JSON. */
  get<T>(path: string | URL, signal?: AbortSignal): Promise<T> {
    const url = typeof path === 'string' ? this.url(path) : path;
    return requestJson<T>({ method: 'GET', url, auth: this.#auth, signal }, this.#http);
  }

  /** POST JSON to an API path and return the JSON answer. */
  post<T>(path: string, json: unknown, signal?: AbortSignal): Promise<T> {
    return requestJson<T>({ method: 'POST', url: this.url(path), json, auth: this.#auth, signal }, this.#http);
  }

  /**
   * Follows a paging object's `next` links from `first`. A `next` on api.spotify.com is re-rooted
   * on {@link SpotifyClient.apiBaseUrl}; one on any other host is refused, so the token never
   * leaves the configured API. A `next` back to a page already read, or more than
   * {@link SpotifyClient.maxPages} pages, throws {@link SpotifyPagingError}.
   */
  async *pages<T>(first: URL, signal?: AbortSignal, unwrap?: (body: unknown) => ApiPage<T> | undefined): AsyncGenerator<ApiPage<T>> {
    const operation = `GET ${first.pathname}`;
    const seen = new Set<string>();
    let url: URL | undefined = first;
    while (url) {
      const key = pageKey(url);
      if (seen.has(key)) {
        throw new SpotifyPagingError(`${operation}: the \`next\` link of page ${seen.size} leads back to a page already read`, {
          operation,
          reason: 'cycle',
          pages: seen.size,
        });
      }
      if (seen.size >= this.maxPages) {
        throw new SpotifyPagingError(`${operation}: more than ${this.maxPages} pages (maxPages); stopped`, {
          operation,
          reason: 'page-limit',
          pages: seen.size,
        });
      }
      seen.add(key);
      const body: unknown = await this.get<unknown>(url, signal);
      const page: ApiPage<T> | undefined = unwrap ? unwrap(body) : (body as ApiPage<T>);
      if (!page || !Array.isArray(page.items)) {
        throw new SpotifyResponseError(`GET ${url.pathname}: the answer is not a paging object`, {
          operation: `GET ${url.pathname}`,
        });
      }
      yield page;
      url = page.next ? this.#resolveNext(page.next) : undefined;
    }
  }

  #resolveNext(next: string): URL {
    const base = `${this.apiBaseUrl}/`;
    if (next.startsWith(base)) return new URL(next);
    const canonical = `${DEFAULT_API_BASE_URL}/`;
    if (next.startsWith(canonical)) return new URL(next.slice(canonical.length), base);
    throw new SpotifyResponseError('A paging `next` link points outside the configured API; not following it', {
      operation: 'paging',
    });
  }

  /** First page URL of a playlist's items. */
  playlistItemsUrl(playlistId: string, limit: number): URL {
    return this.url(`playlists/${playlistId}/${this.playlistItemsPath}`, { limit, market: this.market });
  }

  /** `GET /tracks/{id}`; `undefined` when Spotify has no such track (404). */
  async getTrack(id: string, signal?: AbortSignal): Promise<ApiTrack | undefined> {
    try {
      return await this.get<ApiTrack>(this.url(`tracks/${id}`, { market: this.market }), signal);
    } catch (error) {
      if (error instanceof SpotifyHttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Batch `GET /tracks?ids=` (at most 50 ids). Spotify removed it in development mode in February 2026. */
  async getTracks(ids: readonly string[], signal?: AbortSignal): Promise<(ApiTrack | null)[]> {
    const body = await this.get<{ tracks?: (ApiTrack | null)[] }>(this.url('tracks', { ids: ids.join(','), market: this.market }), signal);
    return body?.tracks ?? [];
  }

  /**
   * `GET /audio-features?ids=` (at most 100 ids). A 403 becomes {@link AudioFeaturesUnavailableError}:
   * Spotify closed the endpoint on 2024-11-27 to apps created after that date.
   */
  async getAudioFeatures(ids: readonly string[], signal?: AbortSignal): Promise<(ApiAudioFeatures | null)[]> {
    try {
      const body = await this.get<{ audio_features?: (ApiAudioFeatures | null)[] }>(
        this.url('audio-features', { ids: ids.join(',') }),
        signal,
      );
      return body?.audio_features ?? [];
    } catch (error) {
      if (error instanceof SpotifyHttpError && error.status === 403) {
        throw new AudioFeaturesUnavailableError(
          'Spotify refused GET /audio-features (403). Since 2024-11-27 the endpoint is closed to apps ' +
            'created after that date and to development-mode apps without extended access. Get features ' +
            'from localFeatureSource() (e.g. a Kaggle dump keyed by Spotify id) or providerFeatureSource().',
          { operation: error.operation, status: 403, spotifyMessage: error.spotifyMessage, cause: error },
        );
      }
      throw error;
    }
  }

  /** `POST /me/playlists` (the 2026 endpoint; `POST /users/{id}/playlists` is gone). */
  createPlaylist(
    body: { name: string; description?: string; public?: boolean; collaborative?: boolean },
    signal?: AbortSignal,
  ): Promise<ApiPlaylist> {
    return this.post<ApiPlaylist>('me/playlists', body, signal);
  }

  /**
   * `POST /playlists/{id}/items` with at most 100 URIs, appended at the end. Adding is not
   * idempotent: a 5xx, timeout or dropped connection may come after Spotify applied it. With
   * `before` (the playlist's length before this addition, as `writePlaylist` knows it),
   * such a failure is reconciled: the playlist is read back from that position and only what is
   * missing is sent again, within the retry budget, so nothing is written twice or lost. Without
   * `before` such a failure is thrown, not retried. Resolves to `undefined` when the read-back
   * found every URI already there (no new snapshot id then).
   */
  async addPlaylistItems(
    playlistId: string,
    uris: readonly string[],
    signal?: AbortSignal,
    before?: number,
  ): Promise<ApiSnapshot | undefined> {
    const url = this.url(`playlists/${playlistId}/${this.playlistItemsPath}`);
    const operation = `POST ${url.pathname}`;
    // One try each: the retries (429 waits included) are counted once, around the read-back and the addition.
    const once: HttpOptions = { ...this.#http, retry: { ...this.#http.retry, retries: 0, rateLimitRetries: 0, onRetry: undefined } };
    const add = (pending: readonly string[], http = once) =>
      requestJson<ApiSnapshot | undefined>({ method: 'POST', url, json: { uris: pending }, auth: this.#auth, signal }, http);
    if (before === undefined) return add(uris, { ...this.#http, retry: { ...this.#http.retry, retries: 0 } });
    let unsure = false;
    return withRetry(
      operation,
      async () => {
        const pending = unsure ? uris.slice(await this.#alreadyAdded(playlistId, uris, before, signal, once)) : uris;
        if (pending.length === 0) return undefined;
        try {
          return await add(pending);
        } catch (error) {
          if (uncertain(error)) unsure = true;
          throw error;
        }
      },
      this.#http.retry,
      signal,
    );
  }

  /**
   * How many of `uris` (from the first) the playlist holds from position `before` on. Anything else
   * there means someone else changed the playlist: {@link PlaylistConflictError}.
   */
  async #alreadyAdded(
    playlistId: string,
    uris: readonly string[],
    before: number,
    signal: AbortSignal | undefined,
    http: HttpOptions,
  ): Promise<number> {
    // No market: relinking could answer with other track ids than the ones added.
    const url = this.url(`playlists/${playlistId}/${this.playlistItemsPath}`, { offset: before, limit: 100 });
    const page = await requestJson<ApiPage<ApiPlaylistEntry> | undefined>({ method: 'GET', url, auth: this.#auth, signal }, http);
    if (!page || !Array.isArray(page.items)) {
      throw new SpotifyResponseError(`GET ${url.pathname}: the answer is not a paging object`, { operation: `GET ${url.pathname}` });
    }
    const found = page.items.map((entry) => {
      const track = entryTrack(entry);
      return track?.uri ?? (track?.id ? trackUri(track.id) : undefined);
    });
    let matched = 0;
    while (matched < uris.length && found[matched] === uris[matched]) matched += 1;
    const after = (typeof page.total === 'number' ? page.total : before + found.length) - before;
    if (found.length > matched || after > matched) {
      throw new PlaylistConflictError(
        `POST ${url.pathname}: after an uncertain addition the playlist holds ${after} items from position ${before}, ` +
          `of which only the first ${matched} are this addition's; it was changed elsewhere, so nothing more is added`,
        { operation: `POST ${url.pathname}` },
      );
    }
    return matched;
  }

  /** A summary without credentials. */
  toString(): string {
    return `SpotifyClient(${this.apiBaseUrl})`;
  }

  /** A summary without credentials. */
  toJSON(): Record<string, unknown> {
    return { apiBaseUrl: this.apiBaseUrl, playlistItemsPath: this.playlistItemsPath, market: this.market };
  }

  /** What `util.inspect` (and so `console.log` in Node) prints: the summary. */
  [INSPECT](): string {
    return this.toString();
  }
}
