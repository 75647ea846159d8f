import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import { CatalogWriter } from '../../src/catalog/catalog-writer.service';
import { ProductDocument, ShopSummary, toDocument } from '../../src/catalog/product-document';
import { ClickCounter } from '../../src/clicks/click-counter.service';
import { ClickRepository } from '../../src/clicks/click.repository';
import { PrismaService } from '../../src/database/prisma.service';
import { ShopDirectory } from '../../src/shops/shop-directory.service';
import { databaseTargets } from '../support/test-database';
import { testEnvironment, TestEnvironment } from '../support/test-app';

/**
 * Real: the application, Meilisearch (an index of this suite's own), PGlite and PostgreSQL
 * (when TEST_DATABASE_URL is set). Products are written as the sync engine writes them.
 */
describe.each(databaseTargets)('click-out on %s', (target) => {
  let env: TestEnvironment;
  let app: INestApplication;
  let docs: ProductDocument[];
  let openShop: ShopSummary;
  let staleShop: ShopSummary;

  beforeAll(async () => {
    env = await testEnvironment(target);
    app = await env.start();
    openShop = await createShop(app, 'fournil-croix-rousse', 'approved', 1);
    staleShop = await createShop(app, 'epicerie-endormie', 'approved', 30 * 24);
    const pendingShop = await createShop(app, 'boutique-en-attente', 'pending', 1);
    docs = [
      toDocument(product('baguette', 'https://fournil.example/produits/baguette?ref=12&lang=fr&q=a%20b#details'), openShop, new Date()),
      toDocument(product('promo', 'https://fournil.example/p/promo?utm_source=facebook&utm_medium=social&utm_campaign=noel'), openShop, new Date()),
      toDocument(product('bizarre', 'javascript:alert(1)'), openShop, new Date()),
      toDocument(product('hier', 'https://epicerie.example/p/hier'), staleShop, new Date()),
      toDocument(product('attente', 'https://attente.example/p/attente'), pendingShop, new Date()),
    ];
    await app.get(CatalogWriter).replace(docs);
    app.get(ShopDirectory).invalidate();
  });
  afterAll(async () => env.dispose());

  const idOf = (externalId: string) => docs.find((d) => d.externalId === externalId)!.id;
  const clickRows = (a: INestApplication) => a.get(PrismaService).click.findMany({ orderBy: { productId: 'asc' } });

  it('redirects to the stored product page with UTM parameters, keeping its own query and fragment', async () => {
    const res = await request(app.getHttpServer()).get(`/go/${idOf('baguette')}`).expect(302);
    expect(res.headers.location).toBe('https://fournil.example/produits/baguette?ref=12&lang=fr&q=a%20b&utm_source=vitrines&utm_medium=referral#details');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer-when-downgrade');
    expect(res.headers['set-cookie']).toBeUndefined();

    const promo = new URL((await request(app.getHttpServer()).get(`/go/${idOf('promo')}`).expect(302)).headers.location);
    expect(promo.searchParams.getAll('utm_source')).toEqual(['vitrines']);
    expect(promo.searchParams.getAll('utm_medium')).toEqual(['referral']);
    expect(promo.searchParams.get('utm_campaign')).toBe('noel');
  });

  it('answers 404 for unknown ids, odd ids, hidden shops and unusable stored URLs', async () => {
    const server = app.getHttpServer();
    for (const path of [
      `/go/${openShop.id}-nope`,
      '/go/abc%2Fdef',
      '/go/..%2F..%2Fhealth',
      '/go/a%22b',
      `/go/${'x'.repeat(600)}`,
      `/go/${idOf('hier')}`,
      `/go/${idOf('attente')}`,
      `/go/${idOf('bizarre')}`,
    ]) {
      const res = await request(server).get(path).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect(res.headers.location).toBeUndefined();
    }
  });

  it('cannot be steered by anything in the request', async () => {
    const server = app.getHttpServer();
    const plain = (await request(server).get(`/go/${idOf('baguette')}`).expect(302)).headers.location;
    for (const query of ['?url=https://evil.example', '?next=//evil.example&redirect=https://evil.example', '?utm_source=evil']) {
      expect((await request(server).get(`/go/${idOf('baguette')}${query}`).expect(302)).headers.location).toBe(plain);
    }
    expect((await request(server).get(`/go/${idOf('baguette')}`).set('Host', 'evil.example').set('Referer', 'https://evil.example').expect(302)).headers.location).toBe(plain);
    for (const path of ['/go//evil.example', '/go/%2F%2Fevil.example', '/go/https:%2F%2Fevil.example', '/go/\\evil.example']) {
      const res = await request(server).get(path);
      expect(res.status).toBe(404);
      expect(res.headers.location).toBeUndefined();
    }
  });

  it('counts clicks per product and day, written in batches and at shutdown, with nothing personal', async () => {
    await app.get(ClickCounter).flush();
    await app.get(PrismaService).click.deleteMany({});
    const server = app.getHttpServer();
    await request(server).get(`/go/${idOf('baguette')}`).expect(302);
    await request(server).get(`/go/${idOf('baguette')}?x=1`).expect(302);
    await request(server).get(`/go/${idOf('promo')}`).expect(302);
    await request(server).head(`/go/${idOf('promo')}`).expect(302);
    await request(server).get(`/go/${idOf('hier')}`).expect(404);
    await app.get(ClickCounter).flush();
    const today = parisToday();
    const rows = await clickRows(app);
    expect(rows.map((r) => ({ ...r, day: r.day.toISOString().slice(0, 10) }))).toEqual(
      [
        { productId: idOf('baguette'), shopId: openShop.id, day: today, count: 2 },
        { productId: idOf('promo'), shopId: openShop.id, day: today, count: 1 },
      ].sort((a, b) => (a.productId < b.productId ? -1 : 1)),
    );

    // Clicks still buffered when the server stops are written before the database closes.
    await request(server).get(`/go/${idOf('baguette')}`).expect(302);
    await app.close();
    app = await env.start();
    const counts = await app.get(ClickRepository).countsByShop(openShop.id, today);
    expect(counts.find((c) => c.productId === idOf('baguette'))).toEqual({ productId: idOf('baguette'), shopId: openShop.id, day: today, count: 3 });
    expect(await app.get(ClickRepository).countsByShop(staleShop.id, today)).toEqual([]);
  });
});

async function createShop(app: INestApplication, slug: string, status: 'approved' | 'pending', syncedHoursAgo: number): Promise<ShopSummary> {
  const row = await app.get(PrismaService).shop.create({
    data: {
      slug,
      name: slug,
      address: '1 rue de la République',
      postalCode: '69002',
      communeCode: '69123',
      communeName: 'Lyon',
      lat: 45.7578,
      lng: 4.832,
      platform: 'feed',
      sourceUrl: `https://${slug}.example/flux.csv`,
      syncIntervalMinutes: 60,
      status,
      lastSuccessAt: new Date(Date.now() - syncedHoursAgo * 3_600_000),
    },
  });
  return { id: row.id, slug: row.slug, name: row.name, commune: row.communeName };
}

function product(externalId: string, productUrl: string): NormalizedProduct {
  return {
    externalId,
    title: `Produit ${externalId}`,
    description: '',
    price: 2,
    priceMin: 2,
    priceMax: 2,
    currency: 'EUR',
    inStock: true,
    variants: [],
    imageUrls: [],
    productUrl,
    categoryPath: [],
    tags: [],
  };
}

function parisToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
