/**
 * The `*.myshopify.com` name of a Shopify shop, from what a merchant types or from the
 * `shop` parameter Shopify sends back: `boutique.myshopify.com`, `https://boutique.myshopify.com/admin`,
 * or the admin address `admin.shopify.com/store/boutique`. Anything else is undefined:
 * the OAuth flow only ever talks to Shopify's own domains.
 */
const MYSHOPIFY = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function myshopifyDomain(input: string): string | undefined {
  const raw = input.trim();
  if (!raw || raw.length > 300) return undefined;
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  if (u.username || u.password || u.port) return undefined;
  const host = u.hostname.toLowerCase();
  if (host === 'admin.shopify.com') {
    const store = /^\/store\/([a-z0-9][a-z0-9-]*)(?:\/|$)/i.exec(u.pathname);
    return store ? `${store[1].toLowerCase()}.myshopify.com` : undefined;
  }
  return MYSHOPIFY.test(host) ? host : undefined;
}

/** The `shop` query parameter exactly as Shopify sends it: a bare hostname, nothing else. */
export function isMyshopifyHostname(value: string): boolean {
  return MYSHOPIFY.test(value);
}
