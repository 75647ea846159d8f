import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import { changedFields, contentHash, ProductDocument, ShopSummary, toDocument, VOLATILE_FIELDS } from '../catalog/product-document';
import type { StoredProduct } from './product-state.repository';

/** Fields whose change alone is written as a partial update instead of a full replacement. */
const PATCHABLE = new Set<string>([...VOLATILE_FIELDS, 'updatedAt']);

export interface BatchPlan {
  /** New or substantially changed: full documents. */
  replace: ProductDocument[];
  /** Only price/stock changed: partial documents. */
  patch: Array<Partial<ProductDocument> & { id: string }>;
  /** States to record for everything written. */
  written: Array<{ externalId: string; contentHash: string; document: ProductDocument }>;
  unchanged: string[];
  created: number;
  updated: number;
}

/**
 * Pure: compares one page of products with what the index holds and decides what to
 * write. Nothing is written for a product whose document hash has not changed.
 */
export function planBatch(products: NormalizedProduct[], stored: Map<string, StoredProduct>, shop: ShopSummary, now: Date): BatchPlan {
  const plan: BatchPlan = { replace: [], patch: [], written: [], unchanged: [], created: 0, updated: 0 };
  const latest = new Map<string, NormalizedProduct>();
  for (const p of products) latest.set(p.externalId, p);
  for (const p of latest.values()) {
    const before = stored.get(p.externalId);
    // Without a source date a product keeps the date it was first seen, until its content changes.
    let doc = toDocument(p, shop, before && !p.sourceUpdatedAt ? new Date(before.document.updatedAt * 1000) : now);
    let hash = contentHash(doc);
    if (before && before.contentHash === hash) {
      plan.unchanged.push(p.externalId);
      continue;
    }
    if (before && !p.sourceUpdatedAt) {
      doc = { ...doc, updatedAt: Math.floor(now.getTime() / 1000) };
      hash = contentHash(doc);
    }
    plan.written.push({ externalId: p.externalId, contentHash: hash, document: doc });
    if (!before) {
      plan.created++;
      plan.replace.push(doc);
      continue;
    }
    plan.updated++;
    const fields = changedFields(before.document, doc);
    if (fields.every((f) => PATCHABLE.has(f))) {
      plan.patch.push(Object.fromEntries([['id', doc.id], ...fields.map((f) => [f, (doc as any)[f]])]) as any);
    } else {
      plan.replace.push(doc);
    }
  }
  return plan;
}
