/**
 * The PrestaShop connector against a local shop speaking the webservice's wire format.
 * Real: the connector, the HTTP client, an HTTP server on loopback. Faked: the merchant's
 * PrestaShop itself (test/servers/prestashop-server.ts).
 */
import { ClosableHttpClient, createHttpClient } from '../../connectors/core/axios-http-client';
import type { ConnectorContext, ProductBatch, ReadSummary, ShopSource } from '../../connectors/core/connector';
import { ConnectorError } from '../../connectors/core/errors';
import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import { PrestashopConnector } from '../../connectors/prestashop/prestashop.connector';
import { demoCatalogue, DemoProduct } from '../servers/demo-catalogue';
import { PrestashopServer, startPrestashopServer } from '../servers/prestashop-server';

const connector = new PrestashopConnector();
// Politeness and backoff shortened: the local shop answers at once and the test waits for nothing.
const http: ClosableHttpClient = createHttpClient({ allowPrivateHosts: true, requestsPerSecond: 1000, concurrency: 4, retries: 1, retryBaseDelayMs: 1 });
const ctx: ConnectorContext = { http };
afterAll(() => http.close());

const known: DemoProduct = {
  id: 1, handle: 'savon-de-marseille', title: 'Savon de Marseille', descriptionHtml: '<p>Savon <b>artisanal</b> &amp; local</p>',
  price: 12, inStock: true, quantity: 7, category: 'Maison', brand: 'Savonnerie du Vieux Lyon', gtin: '3760000000017',
  tags: [], imagePath: '/images/1.jpg', published: true, updatedAt: '2026-09-01T08:00:00.000Z', variants: [],
};
const catalogue = [known, ...demoCatalogue(249, 3)];
const hiddenId = catalogue.find((p, i) => i > 10 && p.published && !p.variants.length)!.id;
const listed = catalogue.filter((p) => p.published && p.id !== hiddenId);

async function readAll(source: ShopSource, since?: Date): Promise<{ batches: ProductBatch[]; summary: ReadSummary }> {
  const batches: ProductBatch[] = [];
  const it = connector.products(source, { since }, ctx);
  for (;;) {
    const step = await it.next();
    if (step.done) return { batches, summary: step.value };
    batches.push(step.value);
  }
}
const all = (batches: ProductBatch[]): NormalizedProduct[] => batches.flatMap((b) => b.products);

describe('PrestaShop connector against a local webservice', () => {
  let shop: PrestashopServer;
  let source: ShopSource;
  let products: NormalizedProduct[];
  let batches: ProductBatch[];

  beforeAll(async () => {
    shop = await startPrestashopServer({ products: catalogue, hiddenIds: [hiddenId] });
    source = { url: shop.url, credentials: { apiKey: shop.apiKey } };
    ({ batches } = await readAll(source));
    products = all(batches);
  });
  afterAll(() => shop.close());

  it('reads every listed product, page by page with limit=offset,100', () => {
    expect(products.map((p) => p.externalId).sort()).toEqual(listed.map((p) => String(p.id)).sort());
    expect(batches.length).toBe(3);
    const limits = shop.requests.filter((r) => r.path === '/api/products').map((r) => r.query.get('limit'));
    expect(limits).toEqual(['0,100', '100,100', '200,100']);
    const first = shop.requests.find((r) => r.path === '/api/products')!.query;
    expect(first.get('output_format')).toBe('JSON');
    expect(first.get('display')).toBe('full');
    expect(first.get('filter[active]')).toBe('[1]');
    expect(batches.flatMap((b) => b.skipped)).toEqual([]);
  });

  it('excludes disabled products and products hidden with visibility "none"', () => {
    const ids = new Set(products.map((p) => p.externalId));
    for (const p of catalogue.filter((x) => !x.published)) expect(ids.has(String(p.id))).toBe(false);
    expect(catalogue.some((p) => !p.published)).toBe(true);
    expect(ids.has(String(hiddenId))).toBe(false);
  });

  it('picks the French values of localized fields', () => {
    const p = products.find((x) => x.externalId === '1')!;
    expect(p.title).toBe('Savon de Marseille');
    expect(p.description).toBe('Savon artisanal & local');
    expect(p.categoryPath).toEqual(['Maison']);
    expect(p.brand).toBe('Savonnerie du Vieux Lyon');
    expect(p.gtin).toBe('3760000000017');
    expect(products.every((x) => !x.title.startsWith('[EN]') && !x.categoryPath.some((c) => c.startsWith('[EN]')))).toBe(true);
  });

  it('turns tax-excluded prices into tax-included ones with the French VAT rule', async () => {
    const raw = await ctx.http.request<any>({
      url: `${shop.url}api/products/1`,
      query: { output_format: 'JSON' },
      auth: { username: shop.apiKey, password: '' },
    });
    expect(raw.data.product.price).toBe('10.000000');
    expect(products.find((x) => x.externalId === '1')!.price).toBe(12);
    // Food and books carry the 5.5 % group, the rest the 20 % one; both must come back exact.
    const simple = listed.filter((d) => !d.variants.length);
    expect(simple.some((d) => d.category === 'Librairie') && simple.some((d) => d.category === 'Jouets')).toBe(true);
    for (const demo of simple) {
      expect(products.find((x) => x.externalId === String(demo.id))!.price).toBe(demo.price);
    }
  });

  it('groups combinations with their option names, prices and stock', () => {
    const demo = listed.find((d) => d.variants.length > 0)!;
    const p = products.find((x) => x.externalId === String(demo.id))!;
    expect(p.variants).toHaveLength(demo.variants.length);
    for (const v of demo.variants) {
      const got = p.variants.find((x) => x.externalId === String(v.id))!;
      expect(got.options).toEqual(v.options);
      expect(got.title).toBe(`${v.options.Taille} / ${v.options.Couleur}`);
      expect(got.price).toBe(v.price);
      expect(got.quantity).toBe(v.quantity);
      expect(got.inStock).toBe(v.quantity > 0);
      expect(got.sku).toBe(v.sku);
    }
    expect(p.priceMin).toBe(Math.min(...demo.variants.map((v) => v.price)));
    expect(p.priceMax).toBe(Math.max(...demo.variants.map((v) => v.price)));
    expect(p.inStock).toBe(demo.variants.some((v) => v.quantity > 0));
  });

  it('reads stock and combinations once per page, not once per product', () => {
    const count = (path: string) => shop.requests.filter((r) => r.path === path).length;
    expect(count('/api/stock_availables')).toBe(3);
    expect(count('/api/combinations')).toBeLessThanOrEqual(3);
    expect(count('/api/taxes')).toBe(1);
    expect(count('/api/tax_rule_groups')).toBe(1);
    expect(count('/api/tax_rules')).toBe(1);
    expect(count('/api/languages')).toBe(1);
    const stockQuery = shop.requests.find((r) => r.path === '/api/stock_availables')!.query.get('filter[id_product]')!;
    expect(stockQuery.split('|').length).toBeGreaterThan(90);
    for (const demo of listed.filter((d) => !d.variants.length).slice(0, 30)) {
      const p = products.find((x) => x.externalId === String(demo.id))!;
      expect(p.quantity).toBe(demo.quantity);
      expect(p.inStock).toBe(demo.quantity > 0);
    }
  });

  it('builds public image and product URLs that work without the key', async () => {
    const p = products.find((x) => x.externalId === '1')!;
    expect(p.imageUrls).toEqual([`${shop.url}1-large_default/savon-de-marseille.jpg`]);
    expect(products.every((x) => x.imageUrls.every((u) => !u.includes('/api/') && !u.includes(shop.apiKey)))).toBe(true);
    const image = await ctx.http.request({ url: p.imageUrls[0], responseType: 'text' });
    expect(image.headers['content-type']).toMatch(/^image\//);
    const page = await ctx.http.request({ url: p.productUrl, responseType: 'text' });
    expect(p.productUrl).toBe(`${shop.url}index.php?controller=product&id_product=1`);
    expect(page.url).toMatch(/\/maison\/1-savon-de-marseille\.html$/);
    expect(page.data).toContain('<title>Savon de Marseille</title>');
  });

  it('reads only products changed since a date with filter[date_upd] and date=1', async () => {
    const [a, b] = listed.filter((d) => !d.variants.length && d.id !== 1).slice(0, 2);
    shop.setPrice(a.id, 24, new Date('2030-01-02T10:00:00Z'));
    shop.setPrice(b.id, 36, new Date('2030-01-03T10:00:00Z'));
    shop.requests.length = 0;
    const { batches: changed, summary } = await readAll(source, new Date('2030-01-01T00:00:00Z'));
    expect(summary.incremental).toBe(true);
    const got = all(changed);
    expect(got.map((p) => [p.externalId, p.price])).toEqual([[String(a.id), 24], [String(b.id), 36]]);
    expect(got[0].sourceUpdatedAt).toBe('2030-01-02T10:00:00.000Z');
    const q = shop.requests.find((r) => r.path === '/api/products')!.query;
    expect(q.get('date')).toBe('1');
    expect(q.get('filter[date_upd]')).toMatch(/^\[2029-12-31 \d\d:\d\d:\d\d,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\]$/);
  });

  it('sees stock changes and removals on the next full pass', async () => {
    const demo = listed.find((d) => !d.variants.length && d.id !== 1 && d.quantity > 0)!;
    shop.setStock(demo.id, 0);
    shop.removeProduct(1);
    const again = all((await readAll(source)).batches);
    expect(again.find((p) => p.externalId === String(demo.id))!.inStock).toBe(false);
    expect(again.some((p) => p.externalId === '1')).toBe(false);
  });

  it('probes: counts products and returns up to 5 samples', async () => {
    const result = await connector.probe(source, ctx);
    expect(result.ok).toBe(true);
    expect(result.platform).toBe('prestashop');
    expect(result.productCount).toBe(catalogue.filter((p) => p.published).length - 1);
    expect(result.samples.length).toBe(5);
    expect(result.diagnosis).toBeUndefined();
  });

  it('refuses a wrong key as auth_refused, with a French diagnosis', async () => {
    const wrong = { url: shop.url, credentials: { apiKey: 'NOTTHEKEY' } };
    await expect(readAll(wrong)).rejects.toMatchObject({ kind: 'auth_refused' });
    const result = await connector.probe(wrong, ctx);
    expect(result).toMatchObject({ ok: false, errorKind: 'auth_refused' });
    expect(result.diagnosis).toContain('Paramètres avancés > Webservice');
    expect(result.diagnosis).toContain('clé');
  });

  it('asks for a key when none is given', async () => {
    await expect(readAll({ url: shop.url })).rejects.toMatchObject({ kind: 'invalid_source' });
    expect(await connector.probe({ url: shop.url }, ctx)).toMatchObject({ ok: false, errorKind: 'invalid_source' });
  });
});

describe('PrestaShop connector when the shop misbehaves', () => {
  let shop: PrestashopServer;
  let source: ShopSource;

  beforeAll(async () => {
    shop = await startPrestashopServer({ products: demoCatalogue(150, 5) });
    source = { url: shop.url, credentials: { apiKey: shop.apiKey } };
  });
  afterAll(() => shop.close());
  afterEach(() => {
    shop.faults.maintenance = false;
    shop.faults.failProductsOffset = undefined;
    shop.faults.webserviceDisabled = false;
  });

  it('reports an HTML page instead of JSON as bad_format', async () => {
    shop.faults.maintenance = true;
    await expect(readAll(source)).rejects.toMatchObject({ kind: 'bad_format' });
    const result = await connector.probe(source, ctx);
    expect(result).toMatchObject({ ok: false, errorKind: 'bad_format' });
    expect(result.diagnosis).toContain('maintenance');
  });

  it('fails the read as a retriable server_error when a page answers 500, after the pages before it', async () => {
    shop.faults.failProductsOffset = 100;
    const batches: ProductBatch[] = [];
    let error: unknown;
    try {
      for await (const batch of connector.products(source, {}, ctx)) batches.push(batch);
    } catch (e) {
      error = e;
    }
    expect(batches).toHaveLength(1);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe('server_error');
    expect((error as ConnectorError).retriable).toBe(true);
  });

  it('says the webservice is switched off', async () => {
    shop.faults.webserviceDisabled = true;
    const result = await connector.probe(source, ctx);
    expect(result).toMatchObject({ ok: false, errorKind: 'server_error' });
    expect(result.diagnosis).toContain('webservice de votre boutique est désactivé');
  });
});

describe('PrestaShop probe with a key lacking permissions', () => {
  let shop: PrestashopServer;
  beforeAll(async () => {
    shop = await startPrestashopServer({
      products: demoCatalogue(3, 9),
      permissions: ['products', 'languages', 'categories', 'countries', 'tax_rules', 'stock_availables', 'product_options', 'product_option_values'],
    });
  });
  afterAll(() => shop.close());

  it('lists the resources the key cannot read', async () => {
    const result = await connector.probe({ url: shop.url, credentials: { apiKey: shop.apiKey } }, ctx);
    expect(result.ok).toBe(false);
    expect(result.errorKind).toBe('auth_refused');
    expect(result.diagnosis).toContain('combinations, taxes, tax_rule_groups');
    expect(result.diagnosis).toContain('« Voir (GET) »');
    expect(result.samples).toEqual([]);
  });
});
