import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import { validateProduct } from '../../connectors/core/validate-product';
import { isReadSummary, looksFrench, productBreaches } from './product-rules';

/** A product as a connector hands it over: through validateProduct. */
function valid(): NormalizedProduct {
  const r = validateProduct({
    externalId: '42', title: 'Bol en grès', description: 'Fait à Lyon', price: 18, currency: 'EUR', inStock: true,
    productUrl: 'https://boutique.example/bol', imageUrls: ['https://boutique.example/img/bol.jpg?width=800'],
  });
  if (!('product' in r)) throw new Error(r.skipped.reason);
  return r.product;
}

describe('contract rules for a normalized product', () => {
  it('finds nothing wrong with a product that went through validateProduct', () => {
    expect(productBreaches(valid())).toEqual([]);
  });

  it.each<[string, Partial<NormalizedProduct>, RegExp]>([
    ['HTML left in the description', { description: '<p>Fait à Lyon</p>' }, /description holds HTML/],
    ['a shop key in an image URL', { imageUrls: ['https://boutique.example/api/images/1?ws_key=SECRET'] }, /carries a key/],
    ['a relative image URL', { imageUrls: ['/img/bol.jpg'] }, /image \/img\/bol.jpg is not an absolute/],
    ['a relative product URL', { productUrl: '/bol' }, /productUrl/],
    ['a zero price', { price: 0 }, /price 0 is not > 0/],
    ['a title not cleaned', { title: '  Bol  ' }, /validateProduct changes it/],
    ['no id', { externalId: '' }, /validateProduct skips it/],
  ])('names %s', (_case, patch, breach) => {
    expect(productBreaches({ ...valid(), ...patch }).join('\n')).toMatch(breach);
  });

  it('accepts a ReadSummary and nothing else', () => {
    expect(isReadSummary({ incremental: false })).toBe(true);
    expect(isReadSummary({ incremental: false, notModified: true, etag: '"a"', lastModified: 'Tue, 01 Sep 2026 08:00:00 GMT' })).toBe(true);
    expect(isReadSummary(undefined)).toBe(false);
    expect(isReadSummary({})).toBe(false);
    expect(isReadSummary({ incremental: 'no' })).toBe(false);
    expect(isReadSummary({ incremental: true, pages: 3 })).toBe(false);
  });

  it('tells a French sentence from an English error message', () => {
    expect(looksFrench('La boutique ne répond pas : le site est introuvable ou hors ligne.')).toBe(true);
    expect(looksFrench('connect ECONNREFUSED 127.0.0.1:4321')).toBe(false);
    expect(looksFrench(undefined)).toBe(false);
  });
});
