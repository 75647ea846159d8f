import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedProduct } from '../core/normalized-product';
import type { Validated } from '../core/validate-product';
import {
  combinationsByProduct,
  imageUrl,
  isListed,
  mapProduct,
  optionLabels,
  pickLanguage,
  stockByKey,
  toNumber,
  withTax,
} from './prestashop.mapper';
import type { PsProduct } from './prestashop.types';
import { describeFixtureRules } from '../../test/support/mapper-fixtures';

const FIXTURES = join(__dirname, '../../test/fixtures/prestashop');
const SHOP = 'https://boutique.example/';

/** A webservice list answer: `{ "<resource>": [...] }`, or `[]` when empty (PrestaShop's quirk). */
function listOf<T>(body: unknown, resource: string): T[] {
  if (body === undefined || (Array.isArray(body) && body.length === 0)) return [];
  return (body as Record<string, T[]>)[resource];
}

/** Every product of a fixture (raw webservice answers for one page), mapped. */
function mapFixture(dir: 'ok' | 'not-ok', file: string): Validated[] {
  const f = JSON.parse(readFileSync(join(FIXTURES, dir, file), 'utf8'));
  const labels = optionLabels(listOf(f.product_options, 'product_options'), listOf(f.product_option_values, 'product_option_values'), f.languageId);
  const combinations = combinationsByProduct(listOf(f.combinations, 'combinations'));
  const stock = stockByKey(listOf(f.stock_availables, 'stock_availables'));
  return listOf<PsProduct>(f.products, 'products').map((raw) =>
    mapProduct(raw, {
      shopUrl: SHOP,
      languageId: f.languageId,
      taxRate: f.taxRate,
      categoryPath: f.categoryPath,
      combinations: combinations.get(String(raw.id)) ?? [],
      optionLabel: (id) => labels.get(id),
      stock,
    }),
  );
}

function product(file: string): NormalizedProduct {
  const [r] = mapFixture('ok', file);
  if (!('product' in r)) throw new Error(`${file}: skipped: ${r.skipped.reason}`);
  return r.product;
}

describe('PrestaShop mapper', () => {
  describeFixtureRules(FIXTURES, mapFixture, /manquant|invalide/);

  it('maps a simple product: French values, VAT added, default image first, public URLs', () => {
    expect(product('simple-two-languages.json')).toEqual({
      externalId: '42',
      title: 'Confiture d’abricots du Roussillon',
      description: 'Abricots mûrs & sucre de canne.',
      price: 7.9,
      compareAtPrice: undefined,
      currency: 'EUR',
      inStock: true,
      quantity: 14,
      variants: [],
      priceMin: 7.9,
      priceMax: 7.9,
      imageUrls: [
        'https://boutique.example/108-large_default/confiture-abricots-roussillon.jpg',
        'https://boutique.example/107-large_default/confiture-abricots-roussillon.jpg',
      ],
      productUrl: 'https://boutique.example/index.php?controller=product&id_product=42',
      categoryPath: ['Épicerie fine', 'Confitures'],
      brand: 'Maison Bonnard',
      gtin: '3760123450012',
      tags: [],
      sourceUpdatedAt: '2026-10-05T12:30:00.000Z',
    });
  });

  it('reads a single-language shop, whose localized fields are plain strings', () => {
    const p = product('single-language-plain-strings.json');
    expect(p.title).toBe('Guide des traboules');
    expect(p.description).toBe('Le guide indispensable.');
    expect(p.price).toBe(20);
    expect(p.inStock).toBe(false);
    expect(p.imageUrls).toEqual([]);
    expect(p.brand).toBeUndefined();
    expect(p.gtin).toBeUndefined();
    expect(p.sourceUpdatedAt).toBeUndefined();
  });

  it('groups combinations: impacts added before VAT, public option names, stock per combination', () => {
    const p = product('combinations.json');
    expect(p.variants).toEqual([
      { externalId: '1001', title: 'S / Rouge', options: { Taille: 'S', Couleur: 'Rouge' }, price: 30, inStock: false, quantity: 0, sku: 'PULL-S-ROUGE', gtin: undefined },
      { externalId: '1002', title: 'M / Rouge', options: { Taille: 'M', Couleur: 'Rouge' }, price: 33, inStock: true, quantity: 3, sku: 'PULL-M-ROUGE', gtin: '3760000001002' },
    ]);
    // The default combination's price is the one the product page shows first.
    expect(p.price).toBe(33);
    expect([p.priceMin, p.priceMax]).toEqual([30, 33]);
    expect(p.inStock).toBe(true);
    expect(p.sourceUpdatedAt).toBe('2026-07-14T07:00:00.000Z');
  });

  it('falls back to the physical image path and to another language when French is empty', () => {
    const p = product('no-link-rewrite.json');
    expect(p.imageUrls).toEqual(['https://boutique.example/img/p/1/2/3/4/1234-large_default.jpg']);
    expect(p.title).toBe('Candle');
    expect(p.price).toBe(6);
  });

  it('gives the French reason for each broken product', () => {
    const reason = (file: string) => {
      const [r] = mapFixture('not-ok', file);
      return 'skipped' in r ? r.skipped.reason : undefined;
    };
    expect(reason('no-name.json')).toBe('titre manquant');
    expect(reason('zero-price.json')).toBe('prix manquant ou invalide');
    expect(reason('unreadable-price.json')).toBe('prix manquant ou invalide');
    expect(reason('no-id.json')).toBe('identifiant du produit manquant ou invalide');
  });
});

describe('PrestaShop value helpers', () => {
  it('picks a language by id, whether ids are strings or numbers', () => {
    const field = [{ id: 2, value: 'Jam' }, { id: '1', value: 'Confiture' }];
    expect(pickLanguage(field, '1')).toBe('Confiture');
    expect(pickLanguage(field, '2')).toBe('Jam');
    expect(pickLanguage('Seule langue', '1')).toBe('Seule langue');
    expect(pickLanguage(null, '1')).toBe('');
    expect(pickLanguage({ value: 'x' }, '1')).toBe('');
  });

  it('reads PrestaShop numbers and rejects anything else', () => {
    expect(toNumber('23.900000')).toBe(23.9);
    expect(toNumber('-1.500000')).toBe(-1.5);
    expect(toNumber(4)).toBe(4);
    expect(toNumber('12,50')).toBeUndefined();
    expect(toNumber('')).toBeUndefined();
    expect(toNumber(null)).toBeUndefined();
  });

  it('adds VAT and rounds to the cent', () => {
    expect(withTax(10, 20)).toBe(12);
    expect(withTax(2.975, 20)).toBe(3.57);
    expect(withTax(10, 0)).toBe(10);
  });

  it('lists only enabled products that are not hidden', () => {
    expect(isListed({ id: 1, active: '1', visibility: 'both' })).toBe(true);
    expect(isListed({ id: 1, active: '1', visibility: 'search' })).toBe(true);
    expect(isListed({ id: 1, active: '1', visibility: 'none' })).toBe(false);
    expect(isListed({ id: 1, active: '0', visibility: 'both' })).toBe(false);
  });

  it('never builds an image URL from something that is not an image id', () => {
    expect(imageUrl(SHOP, '../api/images', 'x')).toBeUndefined();
    expect(imageUrl(SHOP, '12', 'savon de marseille')).toBe('https://boutique.example/12-large_default/savon%20de%20marseille.jpg');
  });
});
