import { callerToken, type AccessTokenProvider } from '../auth/tokens';
import { joinUrl } from '../auth/accounts';
import { AudioFeaturesUnavailableError, SpotifyHttpError, SpotifyResponseError } from '../errors';
import { requestJson, type HttpOptions } from '../http/request';
import type { ApiAudioFeatures, ApiPage, ApiPlaylist, ApiSnapshot, ApiTrack } from './parse';

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
  readonly #auth: AccessTokenProvider;
  readonly #http: HttpOptions;

  constructor(options: SpotifyClientOptions) {
    this.apiBaseUrl = (options.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
    this.playlistItemsPath = options.playlistItemsPath ?? 'items';
    this.market = options.market;
    this.#auth = typeof options.auth === 'string' ? callerToken(options.auth) : options.auth;
    this.#http = { fetch: options.fetch, retry: options.retry };
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
   * leaves the configured API.
   */
  async *pages<T>(first: URL, signal?: AbortSignal, unwrap?: (body: unknown) => ApiPage<T> | undefined): AsyncGenerator<ApiPage<T>> {
    let url: URL | undefined = first;
    while (url) {
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

  /** `POST /playlists/{id}/items` with at most 100 URIs. */
  addPlaylistItems(playlistId: string, uris: readonly string[], signal?: AbortSignal): Promise<ApiSnapshot> {
    return this.post(`playlists/${playlistId}/${this.playlistItemsPath}`, { uris }, signal);
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
