import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedProduct } from '../core/normalized-product';
import type { Validated } from '../core/validate-product';
import { isRestProductPublic, mapRestProduct, mapStoreProduct, restModifiedAt, restNeedsVariations, storeNeedsVariations } from './woocommerce.mapper';
import { describeFixtureRules } from '../../test/support/mapper-fixtures';

const FIXTURES = join(__dirname, '../../test/fixtures/woocommerce');

/**
 * A fixture is one listing page as the shop sends it (`products`), plus the variation
 * listings the connector would read next (`variations`, by parent id). `store-*` files are
 * Store API answers, `rest-*` files REST API v3 answers, filtered as the connector does.
 */
function mapFixture(dir: 'ok' | 'not-ok', file: string): Validated[] {
  const body = JSON.parse(readFileSync(join(FIXTURES, dir, file), 'utf8')) as { products: unknown[]; variations?: Record<string, unknown[]> };
  const variationsOf = (raw: unknown) => body.variations?.[String((raw as { id?: unknown } | null)?.id)];
  if (file.startsWith('store-')) return body.products.map((raw) => mapStoreProduct(raw, storeNeedsVariations(raw) ? variationsOf(raw) : undefined));
  return body.products
    .filter((raw) => !dir.startsWith('ok') || isRestProductPublic(raw))
    .map((raw) => mapRestProduct(raw, restNeedsVariations(raw) ? variationsOf(raw) : undefined));
}

function products(file: string): NormalizedProduct[] {
  return mapFixture('ok', file).map((r) => {
    if (!('product' in r)) throw new Error(`${file}: skipped: ${r.skipped.reason}`);
    return r.product;
  });
}

describe('WooCommerce mapper', () => {
  describeFixtureRules(FIXTURES, mapFixture, /manquant|invalide|devise|illisible/);

  describe('Store API', () => {
    it('converts minor units, decodes the title, strips HTML and scripts, keeps the crossed-out price', () => {
      const [p] = products('store-simple.json');
      expect(p).toMatchObject({
        externalId: '412',
        title: 'Confiture d’abricots & amandes',
        price: 6.9,
        compareAtPrice: 8.5,
        priceMin: 6.9,
        priceMax: 6.9,
        currency: 'EUR',
        inStock: true,
        variants: [],
        productUrl: 'https://epicerie-bonnard.example/produit/confiture-dabricots-amandes/',
        imageUrls: ['https://epicerie-bonnard.example/wp-content/uploads/2026/10/confiture-dabricots-amandes.jpg'],
        categoryPath: ['Épicerie fine'],
        brand: 'Maison Bonnard',
        tags: ['local'],
      });
      expect(p.description).toBe('Abricots du Roussillon, cuits au chaudron.\n\nSans conservateur\n\nPot de 370 g');
    });

    it('reads the minor unit of each answer (a shop set to no decimals)', () => {
      expect(products('store-zero-decimals.json')[0].price).toBe(45);
    });

    it('reports out of stock', () => {
      expect(products('store-out-of-stock.json')[0].inStock).toBe(false);
    });

    it('groups variations with named options, their own prices and stock', () => {
      const [p] = products('store-variable.json');
      expect(p.variants).toEqual([
        expect.objectContaining({ externalId: '501', options: { Taille: 'S', Couleur: 'Bleu nuit' }, price: 49, inStock: false, sku: 'PULL-501' }),
        expect.objectContaining({ externalId: '502', options: { Taille: 'M', Couleur: 'Bleu nuit' }, price: 53, inStock: true }),
      ]);
      expect(p).toMatchObject({ price: 49, priceMin: 49, priceMax: 53, inStock: true, categoryPath: ['Vêtements'] });
    });

    it('falls back to the variation label when the parent does not name the options', () => {
      const body = JSON.parse(readFileSync(join(FIXTURES, 'ok', 'store-variable.json'), 'utf8'));
      const parent = { ...body.products[0], variations: [], attributes: [] };
      const r = mapStoreProduct(parent, body.variations['500']);
      expect('product' in r && r.product.variants[1].options).toEqual({ Taille: 'M', Couleur: 'Bleu nuit' });
    });
  });

  describe('REST API v3', () => {
    it('reads decimal-string prices, GTIN, stock quantity and the GMT modification date', () => {
      const [p] = products('rest-simple.json');
      expect(p).toMatchObject({
        externalId: '612',
        title: 'Huile d’olive vierge extra',
        description: 'Origine\n\nNyons & Baronnies',
        price: 18.9,
        compareAtPrice: 21.5,
        quantity: 12,
        gtin: '3760123456789',
        inStock: true,
        sourceUpdatedAt: '2026-10-12T14:30:05.000Z',
        brand: 'Maison Bonnard',
      });
    });

    it('keeps only published, visible products; back-orders are not on the shelf', () => {
      const body = JSON.parse(readFileSync(join(FIXTURES, 'ok', 'rest-listing-mixed.json'), 'utf8'));
      expect(body.products.filter(isRestProductPublic).map((p: { id: number }) => p.id)).toEqual([620, 623]);
      const [sel, cafe] = products('rest-listing-mixed.json');
      expect(sel.price).toBe(4.2);
      expect(cafe).toMatchObject({ inStock: false, quantity: undefined });
    });

    it('groups published variations and ignores private ones', () => {
      const [p] = products('rest-variable.json');
      expect(p.variants.map((v) => [v.externalId, v.options, v.price, v.inStock])).toEqual([
        ['701', { Couleur: 'Rouge' }, 35, false],
        ['702', { Couleur: 'Bleu' }, 39.9, true],
      ]);
      expect(p).toMatchObject({ price: 35, priceMin: 35, priceMax: 39.9, inStock: true });
    });

    it('reads date_modified_gmt as UTC', () => {
      expect(restModifiedAt({ date_modified_gmt: '2026-10-12T14:30:05' })?.toISOString()).toBe('2026-10-12T14:30:05.000Z');
      expect(restModifiedAt({ date_modified_gmt: 'hier' })).toBeUndefined();
    });
  });
});
