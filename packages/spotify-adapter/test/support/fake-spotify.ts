import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiAudioFeatures, ApiTrack } from '../../src';

/** One request the double received. */
export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  /** Parsed JSON or form body. */
  body?: unknown;
  /** Set when a queued fault answered instead of the handler. */
  fault?: number | 'reset' | 'hang';
}

/**
 * A canned failure: an HTTP answer; `reset` to drop the connection without one; or a hang, where
 * the server accepts and never answers (`headers`) or sends the headers and part of the body and
 * then stalls (`body`). With `apply: true` the request is handled first (a playlist addition takes
 * effect) and the fault replaces its answer.
 */
export type Fault =
  | {
      status: number;
      headers?: Record<string, string>;
      body?: unknown;
      /** Builds the body from the request, e.g. to echo a credential back. */
      bodyOf?: (request: Recorded) => unknown;
      apply?: boolean;
    }
  | { hang: 'headers' | 'body'; apply?: boolean }
  | 'reset';

interface PlaylistData {
  id: string;
  name: string;
  ownerId: string;
  entries: unknown[];
  /** Answer 403 on its items (another user's playlist in development mode). */
  forbidden?: boolean;
  /** Broken paging: `self` links each page to itself; `endless` always links a further (empty) page. */
  paging?: 'self' | 'endless';
}

interface TokenInfo {
  expiresAt: number;
  refresh?: string;
}

/** Options of {@link FakeSpotify}. */
export interface FakeSpotifyOptions {
  clientId?: string;
  clientSecret?: string;
  /** Seconds a token lives (default 3600). */
  expiresIn?: number;
  /** Whether `/audio-features` answers (true) or 403s as for apps created after 2024-11-27 (default false). */
  audioFeaturesAccess?: boolean;
  /** Write `next` links on https://api.spotify.com like the real API does behind a proxy. */
  canonicalNext?: boolean;
  /** Max `limit` accepted by /search (default 10, as for development-mode apps). */
  searchMaxLimit?: number;
}

const ID = /^[0-9A-Za-z]{22}$/;

function newToken(): string {
  return `BQ${randomBytes(96).toString('base64url')}`;
}

function base64Url(buffer: Buffer): string {
  return buffer.toString('base64url');
}

/**
 * A local double of the parts of the Spotify Web API and accounts service this package uses,
 * with realistic payloads, paging via `next`, token expiry, 403 on `/audio-features` and a fault
 * queue (429 + Retry-After, 5xx, connection resets). It records every request it receives.
 */
export class FakeSpotify {
  readonly requests: Recorded[] = [];
  readonly tracks = new Map<string, ApiTrack>();
  readonly features = new Map<string, ApiAudioFeatures>();
  readonly playlists = new Map<string, PlaylistData>();
  readonly saved: string[] = [];
  /** Playlists created through the API, with the URIs added. */
  readonly created = new Map<string, { name: string; description?: string; public?: boolean; uris: string[] }>();
  readonly options: Required<FakeSpotifyOptions>;
  readonly #tokens = new Map<string, TokenInfo>();
  readonly #refreshTokens = new Map<string, boolean>();
  readonly #codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>();
  readonly #faults: { method?: string; path: RegExp; query?: Record<string, string>; fault: Fault }[] = [];
  /** Answers replaced by an `apply` fault once the handler has run. */
  readonly #replaced = new WeakMap<ServerResponse, { record: Recorded; fault: Fault }>();
  readonly #server = createServer((req, res) => void this.#handle(req, res));
  #url = '';

  constructor(options: FakeSpotifyOptions = {}) {
    this.options = {
      clientId: options.clientId ?? 'fake-client-id',
      clientSecret: options.clientSecret ?? 'fake-client-secret',
      expiresIn: options.expiresIn ?? 3600,
      audioFeaturesAccess: options.audioFeaturesAccess ?? false,
      canonicalNext: options.canonicalNext ?? false,
      searchMaxLimit: options.searchMaxLimit ?? 10,
    };
  }

  /** Listens on 127.0.0.1 with a random port. */
  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  get url(): string {
    return this.#url;
  }

  get apiBaseUrl(): string {
    return `${this.#url}/v1`;
  }

  /** Queues `fault` for the next `times` requests whose path (and, if given, method and query values) match. */
  failNext(path: RegExp, fault: Fault, match: { times?: number; method?: string; query?: Record<string, string> } = {}): void {
    for (let i = 0; i < (match.times ?? 1); i++) this.#faults.push({ path, fault, method: match.method, query: match.query });
  }

  /** Requests whose path matches, faulted ones included. */
  hits(path: RegExp, method = 'GET'): Recorded[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** Issues a token directly (as if the caller got it elsewhere). */
  issueToken(expiresIn = this.options.expiresIn): string {
    const token = newToken();
    this.#tokens.set(token, { expiresAt: Date.now() + expiresIn * 1000 });
    return token;
  }

  /** Makes every issued access token expire now. */
  expireTokens(): void {
    for (const info of this.#tokens.values()) info.expiresAt = 0;
  }

  /** Simulates the user approving the authorize page: returns the code the redirect would carry. */
  approve(authorizeUrl: string): { code: string; state: string | null; redirectUri: string } {
    const url = new URL(authorizeUrl);
    const code = `AQ${randomBytes(24).toString('base64url')}`;
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    this.#codes.set(code, {
      challenge: url.searchParams.get('code_challenge') ?? '',
      redirectUri,
      clientId: url.searchParams.get('client_id') ?? '',
    });
    return { code, state: url.searchParams.get('state'), redirectUri };
  }

  addTracks(tracks: ApiTrack[]): void {
    for (const track of tracks) if (track.id) this.tracks.set(track.id, track);
  }

  /** Adds a playlist whose entries are given in the raw 2026 shape (`{ added_at, item }`). */
  addPlaylist(data: PlaylistData): void {
    this.playlists.set(data.id, data);
  }

  // --- plumbing ---

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.#url);
    const raw = await new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => resolve(text));
    });
    let body: unknown;
    if (raw) {
      body = req.headers['content-type']?.includes('json') ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
    }
    const record: Recorded = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body,
    };
    this.requests.push(record);
    const index = this.#faults.findIndex(
      (f) =>
        f.path.test(url.pathname) &&
        (!f.method || f.method === record.method) &&
        Object.entries(f.query ?? {}).every(([key, value]) => record.query[key] === value),
    );
    if (index >= 0) {
      const { fault } = this.#faults.splice(index, 1)[0] as { fault: Fault };
      if (fault === 'reset' || !fault.apply) return this.#fail(res, record, fault);
      this.#replaced.set(res, { record, fault });
    }
    if (url.pathname === '/api/token' && record.method === 'POST') {
      this.#token(req, res, body as Record<string, string>);
      return;
    }
    if (!url.pathname.startsWith('/v1/')) return this.#send(res, 404, { error: { status: 404, message: 'Service not found' } });
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    const info = token ? this.#tokens.get(token) : undefined;
    if (!info) return this.#send(res, 401, { error: { status: 401, message: 'Invalid access token' } });
    if (info.expiresAt <= Date.now()) return this.#send(res, 401, { error: { status: 401, message: 'The access token expired' } });
    this.#api(record, url, res);
  }

  /** Answers with `fault` instead of the handler's answer. */
  #fail(res: ServerResponse, record: Recorded, fault: Fault): void {
    if (fault === 'reset') {
      record.fault = 'reset';
      res.socket?.destroy();
    } else if ('hang' in fault) {
      record.fault = 'hang';
      // Nothing more is written; the client's timeout (or close()) ends the connection.
      if (fault.hang === 'body') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.write('{"items": [');
      }
    } else {
      record.fault = fault.status;
      const body = fault.bodyOf ? fault.bodyOf(record) : (fault.body ?? { error: { status: fault.status, message: 'fault' } });
      this.#write(res, fault.status, body, fault.headers);
    }
  }

  #send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const replaced = this.#replaced.get(res);
    if (replaced) {
      this.#replaced.delete(res);
      return this.#fail(res, replaced.record, replaced.fault);
    }
    this.#write(res, status, body, headers);
  }

  #write(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(text);
  }

  #token(req: IncomingMessage, res: ServerResponse, form: Record<string, string>): void {
    const { clientId, clientSecret, expiresIn } = this.options;
    const issue = (withRefresh: boolean, scope: string) => {
      const access = newToken();
      const refresh = withRefresh ? `AQ${randomBytes(64).toString('base64url')}` : undefined;
      this.#tokens.set(access, { expiresAt: Date.now() + expiresIn * 1000, refresh });
      if (refresh) this.#refreshTokens.set(refresh, true);
      this.#send(res, 200, {
        access_token: access,
        token_type: 'Bearer',
        expires_in: expiresIn,
        ...(refresh ? { refresh_token: refresh } : {}),
        scope,
      });
    };
    switch (form.grant_type) {
      case 'client_credentials': {
        const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
        if (req.headers.authorization !== expected) {
          return this.#send(res, 400, { error: 'invalid_client', error_description: 'Invalid client secret' });
        }
        return issue(false, '');
      }
      case 'authorization_code': {
        const code = this.#codes.get(form.code ?? '');
        if (!code) return this.#send(res, 400, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
        const challenge = base64Url(
          createHash('sha256')
            .update(form.code_verifier ?? '')
            .digest(),
        );
        if (challenge !== code.challenge) {
          return this.#send(res, 400, { error: 'invalid_grant', error_description: 'code_verifier was incorrect' });
        }
        if (form.redirect_uri !== code.redirectUri) {
          return this.#send(res, 400, { error: 'invalid_grant', error_description: 'Invalid redirect URI' });
        }
        if (form.client_id !== code.clientId) {
          return this.#send(res, 400, { error: 'invalid_client', error_description: 'Invalid client' });
        }
        this.#codes.delete(form.code ?? '');
        return issue(true, 'playlist-read-private user-library-read playlist-modify-private');
      }
      case 'refresh_token': {
        if (!this.#refreshTokens.has(form.refresh_token ?? '') || form.client_id !== clientId) {
          return this.#send(res, 400, { error: 'invalid_grant', error_description: 'Invalid refresh token' });
        }
        // Like Spotify, a PKCE refresh may or may not rotate the refresh token; this double does not.
        const access = newToken();
        this.#tokens.set(access, { expiresAt: Date.now() + expiresIn * 1000 });
        return this.#send(res, 200, { access_token: access, token_type: 'Bearer', expires_in: expiresIn, scope: '' });
      }
      default:
        return this.#send(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type parameter is missing' });
    }
  }

  #page(url: URL, items: unknown[], maxLimit: number, paging?: PlaylistData['paging']): Record<string, unknown> | string {
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) return 'Invalid limit';
    const base = this.options.canonicalNext ? 'https://api.spotify.com' : this.#url;
    const link = (at: number) => {
      const next = new URL(url.pathname + url.search, base);
      next.searchParams.set('offset', String(at));
      next.searchParams.set('limit', String(limit));
      return next.toString();
    };
    return {
      href: link(offset),
      items: items.slice(offset, offset + limit),
      limit,
      offset,
      total: items.length,
      next:
        paging === 'self'
          ? new URL(url.pathname + url.search, base).toString()
          : paging === 'endless' || offset + limit < items.length
            ? link(offset + limit)
            : null,
      previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    };
  }

  #sendPage(res: ServerResponse, page: Record<string, unknown> | string, wrap?: string): void {
    if (typeof page === 'string') return this.#send(res, 400, { error: { status: 400, message: page } });
    this.#send(res, 200, wrap ? { [wrap]: page } : page);
  }

  #playlistObject(p: PlaylistData): Record<string, unknown> {
    return {
      id: p.id,
      name: p.name,
      type: 'playlist',
      uri: `spotify:playlist:${p.id}`,
      collaborative: false,
      public: false,
      description: '',
      snapshot_id: 'AAAAAbCdEf',
      external_urls: { spotify: `https://open.spotify.com/playlist/${p.id}` },
      owner: { id: p.ownerId, display_name: p.ownerId, type: 'user' },
      images: [],
      items: { href: `${this.apiBaseUrl}/playlists/${p.id}/items`, total: p.entries.length },
    };
  }

  #api(record: Recorded, url: URL, res: ServerResponse): void {
    const path = url.pathname.slice('/v1'.length);
    const notFound = () => this.#send(res, 404, { error: { status: 404, message: 'Resource not found' } });
    let match: RegExpMatchArray | null;
    if (record.method === 'GET' && path === '/me') {
      return this.#send(res, 200, { id: 'moodtunes-user', display_name: 'Moodtunes User', type: 'user' });
    }
    if (record.method === 'GET' && path === '/me/playlists') {
      return this.#sendPage(
        res,
        this.#page(
          url,
          [...this.playlists.values()].map((p) => this.#playlistObject(p)),
          50,
        ),
      );
    }
    if (record.method === 'POST' && path === '/me/playlists') {
      const body = record.body as { name?: string; description?: string; public?: boolean };
      if (!body?.name) return this.#send(res, 400, { error: { status: 400, message: 'Missing required field: name' } });
      const id = randomBytes(16)
        .toString('base64')
        .replace(/[^0-9A-Za-z]/g, '')
        .padEnd(22, 'x')
        .slice(0, 22);
      this.created.set(id, { name: body.name, description: body.description, public: body.public, uris: [] });
      const p: PlaylistData = { id, name: body.name, ownerId: 'moodtunes-user', entries: [] };
      this.playlists.set(id, p);
      return this.#send(res, 201, this.#playlistObject(p));
    }
    if ((match = path.match(/^\/playlists\/([^/]+)\/(items|tracks)$/))) {
      const [, id = '', kind] = match;
      const playlist = this.playlists.get(id);
      if (!playlist) return notFound();
      if (record.method === 'POST') {
        const uris = (record.body as { uris?: string[] })?.uris ?? [];
        if (uris.length === 0 || uris.length > 100) {
          return this.#send(res, 400, { error: { status: 400, message: 'You can add a maximum of 100 tracks per request.' } });
        }
        const target = this.created.get(id);
        if (!target) return this.#send(res, 403, { error: { status: 403, message: 'Forbidden' } });
        target.uris.push(...uris);
        for (const uri of uris) {
          const trackId = uri.split(':')[2] ?? '';
          const item = this.tracks.get(trackId) ?? { type: 'track', id: trackId, name: trackId, uri };
          playlist.entries.push({ added_at: new Date().toISOString(), is_local: false, item });
        }
        return this.#send(res, 201, { snapshot_id: `snap-${target.uris.length}` });
      }
      if (playlist.forbidden) return this.#send(res, 403, { error: { status: 403, message: 'Forbidden' } });
      const entries =
        kind === 'tracks'
          ? playlist.entries.map((e) => {
              const { item, ...rest } = e as { item: unknown };
              return { ...rest, track: item };
            })
          : playlist.entries;
      return this.#sendPage(res, this.#page(url, entries, 100, playlist.paging));
    }
    if (record.method === 'GET' && path === '/me/tracks') {
      const items = this.saved.map((id, i) => ({ added_at: `2025-0${1 + (i % 9)}-01T00:00:00Z`, track: this.tracks.get(id) }));
      return this.#sendPage(res, this.#page(url, items, 50));
    }
    if (record.method === 'GET' && path === '/search') {
      if (url.searchParams.get('type') !== 'track')
        return this.#send(res, 400, { error: { status: 400, message: 'Bad search type field' } });
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const hits = [...this.tracks.values()].filter(
        (t) => t.name.toLowerCase().includes(q) || (t.artists ?? []).some((a) => a.name.toLowerCase().includes(q)),
      );
      return this.#sendPage(res, this.#page(url, hits, this.options.searchMaxLimit), 'tracks');
    }
    if (record.method === 'GET' && (match = path.match(/^\/tracks\/([^/]+)$/))) {
      const id = match[1] ?? '';
      if (!ID.test(id)) return this.#send(res, 400, { error: { status: 400, message: 'Invalid base62 id' } });
      const track = this.tracks.get(id);
      return track ? this.#send(res, 200, track) : notFound();
    }
    if (record.method === 'GET' && path === '/tracks') {
      const ids = (url.searchParams.get('ids') ?? '').split(',');
      if (ids.length > 50) return this.#send(res, 400, { error: { status: 400, message: 'Too many ids requested' } });
      return this.#send(res, 200, { tracks: ids.map((id) => this.tracks.get(id) ?? null) });
    }
    if (record.method === 'GET' && path === '/audio-features') {
      if (!this.options.audioFeaturesAccess) return this.#send(res, 403, { error: { status: 403 } });
      const ids = (url.searchParams.get('ids') ?? '').split(',');
      if (ids.length > 100) return this.#send(res, 400, { error: { status: 400, message: 'Too many ids requested' } });
      return this.#send(res, 200, { audio_features: ids.map((id) => this.features.get(id) ?? null) });
    }
    notFound();
  }
}
