import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import type { ProductDocument, ShopSummary } from '../catalog/product-document';
import { diffBatch, splitChanges, StoredDigest } from './batch-planner';

const shop: ShopSummary = { id: '0b6f5a52-5a43-4c8e-9a3e-6f1d1c2b3a4d', slug: 'fournil', name: 'Le Fournil', commune: 'Lyon' };
const now = new Date('2026-11-20T10:00:00Z');

function product(externalId: string, changes: Partial<NormalizedProduct> = {}): NormalizedProduct {
  return {
    externalId,
    title: `Pain ${externalId}`,
    description: 'Au levain',
    price: 4.5,
    currency: 'EUR',
    inStock: true,
    variants: [],
    priceMin: 4.5,
    priceMax: 4.5,
    imageUrls: [],
    productUrl: `https://fournil.example/p/${externalId}`,
    categoryPath: ['Boulangerie'],
    tags: [],
    sourceUpdatedAt: '2026-11-01T08:00:00.000Z',
    ...changes,
  };
}

/** What the index holds after a first pass of these products. */
function firstPass(products: NormalizedProduct[]): { stored: Map<string, StoredDigest>; documents: Map<string, ProductDocument> } {
  const { created } = diffBatch(products, new Map(), shop, now);
  return {
    stored: new Map(created.map((c) => [c.externalId, { contentHash: c.contentHash, updatedAt: c.document.updatedAt }])),
    documents: new Map(created.map((c) => [c.externalId, c.document])),
  };
}

describe('diffBatch and splitChanges', () => {
  const before = [product('a'), product('b'), product('c')];
  const { stored, documents } = firstPass(before);

  it('finds nothing to write when a page lists the same products again', () => {
    const diff = diffBatch(before, stored, shop, new Date('2026-11-21T10:00:00Z'));
    expect(diff.created).toEqual([]);
    expect(diff.changed).toEqual([]);
    expect(diff.unchanged.sort()).toEqual(['a', 'b', 'c']);
  });

  it('writes a price or stock change as a partial update of those fields, and any other change as a whole document', () => {
    const page = [product('a', { price: 3.9, priceMin: 3.9, priceMax: 3.9 }), product('b', { title: 'Pain de seigle' }), product('c'), product('d')];
    const diff = diffBatch(page, stored, shop, now);
    expect(diff.created.map((c) => c.externalId)).toEqual(['d']);
    expect(diff.unchanged).toEqual(['c']);

    const { replace, patched, patch } = splitChanges(diff.changed, documents);
    expect(replace.map((r) => r.externalId)).toEqual(['b']);
    expect(patched.map((p) => p.externalId)).toEqual(['a']);
    expect(patch).toEqual([{ id: patched[0].document.id, price: 3.9, priceMax: 3.9 }]);
    // The product of a partial update keeps its whole new document for the state table.
    expect(patched[0].document.price).toBe(3.9);
  });

  it('replaces the whole document when the previous one is not known', () => {
    const diff = diffBatch([product('a', { inStock: false })], stored, shop, now);
    const { replace, patched, patch } = splitChanges(diff.changed, new Map());
    expect(replace.map((r) => r.externalId)).toEqual(['a']);
    expect(patched).toEqual([]);
    expect(patch).toEqual([]);
  });
});
