import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import { changedFields, ProductDocument, serializeDocument, ShopSummary, toDocument, VOLATILE_FIELDS } from '../catalog/product-document';

/** Fields whose change alone is written as a partial update instead of a full replacement. */
const PATCHABLE = new Set<string>([...VOLATILE_FIELDS, 'updatedAt']);

/** What is known of a stored product without loading its document. */
export interface StoredDigest {
  contentHash: string;
  /** The stored document's `updatedAt` (epoch seconds). */
  updatedAt: number;
}

export interface WrittenProduct {
  externalId: string;
  contentHash: string;
  document: ProductDocument;
  /** The document serialized, as hashed, indexed and stored. */
  json: string;
}

export interface BatchDiff {
  created: WrittenProduct[];
  changed: WrittenProduct[];
  unchanged: string[];
}

/**
 * Pure: compares one page of products with the digests of what the index holds. Nothing
 * is written for a product whose document hash has not changed.
 */
export function diffBatch(products: NormalizedProduct[], stored: Map<string, StoredDigest>, shop: ShopSummary, now: Date): BatchDiff {
  const diff: BatchDiff = { created: [], changed: [], unchanged: [] };
  const latest = new Map<string, NormalizedProduct>();
  for (const p of products) latest.set(p.externalId, p);
  for (const p of latest.values()) {
    const before = stored.get(p.externalId);
    // Without a source date a product keeps the date it was first seen, until its content changes.
    let doc = toDocument(p, shop, before && !p.sourceUpdatedAt ? new Date(before.updatedAt * 1000) : now);
    let serialized = serializeDocument(doc);
    if (before && before.contentHash === serialized.contentHash) {
      diff.unchanged.push(p.externalId);
      continue;
    }
    if (before && !p.sourceUpdatedAt) {
      doc = { ...doc, updatedAt: Math.floor(now.getTime() / 1000) };
      serialized = serializeDocument(doc);
    }
    (before ? diff.changed : diff.created).push({ externalId: p.externalId, document: doc, ...serialized });
  }
  return diff;
}

/**
 * Pure: how to write changed products, given their previous documents. A change limited
 * to price, stock and date is a partial update (`patch`, for the products in `patched`);
 * anything else replaces the document.
 */
export function splitChanges(
  changed: WrittenProduct[],
  previous: Map<string, ProductDocument>,
): { replace: WrittenProduct[]; patched: WrittenProduct[]; patch: Array<Partial<ProductDocument> & { id: string }> } {
  const replace: WrittenProduct[] = [];
  const patched: WrittenProduct[] = [];
  const patch: Array<Partial<ProductDocument> & { id: string }> = [];
  for (const c of changed) {
    const before = previous.get(c.externalId);
    const fields = before ? changedFields(before, c.document) : undefined;
    if (fields && fields.every((f) => PATCHABLE.has(f))) {
      patched.push(c);
      patch.push(Object.fromEntries([['id', c.document.id], ...fields.map((f) => [f, (c.document as any)[f]])]) as any);
    } else {
      replace.push(c);
    }
  }
  return { replace, patched, patch };
}
