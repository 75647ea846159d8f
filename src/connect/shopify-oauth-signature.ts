import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shopify signs every redirect to an app: the `hmac` parameter is the hex HMAC-SHA256,
 * under the app's secret, of all the other query parameters sorted by name and joined as
 * `name=value&…` (values URL-decoded; a repeated parameter `ids[]` becomes
 * `ids=["1", "2"]`). The legacy `signature` parameter is left out as well.
 */
export function shopifyQueryMessage(query: URLSearchParams): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of query) {
    if (key === 'hmac' || key === 'signature') continue;
    const values = grouped.get(key) ?? [];
    values.push(value);
    grouped.set(key, values);
  }
  return [...grouped.entries()]
    .map(([key, values]) => {
      const name = key.endsWith('[]') ? key.slice(0, -2) : key;
      const value = key.endsWith('[]') || values.length > 1 ? `[${values.map((v) => JSON.stringify(v)).join(', ')}]` : values[0];
      return [name, value] as const;
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

export function signShopifyQuery(query: URLSearchParams, secret: string): string {
  return createHmac('sha256', secret).update(shopifyQueryMessage(query)).digest('hex');
}

/** Constant-time check of the `hmac` Shopify put on a redirect. */
export function verifyShopifyQuery(query: URLSearchParams, secret: string): boolean {
  const given = query.get('hmac') ?? '';
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = Buffer.from(signShopifyQuery(query, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'));
}
