import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { get as httpGet, IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { CatalogWriter } from '../../src/catalog/catalog-writer.service';
import { toDocument } from '../../src/catalog/product-document';
import { PrismaService } from '../../src/database/prisma.service';
import { ShopDirectory } from '../../src/shops/shop-directory.service';
import { testEnvironment, TestEnvironment } from '../support/test-app';

/**
 * The residents' search and suggestions are served in front of Express (serveDirectly).
 * These tests hold them to what Express gave every other route: the same security
 * headers, compression, the public rate limit, metrics and error shape.
 * Real application, Meilisearch and PGlite; nothing mocked.
 */
describe('search endpoints over HTTP', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let server: any;
  const LIMIT = 5;

  beforeAll(async () => {
    env = await testEnvironment('pglite', { PUBLIC_RATE_LIMIT: String(LIMIT) });
    app = await env.start();
    server = app.getHttpServer();
    const shop = await app.get(PrismaService).shop.create({
      data: {
        slug: 'fournil-croix-rousse',
        name: 'Fournil de la Croix-Rousse',
        address: '4 place de la Croix-Rousse',
        postalCode: '69004',
        communeCode: '69123',
        communeName: 'Lyon',
        lat: 45.7772,
        lng: 4.8302,
        platform: 'feed',
        sourceUrl: 'https://fournil.example/flux.csv',
        syncIntervalMinutes: 60,
        status: 'approved',
        lastSuccessAt: new Date(),
      },
    });
    const summary = { id: shop.id, slug: shop.slug, name: shop.name, commune: shop.communeName };
    const products = Array.from({ length: 30 }, (_, i) => ({
      externalId: `pain-${i}`,
      title: `Baguette tradition n°${i}`,
      description: 'Farine de blé du Lyonnais, levain naturel, cuite au feu de bois chaque matin. '.repeat(4),
      price: 1.3 + i,
      currency: 'EUR',
      inStock: true,
      variants: [],
      imageUrls: [],
      productUrl: `https://fournil.example/p/pain-${i}`,
      categoryPath: ['Pains'],
      tags: [],
      priceMin: 1.3 + i,
      priceMax: 1.3 + i,
    }));
    await app.get(CatalogWriter).replace(products.map((p) => toDocument(p, summary, new Date('2026-01-01T00:00:00Z'))));
    app.get(ShopDirectory).invalidate();
  });
  afterAll(async () => env.dispose());

  /** Each test is its own client, so the rate limit of one does not spill into another. */
  let client = 0;
  const from = () => `203.0.113.${++client}`;
  const get = (path: string, ip = from()) => request(server).get(path).set('X-Forwarded-For', ip);
  /** The bytes as they travel (supertest would decompress them). */
  const rawGet = async (path: string, headers: Record<string, string>) => {
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      httpGet({ host: '127.0.0.1', port: server.address().port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  };

  it('answers with the security headers Express gives every other route', async () => {
    const viaExpress = await get('/api/shops').expect(200);
    // Plain answer (supertest asks for gzip by default): its length can be checked.
    const search = await get('/api/search?q=baguete').set('Accept-Encoding', 'identity').expect(200);
    expect(search.body.total).toBe(30);
    for (const name of ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'strict-transport-security', 'referrer-policy', 'cross-origin-opener-policy']) {
      expect(viaExpress.headers[name]).toBeTruthy();
      expect(search.headers[name]).toBe(viaExpress.headers[name]);
    }
    expect(search.headers['x-powered-by']).toBeUndefined();
    expect(search.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(search.headers['cache-control']).toBe('public, max-age=30');
    expect(Number(search.headers['content-length'])).toBe(Buffer.byteLength(search.text));
  });

  it('reads repeated and unknown parameters as Express did', async () => {
    const body = (await get('/api/search?q=baguette&commune=Lyon&commune=Villeurbanne&perPage=2&page=2&utm_source=x').expect(200)).body;
    expect(body).toMatchObject({ total: 30, page: 2, perPage: 2, facets: { commune: { Lyon: 30 } } });
    expect(body.hits).toHaveLength(2);
  });

  it('compresses for clients that accept gzip', async () => {
    const res = await rawGet('/api/search?q=baguette&perPage=30', { 'Accept-Encoding': 'gzip', 'X-Forwarded-For': from() });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    const text = gunzipSync(res.body).toString('utf8');
    expect(JSON.parse(text).hits).toHaveLength(30);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(text) / 2);
  });

  it('rejects bad parameters with the usual error shape, which shared caches must not keep', async () => {
    const res = await get('/api/search?perPage=500').expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('perPage') });
    expect(res.headers['cache-control']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBeTruthy();
    const suggest = await get(`/api/suggest?q=${'x'.repeat(500)}`).expect(400);
    expect(suggest.body.statusCode).toBe(400);
  });

  it('limits each client to PUBLIC_RATE_LIMIT requests a minute, with Retry-After', async () => {
    const ip = from();
    for (let i = 1; i <= LIMIT; i++) {
      const res = await get(`/api/suggest?q=bag${i}`, ip).expect(200);
      expect(res.headers['x-ratelimit-limit']).toBe(String(LIMIT));
      expect(res.headers['x-ratelimit-remaining']).toBe(String(LIMIT - i));
    }
    const blocked = await get('/api/suggest?q=bag', ip).expect(429);
    expect(blocked.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Search keeps its own count, as each route did behind the guard; another client is not held back.
    await get('/api/search?q=bag', ip).expect(200);
    await get('/api/suggest?q=bag').expect(200);
  });

  it('counts its requests in the metrics under the route pattern', async () => {
    await get('/api/suggest?q=baguette').expect(200);
    await get('/api/search?sort=nowhere').expect(400);
    const metrics = (await request(server).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/vitrines_http_requests_total\{method="GET",route="\/api\/suggest",status="200"\} [1-9]/);
    expect(metrics).toMatch(/vitrines_http_requests_total\{method="GET",route="\/api\/search",status="400"\} [1-9]/);
    expect(metrics).toMatch(/vitrines_http_request_duration_seconds_count\{method="GET",route="\/api\/search"\} [1-9]/);
  });

  it('leaves other methods and paths to Express', async () => {
    await request(server).head('/api/search?q=baguette').set('X-Forwarded-For', from()).expect(200);
    await request(server).post('/api/search').set('X-Forwarded-For', from()).expect(404);
    const trailing = await get('/api/search/?q=baguette').expect(200);
    expect(trailing.body.total).toBe(30);
  });
});
