import type { FeedRow } from './feed-fields';
import { groupTitle, mapFeedGroup, mapFeedRow } from './feed.mapper';
import { parseAvailability, parseFeedPrice, parseUpdated } from './feed-values';

const row = (fields: FeedRow['fields'], position = 'ligne 2'): FeedRow => ({ position, fields });
const base = { id: 'P-1', title: 'Bol en grès', link: 'https://maison.example/bol', price: '18.00 EUR' };

describe('feed values', () => {
  it.each([
    ['12.50 EUR', 12.5, 'EUR'],
    ['12,50 €', 12.5, undefined],
    ['12,50', 12.5, undefined],
    ['EUR 1 234,50', 1234.5, 'EUR'],
    ['9.99 USD', 9.99, 'USD'],
    ['9.99 $', 9.99, 'USD'],
    ['douze', undefined, undefined],
  ])('reads the price %p', (raw, amount, currency) => {
    expect(parseFeedPrice(raw)).toEqual({ amount, currency });
  });

  it.each([
    ['in stock', true],
    ['in_stock', true],
    ['En stock', true],
    ['disponible', true],
    ['out of stock', false],
    ['out_of_stock', false],
    ['Rupture de stock', false],
    ['épuisé', false],
    ['preorder', false],
    ['backorder', false],
    ['peut-être', undefined],
  ])('reads the availability %p', (raw, expected) => {
    expect(parseAvailability(raw)).toBe(expected);
  });

  it('reads French spreadsheet dates', () => {
    expect(parseUpdated('31/12/2025')).toBe('2025-12-31T00:00:00.000Z');
    expect(parseUpdated('2026-01-02T10:00:00Z')).toBe('2026-01-02T10:00:00Z');
    expect(parseUpdated('hier')).toBeUndefined();
  });
});

describe('mapFeedRow', () => {
  it('maps a Google Merchant row', () => {
    const { products } = mapFeedRow(row({ ...base, sale_price: '15,00 EUR', availability: 'in stock', quantity: '3', gtin: '3012345678901' }));
    expect(products[0]).toMatchObject({ externalId: 'P-1', price: 15, compareAtPrice: 18, priceMin: 15, priceMax: 15, inStock: true, quantity: 3, currency: 'EUR', gtin: '3012345678901' });
  });

  it('ignores a sale price that is not lower, or outside its effective dates', () => {
    expect(mapFeedRow(row({ ...base, sale_price: '20 EUR' })).products[0]).toMatchObject({ price: 18, compareAtPrice: undefined });
    const ended = { ...base, sale_price: '10 EUR', sale_price_effective_date: '2026-01-01T00:00Z/2026-01-31T23:59Z' };
    expect(mapFeedRow(row(ended), { now: new Date('2026-03-01') }).products[0].price).toBe(18);
    expect(mapFeedRow(row(ended), { now: new Date('2026-01-15') }).products[0].price).toBe(10);
  });

  it('falls back on the quantity, then on "in stock", when availability is absent', () => {
    expect(mapFeedRow(row({ ...base, quantity: '0' })).products[0].inStock).toBe(false);
    expect(mapFeedRow(row({ ...base, quantity: 'en stock' })).products[0].inStock).toBe(true);
    expect(mapFeedRow(row(base)).products[0].inStock).toBe(true);
  });

  it('resolves relative links against the feed address and ignores numeric Google categories', () => {
    const { products } = mapFeedRow(row({ ...base, link: '/produits/bol', image_link: 'img/bol.jpg', google_product_category: '2271' }), { base: 'https://maison.example/flux/produits.csv' });
    expect(products[0]).toMatchObject({ productUrl: 'https://maison.example/produits/bol', imageUrls: ['https://maison.example/flux/img/bol.jpg'], categoryPath: [] });
  });

  it('skips with the position and a French reason', () => {
    expect(mapFeedRow(row({ ...base, price: 'gratuit' }, 'ligne 9')).skipped).toEqual([{ externalId: 'P-1', reason: 'ligne 9 : prix « gratuit » illisible' }]);
    expect(mapFeedRow(row({ ...base, title: ' ' }, 'article n°2 (ligne 30)')).skipped).toEqual([{ externalId: 'P-1', reason: 'article n°2 (ligne 30) : titre manquant' }]);
  });
});

describe('mapFeedGroup', () => {
  const variant = (id: string, color: string, size: string, price: string, availability: string) =>
    row({ ...base, id, title: `Pull - ${color} - ${size}`, price, availability, color, size, item_group_id: 'PULL', link: `https://atelier.example/pull?v=${id}` });

  it('makes one product of a group, priced from its cheapest variant', () => {
    const { products, skipped } = mapFeedGroup('PULL', [variant('V1', 'Bleu', 'S', '89 EUR', 'out of stock'), variant('V2', 'Rouge', 'M', '79 EUR', 'in stock')]);
    expect(skipped).toEqual([]);
    expect(products[0]).toMatchObject({ externalId: 'PULL', title: 'Pull', price: 79, priceMin: 79, priceMax: 89, inStock: true, productUrl: 'https://atelier.example/pull?v=V1' });
    expect(products[0].variants.map((v) => [v.externalId, v.title, v.options])).toEqual([
      ['V1', 'Bleu / S', { Couleur: 'Bleu', Taille: 'S' }],
      ['V2', 'Rouge / M', { Couleur: 'Rouge', Taille: 'M' }],
    ]);
  });

  it('skips a broken variant alone, and the group only when nothing can be sold', () => {
    const partial = mapFeedGroup('PULL', [variant('V1', 'Bleu', 'S', '', 'in stock'), variant('V2', 'Rouge', 'M', '79 EUR', 'out of stock')]);
    expect(partial.products[0]).toMatchObject({ externalId: 'PULL', inStock: false, variants: [expect.objectContaining({ externalId: 'V2' })] });
    expect(partial.skipped).toEqual([{ externalId: 'V1', reason: 'ligne 2 : variante du groupe PULL : prix manquant' }]);
    expect(mapFeedGroup('PULL', [variant('V1', 'Bleu', 'S', 'n/a', 'in stock')]).products).toEqual([]);
  });

  it('strips the variant options repeated at the end of the title', () => {
    expect(groupTitle('T-shirt coton bio - Bleu - M', { Couleur: 'Bleu', Taille: 'M' })).toBe('T-shirt coton bio');
    expect(groupTitle('T-shirt coton bio (M)', { Taille: 'M' })).toBe('T-shirt coton bio');
    expect(groupTitle('M', { Taille: 'M' })).toBe('M');
  });
});
