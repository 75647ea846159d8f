/**
 * WooCommerce connector against a local WooCommerce shop (test/servers/woocommerce-server.ts).
 * Real: the connector, the hardened HTTP client, HTTP over loopback, WooCommerce's wire
 * format (Store API, REST API v3, WordPress pagination headers and error bodies).
 * Faked: only the merchant's shop, at its HTTP edge.
 */
import { ClosableHttpClient, createHttpClient } from '../../connectors/core/axios-http-client';
import type { ConnectorContext, ProductBatch, ReadSummary, ShopSource } from '../../connectors/core/connector';
import { detectPlatform } from '../../connectors/core/detect-platform';
import { ConnectorError } from '../../connectors/core/errors';
import type { NormalizedProduct, SkippedItem } from '../../connectors/core/normalized-product';
import { WooCommerceConnector } from '../../connectors/woocommerce/woocommerce.connector';
import { demoCatalogue, DemoProduct } from '../servers/demo-catalogue';
import { startWooCommerceServer, WooServer } from '../servers/woocommerce-server';

const connector = new WooCommerceConnector();
const catalogue = demoCatalogue(230, 7);
const draft = catalogue[0];
draft.published = false;
const hidden = catalogue[1];
const simpleOutOfStock = catalogue.find((p) => p.published && !p.inStock && !p.variants.length)!;
const withVariants = catalogue.find((p) => p.published && p.variants.length > 0 && p !== hidden)!;
const onSale = catalogue.find((p) => p.published && p.compareAtPrice && !p.variants.length && p !== hidden)!;
const visible = catalogue.filter((p) => p.published && p !== hidden);

let http: ClosableHttpClient;
let ctx: ConnectorContext;
const servers: WooServer[] = [];

async function shop(options: Partial<Parameters<typeof startWooCommerceServer>[0]> = {}): Promise<WooServer> {
  const s = await startWooCommerceServer({ products: catalogue, hiddenIds: [hidden.id], ...options });
  servers.push(s);
  return s;
}

function keysOf(s: WooServer): ShopSource['credentials'] {
  return { consumerKey: s.consumerKey, consumerSecret: s.consumerSecret };
}

async function readAll(source: ShopSource, since?: Date) {
  const gen = connector.products(source, { since }, ctx);
  const products: NormalizedProduct[] = [];
  const skipped: SkippedItem[] = [];
  let batches = 0;
  for (;;) {
    const r: IteratorResult<ProductBatch, ReadSummary> = await gen.next();
    if (r.done) return { products, skipped, batches, summary: r.value };
    batches++;
    products.push(...r.value.products);
    skipped.push(...r.value.skipped);
  }
}

async function readError(source: ShopSource): Promise<{ error: ConnectorError; batches: number }> {
  let batches = 0;
  try {
    for await (const _ of connector.products(source, {}, ctx)) batches++;
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    return { error: e as ConnectorError, batches };
  }
  throw new Error('the read was expected to fail');
}

function byId(products: NormalizedProduct[], p: DemoProduct) {
  return products.find((x) => x.externalId === String(p.id));
}

beforeAll(() => {
  http = createHttpClient({ allowPrivateHosts: true, requestsPerSecond: 0, retries: 0 });
  ctx = { http };
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  http.close();
});

describe.each([
  ['Store API (no keys)', false],
  ['REST API v3 (keys)', true],
])('%s', (_label, withKeys) => {
  let server: WooServer;
  let read: Awaited<ReturnType<typeof readAll>>;

  beforeAll(async () => {
    server = await shop();
    read = await readAll({ url: server.url, credentials: withKeys ? keysOf(server) : undefined });
  });

  it('reads every visible product, one batch per page of 100', () => {
    expect(read.batches).toBe(3);
    expect(read.skipped).toEqual([]);
    expect(read.products.map((p) => p.externalId).sort()).toEqual(visible.map((p) => String(p.id)).sort());
    expect(read.summary.incremental).toBe(false);
  });

  it('never imports drafts or products hidden from the catalogue', () => {
    expect(byId(read.products, draft)).toBeUndefined();
    expect(byId(read.products, hidden)).toBeUndefined();
  });

  it('converts prices to euros and keeps the crossed-out price', () => {
    const simple = visible.find((p) => !p.variants.length)!;
    expect(byId(read.products, simple)!.price).toBe(simple.price);
    const sale = byId(read.products, onSale)!;
    expect(sale.price).toBe(onSale.price);
    expect(sale.compareAtPrice).toBe(onSale.compareAtPrice);
    expect(sale.currency).toBe('EUR');
  });

  it('groups variations under their product with their options, prices and stock', () => {
    const p = byId(read.products, withVariants)!;
    expect(p.variants).toHaveLength(withVariants.variants.length);
    const first = withVariants.variants[0];
    const v = p.variants.find((x) => x.externalId === String(first.id))!;
    expect(v.options).toEqual(first.options);
    expect(v.price).toBe(first.price);
    expect(v.inStock).toBe(first.inStock);
    expect(p.priceMin).toBe(Math.min(...withVariants.variants.map((x) => x.price)));
    expect(p.priceMax).toBe(Math.max(...withVariants.variants.map((x) => x.price)));
    expect(p.inStock).toBe(withVariants.variants.some((x) => x.inStock));
  });

  it('keeps accents, decodes entities and strips HTML', () => {
    const withApostrophe = visible.find((p) => p.title.includes('’'));
    for (const demo of [visible[0], withApostrophe].filter((p): p is DemoProduct => !!p)) {
      const p = byId(read.products, demo)!;
      expect(p.title).toBe(demo.title);
      expect(p.description).not.toMatch(/[<>]|&amp;/);
      expect(p.description).toContain('Produit local & de saison');
      expect(p.categoryPath).toEqual([demo.category]);
      expect(p.brand).toBe(demo.brand);
    }
  });

  it('reports out-of-stock products as such', () => {
    expect(byId(read.products, simpleOutOfStock)!.inStock).toBe(false);
  });

  it('links to the shop page and image, which both answer, with no key in them', async () => {
    const p = byId(read.products, visible[3])!;
    expect(p.productUrl).toBe(`${server.url}/produit/${visible[3].handle}/`);
    const page = await http.request({ url: p.productUrl, responseType: 'text' });
    expect(page.data).toContain(`<h1 class="product_title">${visible[3].title.replace(/’/g, '&#8217;')}</h1>`);
    const image = await http.request({ url: p.imageUrls[0], responseType: 'text' });
    expect(image.headers['content-type']).toMatch(/^image\//);
    for (const q of read.products) {
      expect([q.productUrl, ...q.imageUrls].join(' ')).not.toMatch(/consumer_|ck_|cs_/);
    }
  });
});

describe('REST API v3 specifics', () => {
  it('sends keys by HTTP Basic, asks only for published products, and reads GTIN and stock quantity', async () => {
    const server = await shop();
    const { products } = await readAll({ url: server.url, credentials: keysOf(server) });
    const listings = server.requests.filter((r) => r.path === '/wp-json/wc/v3/products');
    expect(listings.every((r) => r.authorization && !r.query.has('consumer_key') && r.query.get('status') === 'publish')).toBe(true);
    const withGtin = visible.find((p) => p.gtin && !p.variants.length)!;
    expect(byId(products, withGtin)!.gtin).toBe(withGtin.gtin);
    expect(byId(products, withGtin)!.quantity).toBe(withGtin.quantity);
    expect(byId(products, withGtin)!.sourceUpdatedAt).toBe(withGtin.updatedAt);
  });

  it('reads only what changed since the last run with modified_after', async () => {
    const server = await shop();
    const since = new Date(Date.now() - 5_000);
    server.setPrice(visible[10].id, 42.5);
    server.setStock(visible[20].id, false);
    const read = await readAll({ url: server.url, credentials: keysOf(server) }, since);
    expect(read.summary.incremental).toBe(true);
    expect(read.products.map((p) => p.externalId).sort()).toEqual([String(visible[10].id), String(visible[20].id)].sort());
    expect(byId(read.products, visible[10])!.price).toBe(42.5);
    expect(byId(read.products, visible[20])!.inStock).toBe(false);
    const listing = server.requests.find((r) => r.path === '/wp-json/wc/v3/products')!;
    expect(listing.query.get('modified_after')).toBe(since.toISOString().slice(0, 19));
    expect(listing.query.get('dates_are_gmt')).toBe('true');
  });

  it('treats the read as a full pass when the shop ignores modified_after', async () => {
    const server = await shop({ ignoreModifiedAfter: true });
    const read = await readAll({ url: server.url, credentials: keysOf(server) }, new Date(Date.now() - 5_000));
    expect(read.summary.incremental).toBe(false);
    expect(read.products).toHaveLength(visible.length);
  });

  it('falls back to query-string keys when the host strips the Authorization header', async () => {
    const server = await shop({ stripAuthorizationHeader: true });
    const logs: string[] = [];
    const read = await readAll({ url: server.url, credentials: keysOf(server) });
    expect(read.products).toHaveLength(visible.length);
    const api = server.requests.filter((r) => r.path.startsWith('/wp-json/'));
    // Only the very first request went with Basic; everything after carries query keys.
    expect(api[0].authorization).toBe(true);
    expect(api[0].query.has('consumer_key')).toBe(false);
    expect(api.slice(1).every((r) => r.query.get('consumer_key') === server.consumerKey && !r.authorization)).toBe(true);
    const probe = await connector.probe({ url: server.url, credentials: keysOf(server) }, { http, log: (m) => logs.push(m) });
    expect(probe.ok).toBe(true);
    expect(logs.join('\n')).toMatch(/en-tête « Authorization »/);
  });

  it('refuses wrong keys with a French diagnosis and no key in the error', async () => {
    const server = await shop();
    const source = { url: server.url, credentials: { consumerKey: 'ck_0000000000000000000000000000000000000000', consumerSecret: 'cs_secret_qui_fuit' } };
    const { error } = await readError(source);
    expect(error.kind).toBe('auth_refused');
    expect(error.needsMerchant).toBe(true);
    expect(error.diagnosis).toMatch(/refuse les clés API/);
    expect(JSON.stringify({ m: error.message, e: error.extra })).not.toMatch(/ck_0000|cs_secret_qui_fuit/);
    const probe = await connector.probe(source, ctx);
    expect(probe).toMatchObject({ ok: false, errorKind: 'auth_refused' });
    expect(probe.diagnosis).toMatch(/WooCommerce › Réglages › Avancé › API REST/);
  });

  it('tells a wrong secret apart from an unknown key', async () => {
    const server = await shop();
    const probe = await connector.probe({ url: server.url, credentials: { consumerKey: server.consumerKey, consumerSecret: 'cs_mauvais' } }, ctx);
    expect(probe).toMatchObject({ ok: false, errorKind: 'auth_refused' });
    expect(probe.diagnosis).toMatch(/refuse son secret/);
  });
});

describe('faults', () => {
  it('stops with pagination_loop when every page is page 1', async () => {
    const server = await shop({ paginationLoop: true });
    const { error, batches } = await readError({ url: server.url });
    expect(error.kind).toBe('pagination_loop');
    expect(batches).toBe(1);
  });

  it('reports an HTML login page instead of JSON as bad_format, explained', async () => {
    const server = await shop({ htmlLoginPage: true });
    const { error } = await readError({ url: server.url, credentials: keysOf(server) });
    expect(error.kind).toBe('bad_format');
    const probe = await connector.probe({ url: server.url }, ctx);
    expect(probe).toMatchObject({ ok: false, errorKind: 'bad_format' });
    expect(probe.diagnosis).toMatch(/page de connexion WordPress/);
  });

  it('fails the read with server_error when a page answers 500, after yielding the pages before it', async () => {
    const server = await shop({ failOnPage: 2 });
    const { error, batches } = await readError({ url: server.url });
    expect(error.kind).toBe('server_error');
    expect(error.retriable).toBe(true);
    expect(batches).toBe(1);
  });
});

describe('probe', () => {
  it('counts the catalogue and shows up to five samples', async () => {
    const server = await shop();
    for (const credentials of [undefined, keysOf(server)]) {
      const probe = await connector.probe({ url: server.url, credentials }, ctx);
      expect(probe.ok).toBe(true);
      expect(probe.platform).toBe('woocommerce');
      expect(probe.samples).toHaveLength(5);
      expect(probe.skippedSamples).toEqual([]);
      expect(probe.diagnosis).toBeUndefined();
      // Store API counts only what visitors see; v3 counts published products, hidden ones included.
      expect(probe.productCount).toBe(credentials ? catalogue.filter((p) => p.published).length : visible.length);
    }
  });

  it('is recognised as WooCommerce from its home page', async () => {
    const server = await shop();
    expect(await detectPlatform(server.url, http)).toMatchObject({ platform: 'woocommerce' });
  });

  it('explains a site without WooCommerce, incomplete keys and a bad address', async () => {
    const server = await shop();
    const notWoo = await connector.probe({ url: `${server.url}/blog/` }, ctx);
    expect(notWoo).toMatchObject({ ok: false, errorKind: 'not_found' });
    expect(notWoo.diagnosis).toMatch(/Store API/);
    const halfKeys = await connector.probe({ url: server.url, credentials: { consumerKey: server.consumerKey } }, ctx);
    expect(halfKeys).toMatchObject({ ok: false, errorKind: 'invalid_source' });
    expect(halfKeys.diagnosis).toMatch(/incomplets/);
    const bad = await connector.probe({ url: 'pas une adresse' }, ctx);
    expect(bad).toMatchObject({ ok: false, errorKind: 'invalid_source' });
  });
});
