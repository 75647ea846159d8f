import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import { CatalogWriter } from '../../src/catalog/catalog-writer.service';
import { ProductDocument, ShopSummary, toDocument } from '../../src/catalog/product-document';
import { PrismaService } from '../../src/database/prisma.service';
import { ShopDirectory } from '../../src/shops/shop-directory.service';
import { databaseTargets } from '../support/test-database';
import { testEnvironment, TestEnvironment } from '../support/test-app';

/**
 * Real: the application, Meilisearch (bundled binary, an index of this suite's own),
 * PGlite and PostgreSQL (when TEST_DATABASE_URL is set). The index is filled the way the
 * sync engine fills it (CatalogWriter.replace with toDocument), shops straight in the table.
 */

const PLACES = {
  bellecour: { lat: 45.7578, lng: 4.832 },
  perrache: { lat: 45.7486, lng: 4.8267 },
  croixRousse: { lat: 45.7772, lng: 4.8302 },
  villeurbanne: { lat: 45.7719, lng: 4.8902 },
  givors: { lat: 45.5906, lng: 4.7689 },
};

interface ShopSpec {
  key: string;
  name: string;
  commune: string;
  postalCode: string;
  at: { lat: number; lng: number };
  status?: 'approved' | 'pending';
  /** Hours since the last successful sync; undefined: never synced. */
  syncedHoursAgo?: number;
}

function product(externalId: string, title: string, extra: Partial<NormalizedProduct> & { category?: string } = {}): NormalizedProduct {
  const { category, ...rest } = extra;
  const price = rest.price ?? 10;
  return {
    externalId,
    title,
    description: `${title}, en vente dans la rue.`,
    currency: 'EUR',
    inStock: true,
    variants: [],
    imageUrls: [`https://img.example/${externalId}.jpg`],
    productUrl: `https://shop.example/produits/${externalId}`,
    categoryPath: category ? [category] : [],
    tags: [],
    ...rest,
    price,
    priceMin: price,
    priceMax: rest.priceMax ?? price,
  };
}

interface SeededShop {
  id: string;
  slug: string;
  summary: ShopSummary;
}

async function createShop(app: INestApplication, spec: ShopSpec): Promise<SeededShop> {
  const now = Date.now();
  const row = await app.get(PrismaService).shop.create({
    data: {
      slug: spec.key,
      name: spec.name,
      address: '1 rue de la République',
      postalCode: spec.postalCode,
      communeCode: '69123',
      communeName: spec.commune,
      lat: spec.at.lat,
      lng: spec.at.lng,
      platform: 'feed',
      sourceUrl: `https://${spec.key}.example/flux.csv`,
      syncIntervalMinutes: 60,
      status: spec.status ?? 'approved',
      lastSuccessAt: spec.syncedHoursAgo === undefined ? null : new Date(now - spec.syncedHoursAgo * 3_600_000),
    },
  });
  return { id: row.id, slug: row.slug, summary: { id: row.id, slug: row.slug, name: row.name, commune: row.communeName } };
}

/** A summary for a shop that is in the index but not in the shops table. */
function unknownShop(): ShopSummary {
  return { id: randomUUID(), slug: 'inconnue', name: 'Boutique inconnue', commune: 'Lyon' };
}

async function indexProducts(app: INestApplication, items: Array<{ shop: ShopSummary; products: NormalizedProduct[] }>): Promise<ProductDocument[]> {
  const firstSeen = new Date('2026-01-01T00:00:00Z');
  const docs = items.flatMap(({ shop, products }) => products.map((p) => toDocument(p, shop, firstSeen)));
  await app.get(CatalogWriter).replace(docs);
  app.get(ShopDirectory).invalidate();
  return docs;
}

describe.each(databaseTargets)('resident search on %s', (target) => {
  let env: TestEnvironment;
  let app: INestApplication;
  let server: any;
  const shops: Record<string, SeededShop> = {};
  let docs: ProductDocument[] = [];
  const hiddenIds = new Set<string>();
  const VISIBLE = 258;

  beforeAll(async () => {
    env = await testEnvironment(target);
    app = await env.start();
    server = app.getHttpServer();
    const specs: ShopSpec[] = [
      { key: 'fournil-croix-rousse', name: 'Fournil de la Croix-Rousse', commune: 'Lyon', postalCode: '69004', at: PLACES.croixRousse, syncedHoursAgo: 2.2 },
      { key: 'cycles-villeurbanne', name: 'Cycles Gratte-Ciel', commune: 'Villeurbanne', postalCode: '69100', at: PLACES.villeurbanne, syncedHoursAgo: 1 },
      { key: 'boulangerie-givors', name: 'Boulangerie du Gier', commune: 'Givors', postalCode: '69700', at: PLACES.givors, syncedHoursAgo: 5 },
      { key: 'papeterie-perrache', name: 'Papeterie Perrache', commune: 'Lyon', postalCode: '69002', at: PLACES.perrache, syncedHoursAgo: 0.5 },
      { key: 'epicerie-endormie', name: 'Épicerie endormie', commune: 'Lyon', postalCode: '69003', at: PLACES.bellecour, syncedHoursAgo: 30 * 24 },
      { key: 'boutique-en-attente', name: 'Boutique en attente', commune: 'Lyon', postalCode: '69002', at: PLACES.bellecour, status: 'pending', syncedHoursAgo: 1 },
    ];
    for (const spec of specs) shops[spec.key] = await createShop(app, spec);
    const ghost = unknownShop();
    const carnets = Array.from({ length: 250 }, (_, i) =>
      product(`carnet-${i}`, `Carnet ligné n°${i}`, {
        category: 'Papeterie',
        price: ((i * 37) % 200) + 0.5,
        inStock: i % 3 !== 0,
        sourceUpdatedAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 250) * 3_600_000).toISOString(),
      }),
    );
    docs = await indexProducts(app, [
      {
        shop: shops['fournil-croix-rousse'].summary,
        products: [
          product('baguette', 'Baguette tradition', { category: 'Pains', price: 1.3, productUrl: 'https://fournil.example/p/baguette' }),
          product('cafe', 'Café de Colombie moulu', { category: 'Épicerie', price: 8.9 }),
          product('croissant', 'Croissant au beurre', { category: 'Viennoiseries', price: 1.2, inStock: false }),
          product('pain-special', 'Pain <b>spécial</b> & "maison" <script>alert(1)</script>', { category: 'Pains', price: 3.5 }),
        ],
      },
      {
        shop: shops['cycles-villeurbanne'].summary,
        products: [
          product('velo', 'Vélo de ville électrique', { category: 'Vélos', price: 1290, compareAtPrice: 1490 }),
          product('casque', 'Casque urbain', { category: 'Accessoires', price: 59, inStock: false }),
          product('antivol', 'Antivol en U', { category: 'Accessoires', price: 35 }),
        ],
      },
      { shop: shops['boulangerie-givors'].summary, products: [product('campagne', 'Baguette de campagne', { category: 'Pains', price: 1.5 })] },
      { shop: shops['papeterie-perrache'].summary, products: carnets },
      { shop: shops['epicerie-endormie'].summary, products: [product('hier', "Baguette d'hier", { category: 'Pains', price: 1 })] },
      { shop: shops['boutique-en-attente'].summary, products: [product('attente', 'Baguette en attente', { category: 'Pains', price: 1 })] },
      { shop: ghost, products: [product('fantome', 'Baguette fantôme', { category: 'Pains', price: 1 })] },
    ]);
    for (const d of docs) if ([shops['epicerie-endormie'].id, shops['boutique-en-attente'].id, ghost.id].includes(d.shop.id)) hiddenIds.add(d.id);
    expect(docs.length - hiddenIds.size).toBe(VISIBLE);
  });
  afterAll(async () => env.dispose());

  const search = (query: Record<string, string | number | string[]>) => request(server).get('/api/search').query(query);
  const ok = async (query: Record<string, string | number | string[]>) => (await search(query).expect(200)).body;
  const idOf = (externalId: string) => docs.find((d) => d.externalId === externalId)!.id;
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  /** Every hit of a query, page after page. */
  const allPages = async (query: Record<string, string | number>, perPage: number) => {
    const hits: any[] = [];
    let total = 0;
    for (let page = 1; page < 100; page++) {
      const body = await ok({ ...query, perPage, page });
      total = body.total;
      if (!body.hits.length) break;
      hits.push(...body.hits);
    }
    return { hits, total };
  };

  it('finds a product despite a typo, and answers with the full product shape', async () => {
    const res = await search({ q: 'baguete' }).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    const hit = res.body.hits.find((h: any) => h.id === idOf('baguette'));
    expect(hit).toEqual({
      id: idOf('baguette'),
      title: 'Baguette tradition',
      description: 'Baguette tradition, en vente dans la rue.',
      price: 1.3,
      compareAtPrice: null,
      currency: 'EUR',
      inStock: true,
      imageUrl: 'https://img.example/baguette.jpg',
      productUrl: 'https://fournil.example/p/baguette',
      url: `/go/${idOf('baguette')}`,
      category: 'Pains',
      brand: null,
      shop: { id: shops['fournil-croix-rousse'].id, slug: 'fournil-croix-rousse', name: 'Fournil de la Croix-Rousse', commune: 'Lyon' },
      updatedAt: '2026-01-01T00:00:00.000Z',
      verifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      verifiedAgo: 'il y a 2 h',
      // The engine marks the part of the word the typo-tolerant match covered.
      highlight: { title: expect.stringMatching(/^<mark>Baguet+e?<\/mark>e? tradition$/) },
    });
    expect(res.body).toMatchObject({ page: 1, perPage: 20, processingTimeMs: expect.any(Number) });
    expect(Object.keys(res.body.facets).sort()).toEqual(['category', 'commune', 'inStock', 'shop']);
  });

  it('ignores accents and knows synonyms', async () => {
    expect((await ok({ q: 'cafe' })).hits.map((h: any) => h.title)).toContain('Café de Colombie moulu');
    expect((await ok({ q: 'bicyclette' })).hits.map((h: any) => h.title)).toContain('Vélo de ville électrique');
    expect((await ok({ q: 'velo' })).hits[0]).toMatchObject({ title: 'Vélo de ville électrique', compareAtPrice: 1490 });
  });

  it('never shows products of stale, pending or unknown shops', async () => {
    const baguettes = await ok({ q: 'baguette', perPage: 100 });
    expect(baguettes.hits.map((h: any) => h.title).sort()).toEqual(['Baguette de campagne', 'Baguette tradition']);
    const everything = await allPages({}, 100);
    expect(everything.total).toBe(VISIBLE);
    expect(everything.hits.filter((h: any) => hiddenIds.has(h.id))).toEqual([]);
    expect((await ok({ shop: 'epicerie-endormie' })).total).toBe(0);
    const facets = (await ok({})).facets;
    expect(Object.keys(facets.shop).sort()).toEqual(['boulangerie-givors', 'cycles-villeurbanne', 'fournil-croix-rousse', 'papeterie-perrache']);
  });

  it('returns facets that add up to the total, shops keyed by slug', async () => {
    const body = await ok({});
    expect(body.total).toBe(VISIBLE);
    expect(body.facets.commune).toEqual({ Lyon: 254, Villeurbanne: 3, Givors: 1 });
    expect(body.facets.shop).toEqual({ 'papeterie-perrache': 250, 'fournil-croix-rousse': 4, 'cycles-villeurbanne': 3, 'boulangerie-givors': 1 });
    for (const group of ['commune', 'category', 'shop', 'inStock'] as const) expect(sum(body.facets[group])).toBe(body.total);
    expect(body.facets.inStock).toEqual({ true: 258 - 84 - 2, false: 84 + 2 });
  });

  it('keeps the other communes counted when one is chosen (disjunctive facets)', async () => {
    const body = await ok({ commune: 'Villeurbanne' });
    expect(body.total).toBe(3);
    expect(body.hits.every((h: any) => h.shop.commune === 'Villeurbanne')).toBe(true);
    expect(body.facets.commune).toEqual({ Lyon: 254, Villeurbanne: 3, Givors: 1 });
    // Other groups are counted within the chosen commune.
    expect(body.facets.category).toEqual({ Accessoires: 2, Vélos: 1 });
    expect(body.facets.shop).toEqual({ 'cycles-villeurbanne': 3 });

    const two = await ok({ commune: ['Villeurbanne', 'Givors'], category: 'Pains' });
    expect(two.hits.map((h: any) => h.title)).toEqual(['Baguette de campagne']);
    expect(two.facets.commune).toEqual({ Lyon: 2, Givors: 1 });
    expect(two.facets.category).toEqual({ Accessoires: 2, Vélos: 1, Pains: 1 });
  });

  it('applies each filter', async () => {
    const byShop = await ok({ shop: ['fournil-croix-rousse', 'boulangerie-givors'], perPage: 100 });
    expect(byShop.total).toBe(5);
    expect(new Set(byShop.hits.map((h: any) => h.shop.slug))).toEqual(new Set(['fournil-croix-rousse', 'boulangerie-givors']));

    const byCategory = await ok({ category: 'Accessoires' });
    expect(byCategory.hits.map((h: any) => h.title).sort()).toEqual(['Antivol en U', 'Casque urbain']);

    const inStock = await ok({ inStock: 'true', perPage: 100 });
    expect(inStock.total).toBe(172);
    expect(inStock.hits.every((h: any) => h.inStock === true)).toBe(true);
    expect((await ok({ inStock: 'false', shop: 'cycles-villeurbanne' })).hits.map((h: any) => h.title)).toEqual(['Casque urbain']);

    const priced = await ok({ priceMin: '30', priceMax: '60', shop: 'cycles-villeurbanne' });
    expect(priced.hits.map((h: any) => h.title).sort()).toEqual(['Antivol en U', 'Casque urbain']);
    const cheap = await ok({ priceMax: '1,3', shop: ['fournil-croix-rousse', 'boulangerie-givors'] });
    expect(cheap.hits.map((h: any) => h.title).sort()).toEqual(['Baguette tradition', 'Croissant au beurre']);
    const range = await allPages({ priceMin: 100.5, priceMax: 120.5 }, 100);
    expect(range.hits.length).toBe(range.total);
    expect(range.hits.every((h: any) => h.price >= 100.5 && h.price <= 120.5)).toBe(true);
  });

  it('sorts by price both ways and by newest, across pages', async () => {
    for (const [sort, ordered] of [
      ['price:asc', (a: any, b: any) => a.price <= b.price],
      ['price:desc', (a: any, b: any) => a.price >= b.price],
      ['newest', (a: any, b: any) => a.updatedAt >= b.updatedAt],
    ] as const) {
      const { hits, total } = await allPages({ sort, shop: 'papeterie-perrache' }, 60);
      expect(hits).toHaveLength(total);
      expect(total).toBe(250);
      for (let i = 1; i < hits.length; i++) expect(ordered(hits[i - 1], hits[i])).toBe(true);
    }
    const asc = await ok({ sort: 'price:asc', q: 'baguette' });
    expect(asc.hits.map((h: any) => h.price)).toEqual([1.3, 1.5]);
  });

  it('keeps to the radius around a point and gives distances', async () => {
    const near = await ok({ q: 'baguette', ...PLACES.bellecour, radiusKm: 3 });
    expect(near.hits.map((h: any) => h.title)).toEqual(['Baguette tradition']);
    expect(near.hits[0].distanceKm).toBe(2.2);
    const wide = await ok({ q: 'baguette', ...PLACES.bellecour, radiusKm: 25 });
    expect((await ok({ q: 'baguette' })).hits[0].highlight.title).toBe('<mark>Baguette</mark> tradition');
    expect(wide.hits.map((h: any) => h.title).sort()).toEqual(['Baguette de campagne', 'Baguette tradition']);
    expect(wide.hits.find((h: any) => h.title === 'Baguette de campagne').distanceKm).toBeGreaterThan(18);
    const nowhere = await ok({ lat: 45.2, lng: 5.6, radiusKm: 1 });
    expect(nowhere).toMatchObject({ hits: [], total: 0, facets: { commune: {}, category: {}, shop: {}, inStock: {} } });
  });

  it('orders by distance, nearest shop first, the same across any paging', async () => {
    const origin = { ...PLACES.bellecour, sort: 'distance' };
    const small = await allPages(origin, 40);
    const large = await allPages(origin, 100);
    expect(small.total).toBe(VISIBLE);
    expect(small.hits).toHaveLength(VISIBLE);
    expect(new Set(small.hits.map((h) => h.id)).size).toBe(VISIBLE);
    expect(small.hits.map((h) => h.id)).toEqual(large.hits.map((h) => h.id));
    const order = small.hits.map((h) => h.shop.slug).filter((s, i, all) => s !== all[i - 1]);
    expect(order).toEqual(['papeterie-perrache', 'fournil-croix-rousse', 'cycles-villeurbanne', 'boulangerie-givors']);
    for (let i = 1; i < small.hits.length; i++) expect(small.hits[i].distanceKm).toBeGreaterThanOrEqual(small.hits[i - 1].distanceKm);

    const baguettes = await ok({ q: 'baguette', ...origin });
    expect(baguettes.hits.map((h: any) => h.title)).toEqual(['Baguette tradition', 'Baguette de campagne']);
    expect(baguettes.total).toBe(2);
    const filtered = await ok({ ...origin, commune: 'Villeurbanne', perPage: 2, page: 2 });
    expect(filtered).toMatchObject({ total: 3, page: 2, perPage: 2 });
    expect(filtered.hits).toHaveLength(1);
    expect(filtered.facets.commune).toEqual({ Lyon: 254, Villeurbanne: 3, Givors: 1 });
  });

  it('reaches every hit by paging, with an exact total', async () => {
    const ids: string[] = [];
    for (const page of [1, 2, 3]) {
      const body = await ok({ shop: 'papeterie-perrache', perPage: 100, page });
      expect(body).toMatchObject({ total: 250, page, perPage: 100 });
      expect(body.hits).toHaveLength(page < 3 ? 100 : 50);
      ids.push(...body.hits.map((h: any) => h.id));
    }
    expect(new Set(ids).size).toBe(250);
    expect((await ok({ shop: 'papeterie-perrache', perPage: 100, page: 4 })).hits).toEqual([]);
  });

  it.each([
    [{ sort: 'popular' }, 'sort'],
    [{ priceMin: '-5' }, 'priceMin'],
    [{ priceMax: 'dix' }, 'priceMax'],
    [{ priceMin: '20', priceMax: '10' }, 'priceMin'],
    [{ perPage: '101' }, 'perPage'],
    [{ perPage: '0' }, 'perPage'],
    [{ page: '0' }, 'page'],
    [{ page: 'deux' }, 'page'],
    [{ page: '1.5' }, 'page'],
    [{ radiusKm: '3' }, 'radiusKm'],
    [{ lat: '95', lng: '4.8' }, 'lat'],
    [{ lat: '45.7', lng: '190' }, 'lng'],
    [{ lat: '45.7', lng: '4.8', radiusKm: '0' }, 'radiusKm'],
    [{ lat: '45.7', lng: '4.8', radiusKm: '150' }, 'radiusKm'],
    [{ sort: 'distance' }, 'sort'],
    [{ inStock: 'oui' }, 'inStock'],
    [{ q: 'pain '.repeat(41) }, 'q'],
  ])('answers 400 for %j', async (query, param) => {
    const res = await search(query).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining(`« ${param} »`) });
  });

  it('ignores unknown parameters', async () => {
    expect((await ok({ q: 'baguette', utm_source: 'x', foo: ['1', '2'] })).total).toBe(2);
  });

  it('escapes HTML of titles in the highlight', async () => {
    // Meilisearch's tokenizer skips tag-like text, so the match is on a plain word.
    const hit = (await ok({ q: 'maison' })).hits[0];
    expect(hit.title).toBe('Pain <b>spécial</b> & "maison" <script>alert(1)</script>');
    expect(hit.highlight.title).toBe('Pain &lt;b&gt;spécial&lt;/b&gt; &amp; &quot;<mark>maison</mark>&quot; &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('cannot be steered by a filter value', async () => {
    for (const commune of ['Lyon" OR shop.id EXISTS', 'Lyon\\" OR shop.id EXISTS OR commune = \\"', "Lyon' OR 1=1"]) {
      const body = await ok({ commune });
      expect(body.total).toBe(0);
    }
    expect((await ok({ category: 'x"] OR inStock = true OR category IN ["y' })).total).toBe(0);
    expect((await ok({ shop: '" OR shop.id EXISTS OR shop.slug = "' })).total).toBe(0);
  });

  it('suggests shops, categories and products as the resident types', async () => {
    const res = await request(server).get('/api/suggest').query({ q: 'vél' }).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    expect(res.body.suggestions).toEqual(
      expect.arrayContaining([
        { type: 'category', label: 'Vélos' },
        { type: 'product', label: 'Vélo de ville électrique', url: `/go/${idOf('velo')}` },
      ]),
    );
    const bag = (await request(server).get('/api/suggest').query({ q: 'bag' }).expect(200)).body.suggestions;
    expect(bag.map((s: any) => s.label).sort()).toEqual(['Baguette de campagne', 'Baguette tradition']);
    const shop = (await request(server).get('/api/suggest').query({ q: 'fournil' }).expect(200)).body.suggestions;
    expect(shop[0]).toEqual({ type: 'shop', label: 'Fournil de la Croix-Rousse', slug: 'fournil-croix-rousse' });
    expect((await request(server).get('/api/suggest').query({ q: 'carnet' }).expect(200)).body.suggestions).toHaveLength(8);
    expect((await request(server).get('/api/suggest').query({ q: 'b' }).expect(200)).body).toEqual({ suggestions: [] });
    expect((await request(server).get('/api/suggest').query({ q: 'endormie' }).expect(200)).body).toEqual({ suggestions: [] });
  });
});

describe('distance order with more shops than one facet query counts', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  const SHOPS = 230;

  beforeAll(async () => {
    env = await testEnvironment('pglite');
    app = await env.start();
    const items: Array<{ shop: ShopSummary; products: NormalizedProduct[] }> = [];
    for (let i = 0; i < SHOPS; i++) {
      // Spread along a line east of Bellecour, in shuffled creation order.
      const k = (i * 97) % SHOPS;
      const shop = await createShop(app, {
        key: `boutique-${k}`,
        name: `Boutique ${k}`,
        commune: 'Lyon',
        postalCode: '69003',
        at: { lat: PLACES.bellecour.lat, lng: PLACES.bellecour.lng + k * 0.001 },
        syncedHoursAgo: 1,
      });
      items.push({ shop: shop.summary, products: Array.from({ length: 1 + (k % 3) }, (_, j) => product(`p${j}`, `Bougie parfumée ${k}-${j}`, { category: 'Maison' })) });
    }
    await indexProducts(app, items);
  });
  afterAll(async () => env.dispose());

  it('pages through every shop, nearest first', async () => {
    const server = app.getHttpServer();
    const hits: any[] = [];
    let total = 0;
    for (let page = 1; page < 20; page++) {
      const body = (await request(server).get('/api/search').query({ q: 'bougie', ...PLACES.bellecour, sort: 'distance', perPage: 50, page }).expect(200)).body;
      total = body.total;
      if (!body.hits.length) break;
      hits.push(...body.hits);
    }
    const expected = Array.from({ length: SHOPS }, (_, k) => 1 + (k % 3)).reduce((a, b) => a + b, 0);
    expect(total).toBe(expected);
    expect(hits).toHaveLength(expected);
    expect(new Set(hits.map((h) => h.id)).size).toBe(expected);
    const shopOrder = hits.map((h) => h.shop.slug).filter((s, i, all) => s !== all[i - 1]);
    expect(shopOrder).toEqual(Array.from({ length: SHOPS }, (_, k) => `boutique-${k}`));
  });
});
