import { InvalidRedirectUriError } from '../errors';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]']);

/**
 * Checks a redirect URI against Spotify's 2025 rules and returns it parsed: `https`, or plain
 * `http` only on a loopback IP literal (`http://127.0.0.1:PORT`, `http://[::1]:PORT`).
 * `localhost`, other http hosts, other schemes and fragments are refused with
 * {@link InvalidRedirectUriError}.
 */
export function validateRedirectUri(redirectUri: string): URL {
  const operation = 'redirect URI check';
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    throw new InvalidRedirectUriError(`"${redirectUri}" is not an absolute URL`, { operation });
  }
  if (url.hash !== '' || redirectUri.includes('#')) {
    throw new InvalidRedirectUriError(`"${redirectUri}" has a fragment; OAuth redirect URIs may not`, { operation });
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:') {
    if (url.hostname === 'localhost' || url.hostname.endsWith('.localhost')) {
      throw new InvalidRedirectUriError(
        `"${redirectUri}": Spotify no longer accepts "localhost"; use the loopback IP literal http://127.0.0.1:PORT or http://[::1]:PORT`,
        { operation },
      );
    }
    if (LOOPBACK_HOSTS.has(url.hostname)) return url;
    throw new InvalidRedirectUriError(
      `"${redirectUri}": plain http is only allowed on a loopback IP literal (127.0.0.1 or [::1]); use https`,
      { operation },
    );
  }
  throw new InvalidRedirectUriError(`"${redirectUri}": the scheme must be https (or http on 127.0.0.1 / [::1])`, {
    operation,
  });
}
