import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  SpotifyAbortError,
  SpotifyAuthError,
  SpotifyClient,
  SpotifyHttpError,
  SpotifyNetworkError,
  SpotifyRateLimitError,
  SpotifyResponseError,
  SpotifyServerError,
  callerToken,
  clientCredentials,
  createSpotifyAdapter,
  parseRetryAfter,
  redactSecrets,
  type RetryEvent,
} from '../src';
import { renderings } from './support/render';
import { FAST_RETRY, PLAYLISTS, useWorld } from './support/world';

const server = useWorld();

function client(options: Partial<ConstructorParameters<typeof SpotifyClient>[0]> = {}): SpotifyClient {
  return new SpotifyClient({ auth: server.issueToken(), apiBaseUrl: server.apiBaseUrl, retry: FAST_RETRY, ...options });
}

describe('Retry-After', () => {
  it('parses delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('waits out a 429 for the Retry-After it names, then succeeds', async () => {
    server.failNext(/^\/v1\/me$/, {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { error: { status: 429, message: 'API rate limit exceeded' } },
    });
    const events: RetryEvent[] = [];
    const started = performance.now();
    const me = await client({ retry: { ...FAST_RETRY, onRetry: (e) => events.push(e) } }).get<{ id: string }>('me');
    const elapsed = performance.now() - started;
    expect(me.id).toBe('moodtunes-user');
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(1800);
    expect(server.hits(/^\/v1\/me$/).map((r) => r.fault)).toEqual([429, undefined]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ operation: 'GET /v1/me', attempt: 1, waitMs: 1000 });
    expect(events[0]?.error).toBeInstanceOf(SpotifyRateLimitError);
  });

  it('does not spend the 5xx budget on 429s, but bounds them separately', async () => {
    server.failNext(/^\/v1\/me$/, { status: 429, headers: { 'retry-after': '0' } }, { times: 3 });
    await expect(client({ retry: { ...FAST_RETRY, retries: 0 } }).get('me')).resolves.toMatchObject({ id: 'moodtunes-user' });
    server.failNext(/^\/v1\/me$/, { status: 429, headers: { 'retry-after': '0' } }, { times: 4 });
    const error = await client({ retry: { ...FAST_RETRY, rateLimitRetries: 2 } })
      .get('me')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyRateLimitError);
    expect(server.hits(/^\/v1\/me$/)).toHaveLength(4 + 3);
    server.requests.length = 0;
    await client().get('me'); // drains the one fault left
  });

  it('recognises QUOTA_EXCEEDED and does not sit out a Retry-After beyond maxRetryAfterMs', async () => {
    server.failNext(/^\/v1\/me$/, {
      status: 429,
      headers: { 'retry-after': '3600' },
      body: { error: { status: 429, message: 'Quota exceeded', reason: 'QUOTA_EXCEEDED' } },
    });
    const started = performance.now();
    const error = await client()
      .get('me')
      .catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(500);
    expect(error).toBeInstanceOf(SpotifyRateLimitError);
    expect(error).toMatchObject({ status: 429, quotaExceeded: true, retryAfterMs: 3_600_000, operation: 'GET /v1/me' });
    expect((error as Error).message).toMatch(/quota is spent \(429 QUOTA_EXCEEDED\); Retry-After 3600 s/);
    expect(server.hits(/^\/v1\/me$/)).toHaveLength(1);
  });
});

describe('5xx and network errors', () => {
  it('retries 5xx blips with backoff and succeeds', async () => {
    server.failNext(/^\/v1\/me$/, { status: 502, body: '<html>Bad Gateway</html>' });
    server.failNext(/^\/v1\/me$/, { status: 503 });
    const events: RetryEvent[] = [];
    await expect(client({ retry: { ...FAST_RETRY, onRetry: (e) => events.push(e) } }).get('me')).resolves.toMatchObject({
      id: 'moodtunes-user',
    });
    expect(server.hits(/^\/v1\/me$/).map((r) => r.fault)).toEqual([502, 503, undefined]);
    expect(events.map((e) => e.error.constructor)).toEqual([SpotifyServerError, SpotifyServerError]);
  });

  it('gives up after the retry budget with a typed error that says what failed', async () => {
    server.failNext(/^\/v1\/me$/, { status: 500, body: { error: { status: 500, message: 'Server error' } } }, { times: 3 });
    const error = await client({ retry: { ...FAST_RETRY, retries: 2 } })
      .get('me')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyServerError);
    expect((error as Error).message).toBe('GET /v1/me failed: Spotify server error 500: Server error');
    expect(server.hits(/^\/v1\/me$/)).toHaveLength(3);
  });

  it('backs off exponentially with a cap', async () => {
    server.failNext(/^\/v1\/me$/, { status: 500 }, { times: 4 });
    const started = performance.now();
    await client({ retry: { minDelayMs: 40, maxDelayMs: 100, retries: 4 } }).get('me');
    // Delays: 40-80, 80-160 -> capped 100, then two more capped at 100: at least 40+80+100+100.
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeLessThan(1500);
  });

  it('retries a dropped connection, and reports one that never answers as SpotifyNetworkError', async () => {
    server.failNext(/^\/v1\/me$/, 'reset');
    await expect(client().get('me')).resolves.toMatchObject({ id: 'moodtunes-user' });
    expect(server.hits(/^\/v1\/me$/).map((r) => r.fault)).toEqual(['reset', undefined]);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const dead = new SpotifyClient({ auth: 'BQ-token', apiBaseUrl: `http://127.0.0.1:${port}/v1`, retry: { ...FAST_RETRY, retries: 1 } });
    const error = await dead.get('me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyNetworkError);
    expect((error as Error).message).toMatch(/^GET \/v1\/me failed: no complete answer from the server \(.*ECONNREFUSED/);
  });

  it('does not retry other 4xx, and types malformed answers', async () => {
    const error = await client()
      .get('tracks/0000000000000000000000')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyHttpError);
    expect(error).toMatchObject({ status: 404, spotifyMessage: 'Resource not found' });
    expect(server.hits(/^\/v1\/tracks\//)).toHaveLength(1);

    server.failNext(/^\/v1\/me$/, { status: 200, body: '{"id": "moodtunes-user", ' });
    await expect(client().get('me')).rejects.toBeInstanceOf(SpotifyResponseError);
  });

  it('cancels a Retry-After wait when the signal aborts', async () => {
    server.failNext(/^\/v1\/me$/, { status: 429, headers: { 'retry-after': '30' } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const error = await client()
      .get('me', controller.signal)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyAbortError);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('tokens: refresh on expiry and 401, never leaked', () => {
  it('client credentials: one token for many calls, Basic auth, a new token after a 401', async () => {
    const auth = clientCredentials({
      clientId: server.options.clientId,
      clientSecret: server.options.clientSecret,
      accountsBaseUrl: server.url,
    });
    const api = new SpotifyClient({ auth, apiBaseUrl: server.apiBaseUrl, retry: FAST_RETRY });
    await api.get('tracks/2H7PHVdQ3mXqEHXcvclTB0');
    await api.get('tracks/4HIwL9ii9CcXpTOTzMq0MP');
    const tokenCalls = server.hits(/^\/api\/token$/, 'POST');
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]?.authorization).toBe(`Basic ${btoa(`${server.options.clientId}:${server.options.clientSecret}`)}`);
    expect(tokenCalls[0]?.body).toEqual({ grant_type: 'client_credentials' });

    server.expireTokens();
    await api.get('tracks/2H7PHVdQ3mXqEHXcvclTB0');
    const trackCalls = server.hits(/^\/v1\/tracks\//);
    expect(server.hits(/^\/api\/token$/, 'POST')).toHaveLength(2);
    expect(trackCalls).toHaveLength(4); // the 401 and its repeat
    expect(trackCalls[3]?.authorization).not.toBe(trackCalls[2]?.authorization);
  });

  it('client credentials: refreshes before expiry without waiting for a 401', async () => {
    let clock = Date.now();
    const auth = clientCredentials({
      clientId: server.options.clientId,
      clientSecret: server.options.clientSecret,
      accountsBaseUrl: server.url,
      now: () => clock,
    });
    const first = await auth.getAccessToken();
    expect(await auth.getAccessToken()).toBe(first);
    clock += 3_600_000 - 59_000;
    expect(await auth.getAccessToken()).not.toBe(first);
    expect(server.hits(/^\/api\/token$/, 'POST')).toHaveLength(2);
  });

  it('a wrong client secret is an auth error that names the grant', async () => {
    const auth = clientCredentials({ clientId: server.options.clientId, clientSecret: 'nope', accountsBaseUrl: server.url });
    const error = await auth.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyAuthError);
    expect(error).toMatchObject({ oauthError: 'invalid_client', operation: 'POST /api/token (client_credentials)' });
  });

  it('a caller token: 401 without a refresh callback is final; with one, it is refreshed once and retried', async () => {
    const stale = server.issueToken(0);
    const error = await new SpotifyClient({ auth: stale, apiBaseUrl: server.apiBaseUrl }).get('me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyAuthError);
    expect((error as Error).message).toMatch(/no refresh callback/);

    let refreshes = 0;
    const auth = callerToken(server.issueToken(0), {
      refresh: () => {
        refreshes += 1;
        return Promise.resolve(server.issueToken());
      },
    });
    await new SpotifyClient({ auth, apiBaseUrl: server.apiBaseUrl }).get('me');
    expect(refreshes).toBe(1);
  });

  it('a token refused even after refresh is a SpotifyAuthError', async () => {
    const auth = callerToken('BQ-revoked', { refresh: () => Promise.resolve('BQ-also-revoked') });
    const error = await new SpotifyClient({ auth, apiBaseUrl: server.apiBaseUrl }).get('me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyAuthError);
    expect(error).toMatchObject({ status: 401, spotifyMessage: 'Invalid access token' });
  });

  it('no token or secret appears in errors, logs, toString, JSON or inspect', async () => {
    const token = server.issueToken();
    const secret = server.options.clientSecret;
    const logged: string[] = [];
    // The double echoes the token in an error message, as a careless proxy might.
    server.failNext(/^\/v1\/me$/, { status: 503 });
    server.failNext(/^\/v1\/me$/, { status: 400, body: { error: { status: 400, message: `Bad token Bearer ${token} / ${token}` } } });
    const api = new SpotifyClient({
      auth: token,
      apiBaseUrl: server.apiBaseUrl,
      retry: { ...FAST_RETRY, onRetry: (e) => logged.push(renderings(e)) },
    });
    const error503then400 = await api.get('me').catch((e: unknown) => e);
    expect(error503then400).toBeInstanceOf(SpotifyHttpError);
    expect((error503then400 as Error).message).toContain('[redacted]');

    const cc = clientCredentials({ clientId: server.options.clientId, clientSecret: secret, accountsBaseUrl: server.url });
    await cc.getAccessToken();
    const adapter = createSpotifyAdapter({ auth: cc, apiBaseUrl: server.apiBaseUrl });
    const ccToken = await cc.getAccessToken();
    const everything = [
      renderings(error503then400),
      ...logged,
      renderings(api),
      renderings(cc),
      renderings(cc.tokens),
      renderings(adapter),
      renderings(callerToken(token)),
      renderings(adapter.playlist(PLAYLISTS.moods)),
    ].join('\n');
    for (const needle of [token, ccToken, secret]) expect(everything).not.toContain(needle);
    expect(logged.length).toBe(1);
  });

  it('redactSecrets strips bearer values and long token-like runs but keeps ids', () => {
    expect(redactSecrets('id 2H7PHVdQ3mXqEHXcvclTB0 ok')).toBe('id 2H7PHVdQ3mXqEHXcvclTB0 ok');
    expect(redactSecrets('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets(`x ${'Q'.repeat(80)} y`)).toBe('x [redacted] y');
  });
});
