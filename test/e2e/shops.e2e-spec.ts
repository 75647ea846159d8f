import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CatalogWriter } from '../../src/catalog/catalog-writer.service';
import type { ProductDocument } from '../../src/catalog/product-document';
import { SearchEngine } from '../../src/catalog/search-engine';
import { PrismaService } from '../../src/database/prisma.service';
import { CredentialsCipher } from '../../src/shops/credentials.cipher';
import { isUniqueViolation } from '../../src/shops/shop.repository';
import { databaseTargets } from '../support/test-database';
import { testEnvironment, TestEnvironment } from '../support/test-app';

/**
 * Real: the whole Nest application over HTTP, Meilisearch (bundled binary, an index of
 * this suite's own), PGlite and PostgreSQL (when TEST_DATABASE_URL is set). Nothing is mocked.
 */
describe.each(databaseTargets)('shops on %s', (target) => {
  let env: TestEnvironment;
  let app: INestApplication;
  let server: any;
  let auth: { Authorization: string };
  let prisma: PrismaService;

  const WOO_KEY = 'ck_live_4f1c2e9a7b';
  const WOO_SECRET = 'cs_live_9d8e7f6a5b';
  const PRESTA_KEY = 'PRESTAKEY7Q2W9E4R1T';

  const shop = (overrides: Record<string, unknown> = {}) => ({
    name: 'Fromagerie des Canuts',
    address: '12 Grande Rue',
    postalCode: '69300',
    commune: 'caluire et cuire',
    website: 'https://fromagerie.example',
    platform: 'woocommerce',
    sourceUrl: 'https://fromagerie.example/',
    credentials: { consumerKey: WOO_KEY, consumerSecret: WOO_SECRET },
    ...overrides,
  });
  const create = (body: unknown) => request(server).post('/api/admin/shops').set(auth).send(body as object);
  const indexedIds = async () => {
    const index = app.get(SearchEngine).client.index(env.config.meili.index);
    return (await index.getDocuments<ProductDocument>({ limit: 1000, fields: ['id'] })).results.map((d) => d.id).sort();
  };

  beforeAll(async () => {
    env = await testEnvironment(target);
    app = await env.start();
    server = app.getHttpServer();
    auth = { Authorization: `Bearer ${env.config.adminToken}` };
    prisma = app.get(PrismaService);
  });
  afterAll(async () => env.dispose());

  it('refuses every admin action without the admin token, or with a wrong one', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const headers of [{}, { Authorization: 'Bearer not-the-token-at-all' }, { Authorization: env.config.adminToken }]) {
      const calls = [
        request(server).post('/api/admin/shops').set(headers).send(shop()),
        request(server).post(`/api/admin/shops/${id}/status`).set(headers).send({ status: 'suspended' }),
        request(server).delete(`/api/admin/shops/${id}/credentials`).set(headers),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
      }
    }
    expect(await prisma.shop.count()).toBe(0);
  });

  it('registers a WooCommerce shop: approved, official commune, commune centre, due for sync, credentials sealed', async () => {
    const before = Date.now();
    const res = await create(shop()).expect(201);
    expect(res.body).toEqual({ id: expect.any(String), slug: 'fromagerie-des-canuts', status: 'approved' });

    const row = await prisma.shop.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row).toMatchObject({
      name: 'Fromagerie des Canuts',
      communeName: 'Caluire-et-Cuire',
      communeCode: '69034',
      postalCode: '69300',
      lat: 45.7953,
      lng: 4.8467,
      status: 'approved',
      platform: 'woocommerce',
      syncIntervalMinutes: 60,
    });
    expect(row.nextSyncAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(row.nextSyncAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const stored = JSON.stringify(row);
    expect(stored).not.toContain(WOO_KEY);
    expect(stored).not.toContain(WOO_SECRET);
    expect(new CredentialsCipher(env.config.secretKey).open(row.credentialsEncrypted!)).toEqual({ consumerKey: WOO_KEY, consumerSecret: WOO_SECRET });
  });

  it('counts an arrondissement as Lyon, and keeps coordinates given by the admin', async () => {
    const seventh = await create(shop({ name: 'Librairie de la Guillotière', commune: 'Lyon 7e', postalCode: '69007', platform: 'feed', sourceUrl: 'https://livres.example/flux.csv', credentials: undefined })).expect(201);
    expect(await prisma.shop.findUniqueOrThrow({ where: { id: seventh.body.id } })).toMatchObject({
      communeName: 'Lyon',
      communeCode: '69123',
      lat: 45.764,
      lng: 4.8357,
      syncIntervalMinutes: 360,
      credentialsEncrypted: null,
    });

    const placed = await create(
      shop({ name: 'Vélos du Plateau', commune: 'LYON 4E ARRONDISSEMENT', postalCode: '69004', platform: 'shopify', credentials: {}, lat: 45.7772, lng: 4.8302, syncIntervalMinutes: 30 }),
    ).expect(201);
    expect(await prisma.shop.findUniqueOrThrow({ where: { id: placed.body.id } })).toMatchObject({ communeName: 'Lyon', lat: 45.7772, lng: 4.8302, syncIntervalMinutes: 30 });
  });

  it.each([
    ['Paris', '75001', /« Paris » n'est pas dans le territoire/],
    ['Vienne', '38200', /« Vienne » n'est pas dans le territoire/],
    ['Caluire-et-Cuire', '69004', /Le code postal 69004 ne correspond pas à la commune « Caluire-et-Cuire » : code postal valide : 69300/],
    ['Lyon', '69300', /codes postaux valides : 69001, 69002/],
    ['Atlantide', '69001', /« Atlantide » est inconnue/],
  ])('answers 422 for the commune %j with postal code %s', async (commune, postalCode, message) => {
    const res = await create(shop({ name: `Boutique ${commune} ${postalCode}`, commune, postalCode })).expect(422);
    expect(res.body).toEqual({ statusCode: 422, error: 'Unprocessable Entity', message: expect.stringMatching(message) });
    expect(await prisma.shop.count({ where: { name: `Boutique ${commune} ${postalCode}` } })).toBe(0);
  });

  it.each([
    ['name', { name: '' }],
    ['address', { address: undefined }],
    ['postalCode', { postalCode: 'ABCDE' }],
    ['commune', { commune: ['Lyon'] }],
    ['website', { website: 'fromagerie.example' }],
    ['sourceUrl', { sourceUrl: 'file:///etc/passwd' }],
    ['platform', { platform: 'wix' }],
    ['syncIntervalMinutes', { syncIntervalMinutes: 2 }],
    ['syncIntervalMinutes', { syncIntervalMinutes: 20000 }],
    ['lat', { lat: 123, lng: 4.8 }],
    ['lng', { lat: 45.76 }],
    ['credentials.consumerSecret', { credentials: { consumerKey: WOO_KEY } }],
    ['credentials.apiKey', { platform: 'prestashop', credentials: undefined }],
    ['credentials', { platform: 'feed' }],
    ['credentials', { platform: 'shopify', credentials: { apiKey: PRESTA_KEY } }],
  ])('answers 400 naming %s', async (field, change) => {
    const res = await create(shop({ name: `Invalide ${field}`, ...change })).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining(`${field} : `) });
    expect(JSON.stringify(res.body)).not.toContain(WOO_KEY);
    expect(JSON.stringify(res.body)).not.toContain(PRESTA_KEY);
    expect(await prisma.shop.count({ where: { name: `Invalide ${field}` } })).toBe(0);
  });

  it('answers 400, not 500, for a body that is not JSON', async () => {
    const res = await request(server).post('/api/admin/shops').set(auth).set('Content-Type', 'application/json').send('{"name":');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('gives two shops of the same name distinct slugs, even when registered at once', async () => {
    const results = await Promise.all([1, 2, 3].map(() => create(shop({ name: 'Café Mokxa', credentials: undefined }))));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(results.map((r) => r.body.slug).sort()).toEqual(['cafe-mokxa', 'cafe-mokxa-2', 'cafe-mokxa-3']);
  });

  it('recognises a slug taken by a concurrent registration as such', async () => {
    const row = await prisma.shop.findFirstOrThrow({ where: { slug: 'cafe-mokxa' } });
    const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = row;
    const error = await prisma.shop.create({ data: { ...copy, runs: undefined, products: undefined } as any }).catch((e) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('lists approved shops by name with their public fields only, never a credential', async () => {
    const presta = await create(shop({ name: 'Atelier Prestige', platform: 'prestashop', credentials: { apiKey: PRESTA_KEY } })).expect(201);
    const list = await request(server).get('/api/shops').expect(200);
    const names = list.body.shops.map((s: any) => s.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'fr')));
    expect(names).toEqual(expect.arrayContaining(['Atelier Prestige', 'Fromagerie des Canuts', 'Librairie de la Guillotière']));
    const listed = list.body.shops.find((s: any) => s.id === presta.body.id);
    expect(listed).toEqual({
      id: presta.body.id,
      slug: 'atelier-prestige',
      name: 'Atelier Prestige',
      commune: 'Caluire-et-Cuire',
      address: '12 Grande Rue',
      postalCode: '69300',
      website: 'https://fromagerie.example',
      platform: 'prestashop',
      productCount: 0,
      lastSyncedAt: null,
      lat: 45.7953,
      lng: 4.8467,
    });

    const one = await request(server).get('/api/shops/atelier-prestige').expect(200);
    expect(one.body).toEqual({
      ...listed,
      lastSuccessAt: null,
      syncIntervalMinutes: 60,
      // The shop card's profile, empty for a shop registered by an admin.
      description: null,
      phone: null,
      openingHours: null,
      pickupPolicy: null,
      localDelivery: null,
    });

    const woo = await request(server).get('/api/shops/fromagerie-des-canuts').expect(200);
    for (const body of [list.text, one.text, woo.text]) {
      for (const secret of [WOO_KEY, WOO_SECRET, PRESTA_KEY, 'credentials', 'v1.']) expect(body).not.toContain(secret);
    }
  });

  it('answers 404 for an unknown slug', async () => {
    const res = await request(server).get('/api/shops/pas-de-boutique-ici').expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
  });

  it('suspending a shop removes its products from the index and hides it; approving brings it back for a full sync', async () => {
    const a = (await create(shop({ name: 'Épicerie Suspendue', credentials: undefined })).expect(201)).body;
    const b = (await create(shop({ name: 'Épicerie Voisine', credentials: undefined })).expect(201)).body;
    await app.get(CatalogWriter).replace([document(a.id, 'p1'), document(a.id, 'p2'), document(b.id, 'p1')]);
    for (const externalId of ['p1', 'p2']) {
      await prisma.productState.create({
        data: { shopId: a.id, externalId, documentId: `${a.id}-${externalId}`, contentHash: 'h', lastSeenRun: a.id, document: {} },
      });
    }
    await prisma.shop.update({ where: { id: a.id }, data: { productCount: 2, changesSince: new Date(), lastFullPassAt: new Date(), sourceEtag: '"v1"' } });
    expect(await indexedIds()).toEqual(expect.arrayContaining([`${a.id}-p1`, `${a.id}-p2`, `${b.id}-p1`]));

    const res = await request(server).post(`/api/admin/shops/${a.id}/status`).set(auth).send({ status: 'suspended', reason: 'Fermeture pour travaux' }).expect(200);
    expect(res.body).toEqual({ id: a.id, slug: 'epicerie-suspendue', status: 'suspended' });

    const ids = await indexedIds();
    expect(ids).not.toContain(`${a.id}-p1`);
    expect(ids).not.toContain(`${a.id}-p2`);
    expect(ids).toContain(`${b.id}-p1`);
    expect(await prisma.productState.count({ where: { shopId: a.id } })).toBe(0);
    expect(await prisma.shop.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      status: 'suspended',
      statusReason: 'Fermeture pour travaux',
      productCount: 0,
      changesSince: null,
      lastFullPassAt: null,
      sourceEtag: null,
    });
    const list = await request(server).get('/api/shops').expect(200);
    expect(list.body.shops.map((s: any) => s.id)).not.toContain(a.id);
    expect(list.body.shops.map((s: any) => s.id)).toContain(b.id);
    const hidden = await request(server).get('/api/shops/epicerie-suspendue').expect(404);
    expect(hidden.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });

    const approved = await request(server).post(`/api/admin/shops/${a.id}/status`).set(auth).send({ status: 'approved' }).expect(200);
    expect(approved.body.status).toBe('approved');
    expect((await prisma.shop.findUniqueOrThrow({ where: { id: a.id } })).nextSyncAt.getTime()).toBeLessThanOrEqual(Date.now());
    await request(server).get('/api/shops/epicerie-suspendue').expect(200);
  });

  it('rejecting a shop hides it too', async () => {
    const r = (await create(shop({ name: 'Boutique Refusée', credentials: undefined })).expect(201)).body;
    await request(server).post(`/api/admin/shops/${r.id}/status`).set(auth).send({ status: 'rejected' }).expect(200);
    const list = await request(server).get('/api/shops').expect(200);
    expect(list.body.shops.map((s: any) => s.id)).not.toContain(r.id);
  });

  it('disconnecting forgets the credentials, removes the products and suspends the shop with a reason', async () => {
    const d = (await create(shop({ name: 'Quincaillerie Déconnectée' })).expect(201)).body;
    await app.get(CatalogWriter).replace([document(d.id, 'x1')]);
    const res = await request(server).delete(`/api/admin/shops/${d.id}/credentials`).set(auth).expect(200);
    expect(res.body).toEqual({ id: d.id, slug: 'quincaillerie-deconnectee', status: 'suspended' });
    expect(await indexedIds()).not.toContain(`${d.id}-x1`);
    const row = await prisma.shop.findUniqueOrThrow({ where: { id: d.id } });
    expect(row).toMatchObject({ status: 'suspended', credentialsEncrypted: null, statusReason: expect.stringMatching(/déconnectée/) });
  });

  it('answers 400 for an id that is not a UUID, 404 for an unknown shop, 400 for a bad status', async () => {
    const bad = await request(server).post('/api/admin/shops/42/status').set(auth).send({ status: 'suspended' }).expect(400);
    expect(bad.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('id') });
    await request(server).delete('/api/admin/shops/not-a-uuid/credentials').set(auth).expect(400);
    const unknown = '3f1d9c6e-0b7a-4c2e-9f3a-5d8e7c6b5a41';
    const missing = await request(server).post(`/api/admin/shops/${unknown}/status`).set(auth).send({ status: 'suspended' }).expect(404);
    expect(missing.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
    await request(server).delete(`/api/admin/shops/${unknown}/credentials`).set(auth).expect(404);
    const some = (await request(server).get('/api/shops').expect(200)).body.shops[0];
    const status = await request(server).post(`/api/admin/shops/${some.id}/status`).set(auth).send({ status: 'closed' }).expect(400);
    expect(status.body.message).toMatch(/^status : /);
  });
});

function document(shopId: string, externalId: string): ProductDocument {
  return {
    id: `${shopId}-${externalId}`,
    externalId,
    title: `Produit ${externalId}`,
    description: '',
    price: 12.5,
    priceMax: 12.5,
    compareAtPrice: null,
    currency: 'EUR',
    inStock: true,
    quantity: null,
    imageUrl: null,
    imageUrls: [],
    productUrl: `https://shop.example/${externalId}`,
    category: null,
    categoryPath: [],
    brand: null,
    gtin: null,
    tags: [],
    variantCount: 1,
    options: {},
    shop: { id: shopId, slug: 'x', name: 'X', commune: 'Caluire-et-Cuire' },
    commune: 'Caluire-et-Cuire',
    updatedAt: 1_700_000_000,
  };
}
