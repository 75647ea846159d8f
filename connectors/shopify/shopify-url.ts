import { ConnectorError } from '../core/errors';

/**
 * The shop's root URL with a trailing slash, from whatever the merchant typed:
 * `boutique.myshopify.com`, `https://boutique.example/collections/all`, or the admin
 * address `admin.shopify.com/store/boutique`. A Shopify catalogue always lives at the
 * root of the shop's domain, so any path is dropped.
 */
export function shopifyBaseUrl(input: string): string {
  const raw = typeof input === 'string' ? input.trim() : '';
  if (!raw) throw new ConnectorError('invalid_source', 'Empty shop URL');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw.replace(/^\/+/, '')}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new ConnectorError('invalid_source', 'Shop URL cannot be parsed');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ConnectorError('invalid_source', `Unsupported scheme ${u.protocol}`);
  if (u.username || u.password) throw new ConnectorError('invalid_source', 'Shop URL must not carry credentials');
  if (!u.hostname.includes('.') && u.hostname !== 'localhost') throw new ConnectorError('invalid_source', 'Shop URL has no domain');
  // Merchants often paste the address of their admin rather than of their shop.
  const adminStore = u.hostname === 'admin.shopify.com' ? /^\/store\/([a-z0-9][a-z0-9-]*)/i.exec(u.pathname) : null;
  if (adminStore) return `https://${adminStore[1].toLowerCase()}.myshopify.com/`;
  return `${u.protocol}//${u.host}/`;
}
