/**
 * The Shopify connector against a local shop speaking Shopify's wire formats.
 * Real: the connector, the hardened HTTP client, HTTP over loopback, the mapper and
 * validation. Fake: only the merchant's shop (test/servers/shopify-server.ts), and the
 * connector's clock and sleep where throttling is checked, so no test waits on time.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectorContext, ProductBatch, ReadSummary } from '../../connectors/core/connector';
import { ClosableHttpClient, createHttpClient } from '../../connectors/core/axios-http-client';
import { ConnectorError } from '../../connectors/core/errors';
import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import { ShopifyConnector, ShopifyConnectorOptions } from '../../connectors/shopify/shopify.connector';
import { demoCatalogue, DemoProduct } from '../servers/demo-catalogue';
import { ShopifyServer, startShopifyServer } from '../servers/shopify-server';

/** 45 demo products, with the cases every test relies on pinned down explicitly. */
function catalogue(): DemoProduct[] {
  const products = demoCatalogue(45, 1);
  products[3].published = false; // even id: a draft
  products[4].published = false; // odd id: active but hidden from the online store
  Object.assign(products[6], { title: 'Crème brûlée à l’érable', variants: [], inStock: false, quantity: 0, published: true });
  Object.assign(products[7], {
    published: true,
    inStock: true,
    variants: ['S', 'M', 'L'].flatMap((taille, i) =>
      ['Bleu', 'Rouge'].map((couleur, j) => ({ id: products[7].id * 10 + i * 2 + j, options: { Taille: taille, Couleur: couleur }, price: 20 + i, inStock: i === 1, quantity: i === 1 ? 2 : 0, sku: `PULL-${taille}-${couleur}` })),
    ),
  });
  return products;
}

const published = (products: DemoProduct[]) => products.filter((p) => p.published);

async function readAll(gen: AsyncGenerator<ProductBatch, ReadSummary, void>) {
  const batches: ProductBatch[] = [];
  for (;;) {
    const step = await gen.next();
    if (step.done) return { batches, summary: step.value, products: batches.flatMap((b) => b.products) };
    batches.push(step.value);
  }
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ConnectorError) return e;
    throw e;
  }
  throw new Error('expected a ConnectorError');
}

describe('Shopify connector against a local Shopify shop', () => {
  let server: ShopifyServer;
  let http: ClosableHttpClient;
  let ctx: ConnectorContext;
  let demo: DemoProduct[];
  // A fake clock that only moves when the connector sleeps: waits are observed, never spent.
  const sleeps: number[] = [];
  let clock = 0;
  const options: ShopifyConnectorOptions = {
    storefrontPageSize: 10,
    admin: {
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      now: () => clock,
    },
  };
  const connector = new ShopifyConnector(options);
  const storefront = () => ({ url: server.url });
  const admin = (accessToken = server.accessToken) => ({ url: `${server.url}/`, credentials: { accessToken } });

  beforeEach(async () => {
    demo = catalogue();
    server = await startShopifyServer({ products: demo });
    http = createHttpClient({ allowPrivateHosts: true, retries: 0, requestsPerSecond: 1000, concurrency: 4 });
    ctx = { http };
    sleeps.length = 0;
  });

  afterEach(async () => {
    http.close();
    await server.close();
  });

  function checkAgainstDemo(products: NormalizedProduct[]) {
    const expected = published(demo);
    expect(products.map((p) => p.externalId).sort()).toEqual(expected.map((p) => String(p.id)).sort());
    for (const p of products) {
      const source = expected.find((d) => String(d.id) === p.externalId)!;
      expect(p.title).toBe(source.title);
      expect(p.description).not.toMatch(/[<>]/);
      expect(p.description).toContain('fait à Lyon');
      expect(p.description).toContain('Produit local & de saison');
      expect(p.inStock).toBe(source.variants.length ? source.variants.some((v) => v.inStock) : source.inStock);
      expect(p.productUrl).toBe(`${server.url}/products/${source.handle}`);
      expect(p.imageUrls).toEqual([`${server.url}${source.imagePath}`]);
      expect(p.categoryPath).toEqual([source.category]);
      expect(p.brand).toBe(source.brand);
    }
  }

  describe('without credentials: the public storefront products.json', () => {
    it('reads every published product, page by page, one batch per page', async () => {
      const { batches, summary, products } = await readAll(connector.products(storefront(), {}, ctx));
      expect(batches).toHaveLength(Math.ceil(published(demo).length / 10));
      expect(batches.every((b) => b.products.length <= 10)).toBe(true);
      expect(summary).toEqual({ incremental: false });
      checkAgainstDemo(products);
      expect(products.map((p) => p.externalId)).not.toContain(String(demo[3].id));
      expect(products.map((p) => p.externalId)).not.toContain(String(demo[4].id));
    });

    it('groups variants under their product, keeps accents and detects out-of-stock products', async () => {
      const { products } = await readAll(connector.products(storefront(), {}, ctx));
      const pull = products.find((p) => p.externalId === String(demo[7].id))!;
      expect(pull.variants).toHaveLength(6);
      expect(pull.variants.map((v) => v.options)).toContainEqual({ Taille: 'M', Couleur: 'Rouge' });
      expect([pull.priceMin, pull.priceMax, pull.inStock]).toEqual([20, 22, true]);
      const creme = products.find((p) => p.externalId === String(demo[6].id))!;
      expect(creme.title).toBe('Crème brûlée à l’érable');
      expect(creme.inStock).toBe(false);
      expect(creme.variants).toEqual([]);
    });

    it('ignores since: the storefront cannot filter by date, so the pass is a full one', async () => {
      const { summary, products } = await readAll(connector.products(storefront(), { since: new Date('2030-01-01') }, ctx));
      expect(summary.incremental).toBe(false);
      expect(products).toHaveLength(published(demo).length);
    });

    it('stops with pagination_loop when the shop serves the same page forever', async () => {
      server.faults.ignorePaging = true;
      const err = await failure(readAll(connector.products(storefront(), {}, ctx)));
      expect(err.kind).toBe('pagination_loop');
    });

    it('fails the read as server_error when a page answers 500, after yielding the pages before it', async () => {
      server.faults.failPage = 2;
      const gen = connector.products(storefront(), {}, ctx);
      expect((await gen.next()).value).toHaveProperty('products');
      expect((await failure(gen.next())).kind).toBe('server_error');
    });

    it('reports an HTML page instead of JSON as bad_format', async () => {
      server.faults.htmlInsteadOfJson = true;
      expect((await failure(readAll(connector.products(storefront(), {}, ctx)))).kind).toBe('bad_format');
    });
  });

  describe('with an access token: the Admin GraphQL API', () => {
    it('reads active products published to the online store, with the token and the filter', async () => {
      const { batches, summary, products } = await readAll(connector.products(admin(), {}, ctx));
      expect(summary).toEqual({ incremental: false });
      expect(batches.length).toBeGreaterThan(1);
      checkAgainstDemo(products);
      const queries = server.requests.filter((r) => r.operation === 'products');
      expect(queries).toHaveLength(batches.length);
      expect(queries[0].path).toBe('/admin/api/2025-01/graphql.json');
      expect(queries[0].variables?.query).toBe('status:active published_status:published');
      const pull = products.find((p) => p.externalId === String(demo[7].id))!;
      expect(pull.variants.map((v) => [v.options, v.quantity, v.inStock])).toContainEqual([{ Taille: 'M', Couleur: 'Bleu' }, 2, true]);
      expect(pull.quantity).toBe(4);
    });

    it('reads incrementally with since, including a price change made after the full pass', async () => {
      await readAll(connector.products(admin(), {}, ctx));
      const since = new Date(demo[39].updatedAt);
      const changedId = demo[10].id;
      server.setPrice(changedId, 99.9);
      const { summary, products } = await readAll(connector.products(admin(), { since }, ctx));
      expect(summary.incremental).toBe(true);
      const expected = published(demo).filter((p) => p.updatedAt > demo[39].updatedAt).map((p) => String(p.id));
      expect(products.map((p) => p.externalId).sort()).toEqual([...expected, String(changedId)].sort());
      expect(products.find((p) => p.externalId === String(changedId))?.price).toBe(99.9);
      const last = server.requests.filter((r) => r.operation === 'products').pop();
      expect(last?.variables?.query).toMatch(/updated_at:>'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z'$/);
    });

    it('no longer lists a product removed from the shop', async () => {
      server.removeProduct(demo[0].id);
      const { products } = await readAll(connector.products(admin(), {}, ctx));
      expect(products.map((p) => p.externalId)).not.toContain(String(demo[0].id));
      expect(products).toHaveLength(published(demo).length - 1);
    });

    it('waits and retries when Shopify answers THROTTLED', async () => {
      server.faults.throttleOnce = true;
      const { products } = await readAll(connector.products(admin(), {}, ctx));
      expect(products).toHaveLength(published(demo).length);
      expect(sleeps).toHaveLength(1);
      expect(sleeps[0]).toBeGreaterThan(0);
      const queries = server.requests.filter((r) => r.operation === 'products');
      expect(queries[0].variables).toEqual(queries[1].variables);
    });

    it('waits before a request when the cost bucket is too low to pay for it', async () => {
      server.faults.reportAvailable = 40;
      const { batches } = await readAll(connector.products(admin(), {}, ctx));
      // One wait before each request after the first: (requested cost − 40 points) at 1000 points/s.
      const requested = 2 + 8 * 117 + 1;
      expect(sleeps).toEqual(Array(batches.length - 1).fill(Math.ceil(((requested - 40) / 1000) * 1000)));
    });

    it('asks for fewer products per page when the query costs more than Shopify allows', async () => {
      await server.close();
      server = await startShopifyServer({ products: demo, maxQueryCost: 500 });
      const { products } = await readAll(connector.products(admin(), {}, ctx));
      expect(products).toHaveLength(published(demo).length);
      const firsts = server.requests.filter((r) => r.operation === 'products').map((r) => r.variables?.first);
      expect(firsts.slice(0, 2)).toEqual([8, 4]);
    });

    it('fetches the remaining variants of a product with more than one page of them', async () => {
      const big = { ...demo[7], id: 999_001, handle: 'nuancier-de-soie', title: 'Nuancier de soie', published: true };
      big.variants = Array.from({ length: 230 }, (_, i) => ({ id: 9_990_010_000 + i, options: { Teinte: `Teinte ${i + 1}` }, price: 5 + (i % 7), inStock: i === 229, quantity: i === 229 ? 1 : 0, sku: `T-${i}` }));
      server.addProduct(big);
      const { products } = await readAll(connector.products(admin(), {}, ctx));
      const p = products.find((x) => x.externalId === '999001')!;
      expect(p.variants).toHaveLength(230);
      expect(new Set(p.variants.map((v) => v.externalId)).size).toBe(230);
      expect(p.inStock).toBe(true);
      expect(server.requests.filter((r) => r.operation === 'variants')).toHaveLength(2);
    });

    it('stops with pagination_loop when the cursor never moves', async () => {
      server.faults.ignorePaging = true;
      expect((await failure(readAll(connector.products(admin(), {}, ctx)))).kind).toBe('pagination_loop');
    });

    it('refuses a wrong token as auth_refused, with a French diagnosis for the merchant', async () => {
      const err = await failure(readAll(connector.products(admin('shpat_wrong'), {}, ctx)));
      expect(err.kind).toBe('auth_refused');
      expect(err.needsMerchant).toBe(true);
      expect(err.diagnosis).toMatch(/identifiants/);
      expect(err.message).not.toContain('shpat_wrong');
    });

    it('reports an HTML page instead of JSON as bad_format', async () => {
      server.faults.htmlInsteadOfJson = true;
      expect((await failure(readAll(connector.products(admin(), {}, ctx)))).kind).toBe('bad_format');
    });
  });

  describe('probe', () => {
    it('storefront: ok with up to five normalized samples', async () => {
      const result = await connector.probe(storefront(), ctx);
      expect(result).toMatchObject({ ok: true, platform: 'shopify', skippedSamples: [] });
      expect(result.samples).toHaveLength(5);
      expect(result.productCount).toBeUndefined();
      expect(server.requests[0].path).toBe('/products.json?limit=10&page=1');
    });

    it('storefront: a small shop gives its count, and products it cannot use as skipped samples', async () => {
      await server.close();
      const small = published(demo).slice(0, 3);
      Object.assign(small[1], { price: 0, variants: [] });
      server = await startShopifyServer({ products: small });
      const result = await connector.probe(storefront(), ctx);
      expect(result).toMatchObject({ ok: true, productCount: 3, skippedSamples: [{ externalId: String(small[1].id), reason: 'prix manquant ou invalide' }] });
      expect(result.samples.map((p) => p.externalId)).toEqual([String(small[0].id), String(small[2].id)]);
    });

    it('Admin API: ok with the count of published products', async () => {
      const result = await connector.probe(admin(), ctx);
      expect(result).toMatchObject({ ok: true, productCount: published(demo).length });
      expect(result.samples).toHaveLength(5);
    });

    it('never throws: a wrong token gives a French diagnosis', async () => {
      const result = await connector.probe(admin('shpat_wrong'), ctx);
      expect(result).toMatchObject({ ok: false, errorKind: 'auth_refused', samples: [] });
      expect(result.diagnosis).toMatch(/refuse l'accès/);
      expect(result.diagnosis).toContain('read_products');
    });

    it('never throws: a site answering HTML, a missing shop, an unusable address', async () => {
      server.faults.htmlInsteadOfJson = true;
      const html = await connector.probe(storefront(), ctx);
      expect(html).toMatchObject({ ok: false, errorKind: 'bad_format' });
      expect(html.diagnosis).toMatch(/protégée par un mot de passe/);
      expect(await connector.probe({ url: `${server.url}/`, credentials: {} }, ctx)).toMatchObject({ ok: false, errorKind: 'bad_format' });
      expect(await connector.probe({ url: 'ftp://boutique.example' }, ctx)).toMatchObject({ ok: false, errorKind: 'invalid_source' });
      const gone = await connector.probe({ url: 'http://127.0.0.1:9' }, ctx);
      expect(gone).toMatchObject({ ok: false, errorKind: 'unreachable' });
      expect(gone.diagnosis).toMatch(/ne répond pas/);
    });
  });

  it('probe: a site that is not a Shopify shop (no products.json) is diagnosed as such', async () => {
    const other = createServer((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Introuvable</h1>'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const result = await connector.probe({ url: `http://127.0.0.1:${(other.address() as AddressInfo).port}/boutique` }, ctx);
      expect(result).toMatchObject({ ok: false, errorKind: 'not_found' });
      expect(result.diagnosis).toMatch(/ne semble pas être une boutique Shopify/);
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('serves product pages and images for click-outs', async () => {
    const p = published(demo)[0];
    const page = await http.request({ url: `${server.url}/products/${p.handle}`, responseType: 'text' });
    expect(page.data).toContain(`<title>${p.title}</title>`);
    const image = await http.request({ url: `${server.url}${p.imagePath}`, responseType: 'text' });
    expect(image.headers['content-type']).toMatch(/^image\//);
    expect((await failure(http.request({ url: `${server.url}/products/${demo[3].handle}`, responseType: 'text' }))).kind).toBe('not_found');
  });
});
