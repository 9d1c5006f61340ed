import { describe, expect, it } from 'vitest';
import {
  InvalidRedirectUriError,
  SpotifyAuthError,
  SpotifyInputError,
  buildAuthorizeUrl,
  createCodeChallenge,
  createCodeVerifier,
  createPkcePair,
  exchangeAuthorizationCode,
  parseAuthorizeCallback,
  pkceTokenProvider,
  refreshUserTokens,
  validateRedirectUri,
} from '../src';
import { FAST_RETRY, useWorld } from './support/world';

describe('PKCE primitives', () => {
  it('matches the S256 test vector of RFC 7636 Appendix B', async () => {
    expect(await createCodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of the RFC alphabet and length, different each time', () => {
    const a = createCodeVerifier();
    const b = createCodeVerifier(128);
    expect(a).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
    expect(b).toHaveLength(128);
    expect(createCodeVerifier(43)).toHaveLength(43);
    expect(a).not.toBe(createCodeVerifier());
    expect(() => createCodeVerifier(42)).toThrow(SpotifyInputError);
    expect(() => createCodeVerifier(129)).toThrow(SpotifyInputError);
  });

  it('refuses to hash a verifier outside RFC 7636', async () => {
    await expect(createCodeChallenge('short')).rejects.toBeInstanceOf(SpotifyInputError);
    await expect(createCodeChallenge(`${'a'.repeat(50)} space`)).rejects.toBeInstanceOf(SpotifyInputError);
  });

  it('builds the authorize URL with S256 and every parameter', async () => {
    const { challenge } = await createPkcePair();
    const url = new URL(
      buildAuthorizeUrl({
        clientId: 'cid',
        redirectUri: 'http://127.0.0.1:5173/callback',
        codeChallenge: challenge,
        scopes: ['playlist-read-private', 'user-library-read'],
        state: 'st4te',
        showDialog: true,
      }),
    );
    expect(url.origin + url.pathname).toBe('https://accounts.spotify.com/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'cid',
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:5173/callback',
      code_challenge_method: 'S256',
      code_challenge: challenge,
      scope: 'playlist-read-private user-library-read',
      state: 'st4te',
      show_dialog: 'true',
    });
  });
});

describe('redirect URI rules (2025)', () => {
  it.each([
    'https://app.example.com/callback',
    'http://127.0.0.1:8888/callback',
    'http://[::1]:8888/callback',
    'http://127.0.0.1/callback',
  ])('accepts %s', (uri) => {
    expect(validateRedirectUri(uri).toString()).toBe(uri);
  });

  it.each([
    ['http://localhost:8888/callback', /localhost/],
    ['http://app.localhost:8888/callback', /localhost/],
    ['http://example.com/callback', /loopback/],
    ['http://192.168.1.10:8888/callback', /loopback/],
    ['myapp://callback', /scheme/],
    ['https://app.example.com/callback#frag', /fragment/],
    ['/callback', /absolute/],
  ])('rejects %s', (uri, message) => {
    expect(() => validateRedirectUri(uri)).toThrow(InvalidRedirectUriError);
    expect(() => validateRedirectUri(uri)).toThrow(message);
  });

  it('is enforced by buildAuthorizeUrl and the code exchange', async () => {
    expect(() => buildAuthorizeUrl({ clientId: 'c', redirectUri: 'http://localhost:3000/', codeChallenge: 'x' })).toThrow(
      InvalidRedirectUriError,
    );
    await expect(async () =>
      exchangeAuthorizationCode({ clientId: 'c', code: 'x', codeVerifier: 'v', redirectUri: 'http://localhost/' }),
    ).rejects.toBeInstanceOf(InvalidRedirectUriError);
  });
});

describe('authorize callback', () => {
  it('returns the code when the state matches', () => {
    expect(parseAuthorizeCallback('https://app.example.com/cb?code=AQabc&state=s1', 's1')).toBe('AQabc');
  });

  it('reports a declined authorization, a state mismatch and a missing code', () => {
    const declined = () => parseAuthorizeCallback('https://app.example.com/cb?error=access_denied&state=s1', 's1');
    expect(declined).toThrow(SpotifyAuthError);
    expect(declined).toThrow(/access_denied/);
    expect(() => parseAuthorizeCallback('https://app.example.com/cb?code=AQabc&state=evil', 's1')).toThrow(/state/);
    expect(() => parseAuthorizeCallback('https://app.example.com/cb?state=s1', 's1')).toThrow(/no code/);
  });
});

describe('code exchange and refresh against the local accounts double', () => {
  const server = useWorld();

  const redirectUri = 'http://127.0.0.1:5173/callback';

  async function authorize() {
    const { verifier, challenge } = await createPkcePair();
    const url = buildAuthorizeUrl({
      clientId: server.options.clientId,
      redirectUri,
      codeChallenge: challenge,
      scopes: ['playlist-modify-private'],
      state: 'xyz',
      accountsBaseUrl: server.url,
    });
    const { code } = server.approve(url);
    return { code, verifier };
  }

  /** Authorizes and exchanges the code, as a browser app does after the redirect. */
  async function signIn() {
    const { code, verifier } = await authorize();
    const tokens = await exchangeAuthorizationCode({
      clientId: server.options.clientId,
      code,
      codeVerifier: verifier,
      redirectUri,
      accountsBaseUrl: server.url,
    });
    return { code, verifier, tokens };
  }

  it('exchanges a code for tokens; the double checks the verifier against the S256 challenge', async () => {
    const { code, verifier, tokens } = await signIn();
    expect(tokens.accessToken).toMatch(/^BQ/);
    expect(tokens.refreshToken).toMatch(/^AQ/);
    expect(tokens.scope).toContain('playlist-modify-private');
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 3500_000);
    const sent = server.hits(/^\/api\/token$/, 'POST').at(-1);
    expect(sent?.body).toEqual({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: server.options.clientId,
      code_verifier: verifier,
    });
    expect(sent?.authorization).toBeUndefined();
  });

  it('fails with invalid_grant when the verifier does not match, without the verifier in the error', async () => {
    const { code } = await authorize();
    const wrong = createCodeVerifier();
    const error = await exchangeAuthorizationCode({
      clientId: server.options.clientId,
      code,
      codeVerifier: wrong,
      redirectUri,
      accountsBaseUrl: server.url,
      retry: FAST_RETRY,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyAuthError);
    expect(error).toMatchObject({ oauthError: 'invalid_grant', status: 400, operation: 'POST /api/token (authorization_code)' });
    expect(String(error)).toContain('code_verifier was incorrect');
    expect(JSON.stringify(error) + String(error)).not.toContain(wrong);
  });

  it('refreshes with the refresh token and keeps it when Spotify sends none back', async () => {
    const { tokens: first } = await signIn();
    const next = await refreshUserTokens(first, { clientId: server.options.clientId, accountsBaseUrl: server.url });
    expect(next.accessToken).not.toBe(first.accessToken);
    expect(next.refreshToken).toBe(first.refreshToken);
    expect(server.hits(/^\/api\/token$/, 'POST').at(-1)?.body).toEqual({
      grant_type: 'refresh_token',
      refresh_token: first.refreshToken,
      client_id: server.options.clientId,
    });
  });

  it('pkceTokenProvider refreshes a token that is about to expire and reports the new tokens', async () => {
    const { tokens } = await signIn();
    const seen: string[] = [];
    let clock = Date.now();
    const provider = pkceTokenProvider({
      clientId: server.options.clientId,
      tokens,
      accountsBaseUrl: server.url,
      onTokens: (t) => seen.push(t.accessToken),
      now: () => clock,
    });
    expect(await provider.getAccessToken()).toBe(tokens.accessToken);
    clock = tokens.expiresAt - 30_000; // inside the 60 s refresh margin
    const refreshed = await provider.getAccessToken();
    expect(refreshed).not.toBe(tokens.accessToken);
    expect(seen).toEqual([refreshed]);
    expect(provider.tokens?.refreshToken).toBe(tokens.refreshToken);
  });
});
