const UTM = { utm_source: 'vitrines', utm_medium: 'referral' } as const;

/**
 * The merchant's product page with our UTM parameters, or undefined when the stored URL is
 * not an absolute http(s) URL (never redirect to javascript:, data: and the like).
 *
 * Only utm_source and utm_medium are replaced; every other parameter keeps its exact
 * original spelling (re-serialising through URLSearchParams would turn %20 into + and
 * reorder nothing but could still break a shop that reads its query raw), and the
 * fragment stays last.
 */
export function withUtm(productUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(productUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !(paramName(part) in UTM));
  url.search = [...kept, new URLSearchParams(UTM).toString()].join('&');
  return url.toString();
}

function paramName(part: string): string {
  const raw = part.split('=')[0];
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}
