import { SpotifyInputError } from '../errors';

/** Kinds of Spotify object this package addresses. */
export type SpotifyObjectType = 'track' | 'playlist';

const ID = /^[0-9A-Za-z]{22}$/;

/**
 * Extracts the base-62 id from an id, a `spotify:<type>:<id>` URI or an
 * `https://open.spotify.com/<type>/<id>` link (query and `intl-xx/` prefix allowed).
 * Throws {@link SpotifyInputError} for anything else.
 */
export function parseSpotifyId(ref: string, type: SpotifyObjectType): string {
  const text = ref.trim();
  let candidate: string | undefined = text;
  if (text.startsWith('spotify:')) {
    const parts = text.split(':');
    candidate = parts.length === 3 && parts[1] === type ? parts[2] : undefined;
  } else if (/^https?:\/\//.test(text)) {
    const url = URL.canParse(text) ? new URL(text) : undefined;
    const segments = url?.hostname === 'open.spotify.com' ? url.pathname.split('/').filter(Boolean) : [];
    if (segments[0]?.startsWith('intl-')) segments.shift();
    candidate = segments.length === 2 && segments[0] === type ? segments[1] : undefined;
  }
  if (candidate === undefined || !ID.test(candidate)) {
    throw new SpotifyInputError(`"${ref}" is not a Spotify ${type} id, URI or open.spotify.com link`, {
      operation: `parse ${type} reference`,
    });
  }
  return candidate;
}

/** `spotify:track:<id>`. */
export function trackUri(id: string): string {
  return `spotify:track:${id}`;
}

/** `https://open.spotify.com/<type>/<id>`. */
export function openUrl(type: SpotifyObjectType, id: string): string {
  return `https://open.spotify.com/${type}/${id}`;
}
