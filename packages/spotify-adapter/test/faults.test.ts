// Hostile servers, faults and load (issue 13, items 11-16): each behaviour has its regression test.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  PlaylistConflictError,
  SpotifyAbortError,
  SpotifyAuthError,
  SpotifyClient,
  SpotifyHttpError,
  SpotifyNetworkError,
  SpotifyOptionError,
  SpotifyPagingError,
  SpotifyResponseError,
  SpotifyTimeoutError,
  SpotifyTokens,
  callerToken,
  clientCredentials,
  createSpotifyAdapter,
  exchangeAuthorizationCode,
  pkceTokenProvider,
  type Progress,
  type RetryEvent,
  type SpotifyClientOptions,
} from '../src';
import type { Recorded } from './support/fake-spotify';
import { renderings } from './support/render';
import { FAST_RETRY, adapterFor, useWorld, worldRows } from './support/world';

const rows = worldRows();
const server = useWorld();

function client(options: Partial<SpotifyClientOptions> = {}): SpotifyClient {
  return new SpotifyClient({ auth: server.issueToken(), apiBaseUrl: server.apiBaseUrl, retry: FAST_RETRY, ...options });
}

/** A playlist entry in the 2026 shape. */
const entry = (i: number) => ({ added_at: '2025-03-01T12:00:00Z', is_local: false, item: server.tracks.get(rows[i]!.id) });

afterEach(() => {
  vi.useRealTimers();
});

describe('request timeout (item 11)', () => {
  it('a server that accepts and never answers times out per attempt, retried within the retry budget, then SpotifyTimeoutError', async () => {
    server.failNext(/^\/v1\/me$/, { hang: 'headers' }, { times: 3 });
    const events: RetryEvent[] = [];
    const started = performance.now();
    // 400 ms: on a loaded 2-core CI machine a request can take longer than 100 ms just to reach the fake server.
    const error = await client({ timeoutMs: 400, retry: { ...FAST_RETRY, retries: 2, onRetry: (e) => events.push(e) } })
      .get('me')
      .catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(SpotifyTimeoutError);
    expect(error).toBeInstanceOf(SpotifyNetworkError);
    expect(error).toMatchObject({ timeoutMs: 400, operation: 'GET /v1/me' });
    expect((error as Error).message).toBe('GET /v1/me failed: no complete answer within 400 ms');
    // An attempt that times out before its request lands leaves no hit, so the server saw at most 3.
    const hits = server.hits(/^\/v1\/me$/).map((r) => r.fault);
    expect(hits.length).toBeGreaterThanOrEqual(1);
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(hits.every((f) => f === 'hang')).toBe(true);
    expect(events.map((e) => e.error.constructor)).toEqual([SpotifyTimeoutError, SpotifyTimeoutError]);
    expect(elapsed).toBeGreaterThanOrEqual(1195);
    expect(elapsed).toBeLessThan(6000);
  });

  it('a hang followed by an answer succeeds on the retry, and a body that stalls after the headers times out too', async () => {
    server.failNext(/^\/v1\/me$/, { hang: 'headers' });
    server.failNext(/^\/v1\/me$/, { hang: 'body' });
    await expect(client({ timeoutMs: 400 }).get('me')).resolves.toMatchObject({ id: 'moodtunes-user' });
    const hits = server.hits(/^\/v1\/me$/).map((r) => r.fault);
    expect(hits.slice(0, 2)).toEqual(['hang', 'hang']);
    expect(hits.at(-1)).toBeUndefined();
  });

  it('the caller aborting a hanging request is a SpotifyAbortError at once, not a timeout, and is not retried', async () => {
    server.failNext(/^\/v1\/me$/, { hang: 'headers' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const error = await client({ timeoutMs: 5_000 })
      .get('me', controller.signal)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyAbortError);
    expect(error).not.toBeInstanceOf(SpotifyTimeoutError);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.hits(/^\/v1\/me$/)).toHaveLength(1);
  });

  it('the default timeout is 15 s, and it holds even for a fetch that ignores its signal', async () => {
    vi.useFakeTimers();
    const signals: AbortSignal[] = [];
    const neverAnswers: typeof fetch = (_url, init) => {
      if (init?.signal) signals.push(init.signal);
      return new Promise<Response>(() => {});
    };
    const api = new SpotifyClient({ auth: 'BQ-token', apiBaseUrl: server.apiBaseUrl, fetch: neverAnswers, retry: { retries: 0 } });
    let settled: unknown;
    const pending = api.get('me').catch((e: unknown) => (settled = e));
    await vi.advanceTimersByTimeAsync(14_999);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(settled).toBeInstanceOf(SpotifyTimeoutError);
    expect(settled).toMatchObject({ timeoutMs: 15_000 });
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });
});

describe('paging that does not end (item 12)', () => {
  it('a next link that points back to itself ends with a typed cycle error after one page', async () => {
    const id = 'CycleCycleCycleCycle01';
    server.addPlaylist({
      id,
      name: 'Loop',
      ownerId: 'moodtunes-user',
      entries: rows.slice(0, 150).map((_, i) => entry(i)),
      paging: 'self',
    });
    const error = await adapterFor(server)
      .playlist(id)
      .load()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyPagingError);
    expect(error).toBeInstanceOf(SpotifyResponseError);
    expect(error).toMatchObject({ reason: 'cycle', pages: 1, operation: `GET /v1/playlists/${id}/items` });
    expect(server.hits(/\/items$/)).toHaveLength(1);
    expect((error as SpotifyPagingError).partial?.catalog?.tracks).toHaveLength(100);
  });

  it('a listing whose next links never end stops at maxPages with a typed page-limit error and keeps what it read', async () => {
    const id = 'EndlessEndlessEndles01';
    server.addPlaylist({
      id,
      name: 'Endless',
      ownerId: 'moodtunes-user',
      entries: rows.slice(0, 30).map((_, i) => entry(i)),
      paging: 'endless',
    });
    expect(adapterFor(server).client.maxPages).toBe(1_000);
    const error = await adapterFor(server, { maxPages: 5 })
      .playlist(id)
      .load()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyPagingError);
    expect(error).toMatchObject({ reason: 'page-limit', pages: 5 });
    expect((error as Error).message).toMatch(/more than 5 pages \(maxPages\)/);
    expect(server.hits(/\/items$/)).toHaveLength(5);
    expect((error as SpotifyPagingError).partial?.catalog?.tracks).toHaveLength(30);
  });
});

describe('token refresh under load (item 13)', () => {
  it('eight concurrent requests that each get a 401 share exactly one token refresh', async () => {
    let refreshes = 0;
    const fresh = server.issueToken();
    const auth = callerToken(server.issueToken(0), {
      refresh: () => {
        refreshes += 1;
        return Promise.resolve(fresh);
      },
    });
    const api = new SpotifyClient({ auth, apiBaseUrl: server.apiBaseUrl, retry: FAST_RETRY });
    const ids = rows.slice(0, 8).map((r) => r.id);
    const tracks = await Promise.all(ids.map((id) => api.get<{ id: string }>(`tracks/${id}`)));
    expect(tracks.map((t) => t.id)).toEqual(ids);
    expect(refreshes).toBe(1);
    const calls = server.hits(/^\/v1\/tracks\//);
    expect(calls).toHaveLength(16);
    expect(calls.filter((r) => r.authorization === `Bearer ${fresh}`)).toHaveLength(8);
  });

  it('with client credentials, eight concurrent 401s make one token request to the accounts service', async () => {
    const auth = clientCredentials({
      clientId: server.options.clientId,
      clientSecret: server.options.clientSecret,
      accountsBaseUrl: server.url,
    });
    await auth.getAccessToken();
    server.expireTokens();
    const api = new SpotifyClient({ auth, apiBaseUrl: server.apiBaseUrl, retry: FAST_RETRY });
    await Promise.all(rows.slice(0, 8).map((r) => api.get(`tracks/${r.id}`)));
    expect(server.hits(/^\/api\/token$/, 'POST')).toHaveLength(2);
  });

  it('a caller who aborts while waiting for a shared refresh does not cancel it for the others', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const slowRefresh = (signal?: AbortSignal) => {
      signals.push(signal);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => resolve('BQ-new'), 100);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('refresh cancelled'));
        });
      });
    };
    const shared = callerToken('BQ-old', { refresh: slowRefresh });
    const controller = new AbortController();
    const quitter = shared.getAccessToken({ forceRefresh: true, rejectedToken: 'BQ-old', signal: controller.signal });
    const stayer = shared.getAccessToken({ forceRefresh: true, rejectedToken: 'BQ-old' });
    setTimeout(() => controller.abort(), 20);
    await expect(quitter).rejects.toBeInstanceOf(SpotifyAbortError);
    await expect(stayer).resolves.toBe('BQ-new');
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);

    // Once nobody waits any more, the refresh is cancelled.
    const alone = callerToken('BQ-old', { refresh: slowRefresh });
    const lonely = new AbortController();
    const gaveUp = alone.getAccessToken({ forceRefresh: true, signal: lonely.signal });
    lonely.abort();
    await expect(gaveUp).rejects.toBeInstanceOf(SpotifyAbortError);
    expect(signals[1]?.aborted).toBe(true);
  });
});

describe('redaction by value (item 14)', () => {
  /** A fault that echoes `text(request)` back in Spotify's error shape. */
  const echo = (status: number, text: (r: Recorded) => string) => ({
    status,
    bodyOf: (r: Recorded) => ({ error: { status, message: text(r) } }),
  });

  it('a short access token echoed back by the server is redacted from the message, Spotify text and retry events', async () => {
    const token = 'tok-42';
    const logged: string[] = [];
    server.failNext(
      /^\/v1\/me$/,
      echo(503, (r) => `upstream saw ${r.authorization?.slice('Bearer '.length)}`),
    );
    server.failNext(
      /^\/v1\/me$/,
      echo(400, (r) => `token ${r.authorization?.slice('Bearer '.length)} is malformed`),
    );
    const error = await client({ auth: token, retry: { ...FAST_RETRY, onRetry: (e) => logged.push(renderings(e)) } })
      .get('me')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyHttpError);
    expect((error as SpotifyHttpError).spotifyMessage).toBe('token [redacted] is malformed');
    expect(logged).toHaveLength(1);
    expect([renderings(error), ...logged].join('\n')).not.toContain(token);
  });

  it('a body that is not JSON leaves no part of itself, and so no token prefix, in the error or its cause', async () => {
    const token = server.issueToken();
    server.failNext(/^\/v1\/me$/, { status: 200, body: `${token} was not expected here` });
    const error = await client({ auth: token })
      .get('me')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyResponseError);
    expect((error as Error).message).toMatch(/^GET \/v1\/me: the answer was not valid JSON \(\d+ characters\)$/);
    expect((error as Error).cause).toBeUndefined();
    const text = renderings(error);
    expect(text).not.toContain(token.slice(0, 8));
    expect(text).not.toContain('was not expected');
  });

  it('the refresh token, client secret and code verifier are redacted by value in accounts-service errors, oauthError included', async () => {
    const accounts = { accountsBaseUrl: server.url, retry: FAST_RETRY };
    const form = (r: Recorded) => r.body as Record<string, string>;

    const secret = 's3cr3t';
    server.failNext(/^\/api\/token$/, {
      status: 400,
      bodyOf: (r) => {
        const basic = r.authorization?.slice('Basic '.length) ?? '';
        return { error: 'invalid_client', error_description: `client ${atob(basic)} (${basic}) refused` };
      },
    });
    const ccError = await clientCredentials({ clientId: 'cid', clientSecret: secret, ...accounts })
      .getAccessToken()
      .catch((e: unknown) => e);
    expect(ccError).toBeInstanceOf(SpotifyAuthError);
    expect((ccError as SpotifyAuthError).spotifyMessage).toBe('client cid:[redacted] ([redacted]) refused');

    const refreshToken = 'rt-7';
    server.failNext(/^\/api\/token$/, {
      status: 400,
      bodyOf: (r) => ({ error: `bad_${form(r).refresh_token}`, error_description: `refresh token ${form(r).refresh_token} revoked` }),
    });
    const provider = pkceTokenProvider({
      clientId: 'cid',
      tokens: new SpotifyTokens({ accessToken: '', refreshToken, expiresAt: 0 }),
      ...accounts,
    });
    const refreshError = await provider.getAccessToken().catch((e: unknown) => e);
    expect(refreshError).toMatchObject({ oauthError: 'bad_[redacted]', spotifyMessage: 'refresh token [redacted] revoked' });

    const codeVerifier = 'verifier-0123456789-0123456789-0123456789ab'; // 43 characters, below the 60 of the pattern
    server.failNext(/^\/api\/token$/, {
      status: 400,
      bodyOf: (r) => ({ error: 'invalid_grant', error_description: `verifier ${form(r).code_verifier} for code ${form(r).code}` }),
    });
    const exchangeError = await exchangeAuthorizationCode({
      clientId: 'cid',
      code: 'c0de',
      codeVerifier,
      redirectUri: 'http://127.0.0.1:5173/callback',
      ...accounts,
    }).catch((e: unknown) => e);
    expect(exchangeError).toMatchObject({ spotifyMessage: 'verifier [redacted] for code [redacted]' });

    const everything = [ccError, refreshError, exchangeError].map(renderings).join('\n');
    for (const needle of [secret, btoa(`cid:${secret}`), refreshToken, codeVerifier, 'c0de']) expect(everything).not.toContain(needle);
  });
});

describe('playlist additions whose answer is lost (item 15)', () => {
  const uris = rows.slice(0, 250).map((r) => `spotify:track:${r.id}`);
  /** Queues `fault` for the add request of the second batch, once the first is confirmed. */
  const onSecondBatch = (fault: Parameters<typeof server.failNext>[1]) => (p: Progress) => {
    if (p.done === 100) server.failNext(/\/items$/, fault, { method: 'POST' });
  };

  it('a batch applied before a 502 is reconciled by reading the playlist back, so 250 tracks are written exactly once', async () => {
    const result = await adapterFor(server).writePlaylist(uris, {
      name: 'reconciled',
      onProgress: onSecondBatch({ status: 502, apply: true }),
    });
    expect(server.created.get(result.playlist.id)?.uris).toEqual(uris);
    expect(result.addedUris).toEqual(uris);
    const adds = server.hits(/\/items$/, 'POST');
    expect(adds.map((r) => [(r.body as { uris: string[] }).uris.length, r.fault])).toEqual([
      [100, undefined],
      [100, 502],
      [50, undefined],
    ]);
    const readBack = server.hits(/\/items$/, 'GET');
    expect(readBack.map((r) => r.query)).toEqual([{ offset: '100', limit: '100' }]);
  });

  it('a batch applied before the answer hangs is reconciled after the timeout', async () => {
    const result = await adapterFor(server, { timeoutMs: 150 }).writePlaylist(uris, {
      name: 'timed out',
      onProgress: onSecondBatch({ hang: 'headers', apply: true }),
    });
    expect(server.created.get(result.playlist.id)?.uris).toEqual(uris);
    expect(server.hits(/\/items$/, 'POST').map((r) => r.fault)).toEqual([undefined, 'hang', undefined]);
  });

  it('a batch the server did not apply before its 502 is found missing on read-back and sent again, so nothing is lost', async () => {
    const result = await adapterFor(server).writePlaylist(uris, { name: 'resent', onProgress: onSecondBatch({ status: 502 }) });
    expect(server.created.get(result.playlist.id)?.uris).toEqual(uris);
    expect(server.hits(/\/items$/, 'POST').map((r) => r.fault)).toEqual([undefined, 502, undefined, undefined]);
    expect(server.hits(/\/items$/, 'GET')).toHaveLength(1);
    expect(result.snapshotId).toBe('snap-250');
  });

  it('a playlist changed elsewhere during an uncertain addition ends with PlaylistConflictError, not a duplicate write', async () => {
    const stranger = entry(400);
    const error = await adapterFor(server)
      .writePlaylist(uris, {
        name: 'conflict',
        onProgress: onSecondBatch({
          status: 502,
          apply: true,
          bodyOf: (r) => {
            server.playlists.get(r.path.split('/')[3] ?? '')?.entries.push(stranger);
            return { error: { status: 502, message: 'Bad gateway' } };
          },
        }),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlaylistConflictError);
    expect((error as Error).message).toMatch(/holds 101 items from position 100, of which only the first 100/);
    expect((error as PlaylistConflictError).partial?.addedUris).toHaveLength(100);
    expect(server.hits(/\/items$/, 'POST')).toHaveLength(2);
  });
});

describe('option validation (item 16)', () => {
  const bad: [Partial<SpotifyClientOptions>, string][] = [
    [{ retry: { minDelayMs: Number.NaN } }, 'retry.minDelayMs'],
    [{ retry: { minDelayMs: -1 } }, 'retry.minDelayMs'],
    [{ retry: { maxDelayMs: Number.NaN } }, 'retry.maxDelayMs'],
    [{ retry: { minDelayMs: 100, maxDelayMs: 10 } }, 'retry.maxDelayMs'],
    [{ retry: { retries: -1 } }, 'retry.retries'],
    [{ retry: { retries: 1.5 } }, 'retry.retries'],
    [{ retry: { retries: Number.NaN } }, 'retry.retries'],
    [{ retry: { retries: '3' as unknown as number } }, 'retry.retries'],
    [{ retry: { rateLimitRetries: 2.5 } }, 'retry.rateLimitRetries'],
    [{ retry: { defaultRetryAfterMs: -5 } }, 'retry.defaultRetryAfterMs'],
    [{ retry: { maxRetryAfterMs: Number.NaN } }, 'retry.maxRetryAfterMs'],
    [{ retry: { onRetry: 'log' as unknown as () => void } }, 'retry.onRetry'],
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
    [{ timeoutMs: Number.NaN }, 'timeoutMs'],
    [{ timeoutMs: 2 ** 31 }, 'timeoutMs'],
    [{ maxPages: 0 }, 'maxPages'],
    [{ maxPages: 2.5 }, 'maxPages'],
  ];

  it('NaN, negative or fractional retry, timeout and paging options throw SpotifyOptionError at setup, before any request', async () => {
    for (const [options, option] of bad) {
      for (const setup of [() => client(options), () => createSpotifyAdapter({ auth: 'BQ-token', ...options })]) {
        expect(setup).toThrow(SpotifyOptionError);
        expect(() => setup()).toThrow(expect.objectContaining({ option }) as Error);
      }
    }
    const accounts = { clientId: 'cid', accountsBaseUrl: server.url, retry: { minDelayMs: Number.NaN } };
    expect(() => clientCredentials({ ...accounts, clientSecret: 's' })).toThrow(SpotifyOptionError);
    expect(() => pkceTokenProvider({ ...accounts, tokens: new SpotifyTokens({ accessToken: 'a', expiresAt: 0 }) })).toThrow(
      SpotifyOptionError,
    );
    const exchange = exchangeAuthorizationCode({ ...accounts, code: 'c', codeVerifier: 'v', redirectUri: 'http://127.0.0.1:5173/cb' });
    await expect(exchange).rejects.toBeInstanceOf(SpotifyOptionError);
    await expect(exchange).rejects.toThrow('retry.minDelayMs must be a number ≥ 0 and ≤ 2147483647, got NaN');
    expect(server.requests).toHaveLength(0);
  });

  it('accepts the edge values: no retries, uncapped delays, no timeout', async () => {
    const api = client({
      retry: { retries: 0, rateLimitRetries: 0, minDelayMs: 0, maxDelayMs: Number.POSITIVE_INFINITY },
      timeoutMs: Number.POSITIVE_INFINITY,
    });
    await expect(api.get('me')).resolves.toMatchObject({ id: 'moodtunes-user' });
  });
});
