import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Validated } from '../core/validate-product';
import { gidToId, mapAdminProduct, mapStorefrontProduct } from './shopify.mapper';
import { describeFixtureRules } from '../../test/support/mapper-fixtures';

const FIXTURES = join(__dirname, '../../test/fixtures/shopify');
const SHOP = 'https://boutique.example/';

/** Every product of a fixture file (a storefront page or a GraphQL answer), mapped. */
function mapFixture(dir: 'ok' | 'not-ok', file: string): Validated[] {
  const body = JSON.parse(readFileSync(join(FIXTURES, dir, file), 'utf8'));
  if (file.startsWith('storefront-')) return body.products.map((p: unknown) => mapStorefrontProduct(p, SHOP));
  const currency = body.data.shop?.currencyCode ?? 'EUR';
  return body.data.products.nodes.map((n: unknown) => mapAdminProduct(n, SHOP, currency)).filter((r: Validated | null) => r !== null);
}

function products(dir: 'ok' | 'not-ok', file: string) {
  return mapFixture(dir, file).map((r) => {
    if (!('product' in r)) throw new Error(`${file}: skipped: ${r.skipped.reason}`);
    return r.product;
  });
}

describe('Shopify mapper', () => {
  describeFixtureRules(FIXTURES, mapFixture, /manquant|invalide|devise|illisible/);

  it('maps a simple storefront product, keeping accents and removing HTML and scripts', () => {
    const [p] = products('ok', 'storefront-simple.json');
    expect(p).toMatchObject({
      externalId: '7712345678901',
      title: 'Crème de marrons d’Ardèche',
      price: 6.9,
      compareAtPrice: 8.5,
      priceMin: 6.9,
      priceMax: 6.9,
      currency: 'EUR',
      inStock: true,
      variants: [],
      productUrl: 'https://boutique.example/products/creme-de-marrons-d-ardeche',
      categoryPath: ['Épicerie sucrée'],
      brand: 'Épicerie Sainte-Blandine',
      tags: ['Ardèche', 'sucré', 'local'],
      imageUrls: ['https://cdn.shopify.com/s/files/1/0001/0002/products/creme-marrons.jpg?v=1700000000'],
      sourceUpdatedAt: '2026-10-03T06:30:00.000Z',
    });
    expect(p.description).toBe('Une crème onctueuse & gourmande, préparée à Privas.');
  });

  it('groups storefront variants under their product with named options', () => {
    const [p] = products('ok', 'storefront-variants.json');
    expect(p.variants).toHaveLength(3);
    expect(p.variants[0]).toEqual({
      externalId: '42822222222201',
      title: 'S / Bleu',
      options: { Taille: 'S', Couleur: 'Bleu' },
      price: 89,
      compareAtPrice: undefined,
      inStock: false,
      sku: 'PULL-S-B',
      gtin: '3760000000017',
    });
    expect(p.variants[2].options).toEqual({ Taille: 'L', Couleur: 'Rouge' });
    expect([p.price, p.priceMin, p.priceMax, p.inStock]).toEqual([89, 89, 95, true]);
    expect(p.tags).toEqual(['hiver', 'laine', 'fait main']);
    expect(p.imageUrls).toEqual([
      'https://cdn.shopify.com/s/files/1/0001/0002/products/pull-bleu.jpg',
      'https://cdn.shopify.com/s/files/1/0001/0002/products/pull-rouge.jpg',
    ]);
    expect(p.gtin).toBe('3760000000017');
    expect(p.description.split(/\n+/)).toEqual(['Chaud et léger', 'Tricoté à Lyon', '100 % mérinos']);
  });

  it('marks a product out of stock when no variant is available', () => {
    const [p] = products('ok', 'storefront-out-of-stock.json');
    expect(p.inStock).toBe(false);
    expect(p.categoryPath).toEqual([]);
  });

  it('cleans markup and scripts out of titles and refuses unsafe image URLs', () => {
    const [p] = products('ok', 'storefront-html-title.json');
    expect(p.title).toBe('Bol en grès émaillé');
    expect(p.price).toBe(24);
    expect(p.description.split(/\n+/)).toEqual(['Bol tourné à la main', 'Passe au lave-vaisselle']);
    expect(p.imageUrls).toEqual(['https://cdn.shopify.com/s/files/bol.jpg']);
  });

  it('maps GraphQL nodes: GID ids, variants, quantities, online store URL or handle', () => {
    const [scarf, honey] = products('ok', 'admin-products-page.json');
    expect(scarf).toMatchObject({
      externalId: '8801000000001',
      title: 'Écharpe en soie',
      price: 59,
      compareAtPrice: 75,
      priceMin: 59,
      priceMax: 64,
      inStock: true,
      quantity: 3,
      productUrl: 'https://atelier-canut.example/products/echarpe-en-soie',
      imageUrls: ['https://cdn.shopify.com/s/files/1/echarpe.jpg', 'https://cdn.shopify.com/s/files/1/echarpe-2.jpg'],
      gtin: '3760000000024',
    });
    expect(scarf.variants.map((v) => [v.externalId, v.options, v.inStock])).toEqual([
      ['4900000000011', { Couleur: 'Bleu' }, false],
      ['4900000000012', { Couleur: 'Rouge' }, true],
    ]);
    expect(honey).toMatchObject({ externalId: '8801000000002', variants: [], price: 12.5, quantity: 0, productUrl: 'https://boutique.example/products/miel-de-chataignier' });
  });

  it('gives the merchant the reason a product is skipped', () => {
    const reasons = (dir: 'not-ok', file: string) => mapFixture(dir, file).map((r) => ('skipped' in r ? r.skipped.reason : 'kept'));
    expect(reasons('not-ok', 'storefront-no-price.json')).toEqual(['prix manquant ou invalide']);
    expect(reasons('not-ok', 'storefront-no-handle.json')).toEqual(['adresse de la page produit manquante ou invalide']);
    expect(reasons('not-ok', 'storefront-script-title.json')).toEqual(['titre manquant']);
    expect(reasons('not-ok', 'storefront-no-id.json')).toEqual(['identifiant du produit manquant ou invalide']);
    expect(reasons('not-ok', 'admin-foreign-currency.json')).toEqual(['devise CHF non prise en charge (EUR uniquement)']);
    expect(reasons('not-ok', 'admin-no-price-no-handle.json')).toEqual([
      'prix manquant ou invalide',
      'adresse de la page produit manquante ou invalide',
      'identifiant du produit manquant ou invalide',
    ]);
  });

  it('never lets a draft or archived product through', () => {
    const node = { id: 'gid://shopify/Product/1', handle: 'x', title: 'Brouillon', status: 'DRAFT', variants: { nodes: [{ id: 'gid://shopify/ProductVariant/2', price: '3.00', availableForSale: true }] } };
    expect(mapAdminProduct(node, SHOP)).toBeNull();
    expect(mapAdminProduct({ ...node, status: 'ARCHIVED' }, SHOP)).toBeNull();
    expect(mapAdminProduct({ ...node, status: 'ACTIVE' }, SHOP)).toHaveProperty('product');
  });

  it('skips what is not a product object', () => {
    expect(mapStorefrontProduct('oops', SHOP)).toEqual({ skipped: { reason: 'produit illisible dans la réponse de la boutique' } });
    expect(mapAdminProduct(null, SHOP)).toHaveProperty('skipped');
  });

  it('reads Shopify global ids', () => {
    expect(gidToId('gid://shopify/Product/123')).toBe('123');
    expect(gidToId('gid://shopify/ProductVariant/456', 'ProductVariant')).toBe('456');
    expect(gidToId('gid://shopify/Collection/789', 'Product')).toBeUndefined();
    expect(gidToId(42)).toBe('42');
    expect(gidToId('gid://shopify/Product/abc')).toBeUndefined();
  });
});
