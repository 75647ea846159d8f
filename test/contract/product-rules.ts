import type { ReadSummary } from '../../connectors/core/connector';
import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import { validateProduct } from '../../connectors/core/validate-product';

/** Query parameters that carry a secret: an image URL with one would publish the shop's key. */
const KEY_LIKE = /^(ws_key|key|api_?key|access_?token|token|consumer_key|consumer_secret|secret|password|signature|sig|auth)$/i;
const HTML_TAG = /<\/?[a-z!][^>]*>/i;
const SUMMARY_KEYS = new Set(['incremental', 'notModified', 'etag', 'lastModified']);

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

function absoluteHttp(url: unknown): URL | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What every product handed over by any connector must satisfy, as a list of the rules it
 * breaks (empty: the product keeps the contract). Listing rules rather than asserting one
 * by one lets a failing test name every broken rule of a product at once.
 */
export function productBreaches(p: NormalizedProduct): string[] {
  const breaches: string[] = [];
  const again = validateProduct(p);
  if (!('product' in again)) breaches.push(`validateProduct skips it: ${again.skipped.reason}`);
  else if (JSON.stringify(plain(again.product)) !== JSON.stringify(plain(p))) breaches.push('validateProduct changes it');
  if (typeof p.externalId !== 'string' || !p.externalId.trim()) breaches.push('no externalId');
  if (typeof p.title !== 'string' || !p.title.trim()) breaches.push('no title');
  if (!(typeof p.price === 'number' && Number.isFinite(p.price) && p.price > 0)) breaches.push(`price ${p.price} is not > 0`);
  if (!(p.priceMin <= p.price && p.price <= p.priceMax)) breaches.push(`price ${p.price} outside [${p.priceMin}, ${p.priceMax}]`);
  if (p.currency !== 'EUR') breaches.push(`currency ${p.currency}`);
  if (!absoluteHttp(p.productUrl)) breaches.push(`productUrl ${p.productUrl} is not an absolute http(s) URL`);
  if (!Array.isArray(p.imageUrls)) breaches.push('imageUrls is not a list');
  for (const image of p.imageUrls ?? []) {
    const u = absoluteHttp(image);
    if (!u) breaches.push(`image ${image} is not an absolute http(s) URL`);
    else if ([...u.searchParams.keys()].some((k) => KEY_LIKE.test(k))) breaches.push(`image ${image} carries a key in its query`);
  }
  if (typeof p.description !== 'string' || HTML_TAG.test(p.description)) breaches.push('description holds HTML');
  for (const v of p.variants ?? []) {
    if (!(Number.isFinite(v.price) && v.price > 0)) breaches.push(`variant ${v.externalId} price ${v.price} is not > 0`);
  }
  return breaches;
}

/** Breaches of every product of a list, keyed by externalId, for one readable failure. */
export function breachesOf(products: NormalizedProduct[]): Record<string, string[]> {
  const all: Record<string, string[]> = {};
  for (const p of products) {
    const b = productBreaches(p);
    if (b.length) all[String(p.externalId)] = b;
  }
  return all;
}

/** A ReadSummary and nothing else: `incremental` always, the feed validators when present. */
export function isReadSummary(value: unknown): value is ReadSummary {
  if (!value || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  if (typeof s.incremental !== 'boolean') return false;
  if (Object.keys(s).some((k) => !SUMMARY_KEYS.has(k))) return false;
  if (s.notModified !== undefined && typeof s.notModified !== 'boolean') return false;
  return ['etag', 'lastModified'].every((k) => s[k] === undefined || typeof s[k] === 'string');
}

/** French for a shopkeeper: a sentence with French words or accents, never an English stack message. */
export function looksFrench(text: string | undefined): boolean {
  return !!text && text.length > 20 && /\b(la|le|les|de|du|des|votre|vos|est|pas|une?)\b/i.test(text) && /[éèêàçù]/i.test(text);
}
