/**
 * Absolute public http(s) URL or undefined. Relative URLs are resolved against `base`;
 * URLs carrying credentials (user:pass@ or key-like query parameters) are refused, so a
 * merchant's key can never end up in an image or product link shown to residents.
 */
export function publicUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  let u: URL;
  try {
    u = base ? new URL(value.trim(), base) : new URL(value.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (u.username || u.password) return undefined;
  if (u.search) {
    for (const key of u.searchParams.keys()) {
      if (/^(ws_key|consumer_key|consumer_secret|api_?key|access_?token|key|token|secret|password)$/i.test(key)) return undefined;
    }
  }
  return u.href;
}

/** The shop's base URL with a trailing slash, for joining API paths. */
export function baseUrl(url: string): string {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.toString();
}
