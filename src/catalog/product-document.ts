import { createHash, hash } from 'node:crypto';
import type { NormalizedProduct } from '../../connectors/core/normalized-product';

/** The shop fields copied into every product document (what a hit needs to show). */
export interface ShopSummary {
  id: string;
  slug: string;
  name: string;
  commune: string;
}

/** One product as stored in Meilisearch. */
export interface ProductDocument {
  id: string;
  externalId: string;
  title: string;
  description: string;
  price: number;
  priceMax: number;
  compareAtPrice: number | null;
  currency: string;
  inStock: boolean;
  quantity: number | null;
  imageUrl: string | null;
  imageUrls: string[];
  productUrl: string;
  category: string | null;
  categoryPath: string[];
  brand: string | null;
  gtin: string | null;
  tags: string[];
  variantCount: number;
  options: Record<string, string[]>;
  shop: ShopSummary;
  commune: string;
  /** Epoch seconds of the source's last change (or of first sight), for `sort=newest`. */
  updatedAt: number;
}

/** Fields that change with every sale or repricing: a change limited to these is sent as a partial update. */
export const VOLATILE_FIELDS = ['price', 'priceMax', 'compareAtPrice', 'inStock', 'quantity'] as const;

/**
 * Meilisearch ids allow letters, digits, - and _ only. Shop ids are UUIDs; an external id
 * with other characters is sanitised and suffixed with a hash so two ids never collide.
 */
export function documentId(shopId: string, externalId: string): string {
  const safe = externalId.replace(/[^A-Za-z0-9_-]/g, '_');
  const suffix = safe === externalId ? '' : `_${createHash('sha1').update(externalId).digest('hex').slice(0, 10)}`;
  return `${shopId}-${safe.slice(0, 200)}${suffix}`;
}

export function toDocument(p: NormalizedProduct, shop: ShopSummary, firstSeen: Date): ProductDocument {
  const options: Record<string, string[]> = {};
  for (const v of p.variants) {
    for (const [name, value] of Object.entries(v.options)) {
      const values = (options[name] ??= []);
      if (!values.includes(value)) values.push(value);
    }
  }
  const updated = p.sourceUpdatedAt ? Date.parse(p.sourceUpdatedAt) : firstSeen.getTime();
  return {
    id: documentId(shop.id, p.externalId),
    externalId: p.externalId,
    title: p.title,
    description: p.description,
    price: p.priceMin,
    priceMax: p.priceMax,
    compareAtPrice: p.compareAtPrice ?? null,
    currency: p.currency,
    inStock: p.inStock,
    quantity: p.quantity ?? null,
    imageUrl: p.imageUrls[0] ?? null,
    imageUrls: p.imageUrls,
    productUrl: p.productUrl,
    category: p.categoryPath.length ? p.categoryPath[p.categoryPath.length - 1] : null,
    categoryPath: p.categoryPath,
    brand: p.brand ?? null,
    gtin: p.gtin ?? null,
    tags: p.tags,
    variantCount: p.variants.length,
    options,
    shop,
    commune: shop.commune,
    updatedAt: Math.floor((Number.isFinite(updated) ? updated : firstSeen.getTime()) / 1000),
  };
}

/**
 * A document built by `toDocument` as JSON, and the hash of that JSON: equal hashes mean
 * nothing to write. `toDocument` always builds its keys in the same order, so plain JSON
 * is stable here (documents read back from the database are compared with
 * `changedFields` instead). The same text is hashed, sent to the engine and stored, so a
 * document is serialized once however many places need it.
 */
export function serializeDocument(doc: ProductDocument): { json: string; contentHash: string } {
  const json = JSON.stringify(doc);
  return { json, contentHash: hash('sha256', json, 'base64url') };
}

/** Serialized documents as one encoded JSON array: the body of an index write, and what the product states store. */
export function jsonArray(jsons: readonly string[]): Buffer {
  return Buffer.from(`[${jsons.join(',')}]`, 'utf8');
}

/** The fields whose values differ between two versions of a document. */
export function changedFields(before: ProductDocument, after: ProductDocument): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => stableStringify((before as any)[k]) !== stableStringify((after as any)[k]));
}

function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const keys = Object.keys(value as object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify((value as any)[k])}`).join(',')}}`;
}
