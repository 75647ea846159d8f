/**
 * A local Shopify shop speaking both wire formats the connector reads: the public
 * storefront `GET /products.json?limit=&page=` and the Admin GraphQL API
 * `POST /admin/api/<version>/graphql.json` (access token header, calculated query cost
 * with a leaky bucket, cursor paging, Shopify's search syntax for status, publication and
 * `updated_at`). It also serves product pages and images so that a click-out lands on a
 * real page. The GraphQL handler is hand-written: it recognises our two documents (a
 * products page, a product's next variants) by their shape and variables.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoProduct } from './demo-catalogue';
import { listenOnLoopback } from './listen';
import { demoProductImage } from './demo-image';

export interface ShopifyServerFaults {
  /** Answer the next products query with THROTTLED (then behave). */
  throttleOnce?: boolean;
  /** Report this many points left in the bucket on every answer, as a busy shop would. */
  reportAvailable?: number;
  /** Storefront page number, or n-th GraphQL products query, answered with `failStatus`. */
  failPage?: number;
  failStatus?: number;
  /** An HTML page (200, text/html) instead of JSON on both APIs, like a misconfigured theme. */
  htmlInsteadOfJson?: boolean;
  /** Ignore `page` / `after`: serve the first page forever (a broken cache in front of the shop). */
  ignorePaging?: boolean;
}

export interface ShopifyServerOptions extends ShopifyServerFaults {
  /** Fixed loopback port (the demo); default: any free port. */
  port?: number;
  products: DemoProduct[];
  accessToken?: string;
  /** The cost bucket; the default refills like Shopify Plus (1000 points per second) so demos stay quick. */
  bucket?: { maximumAvailable: number; restoreRate: number };
  /** Single-query cost ceiling (1000 on Shopify). */
  maxQueryCost?: number;
}

export interface ShopifyServer {
  url: string;
  accessToken: string;
  /** Switch faults on and off between reads. */
  faults: ShopifyServerFaults;
  /** Every request, in order: the path and, for GraphQL, which document. */
  requests: Array<{ method: string; path: string; operation?: 'products' | 'variants' | 'unknown'; variables?: Record<string, unknown> }>;
  products(): DemoProduct[];
  /** Edits a product as a merchant would: `updatedAt` moves to now unless given. */
  updateProduct(id: number, patch: Partial<DemoProduct>): void;
  setPrice(id: number, price: number): void;
  removeProduct(id: number): void;
  addProduct(product: DemoProduct): void;
  close(): Promise<void>;
}

export const SHOPIFY_DEMO_TOKEN = 'shpat_demo_0123456789abcdef';
const API_PATH = /^\/admin\/api\/\d{4}-\d{2}\/graphql\.json$/;
const HTML_PAGE = '<!doctype html><html><head><title>Boutique</title></head><body><h1>Bienvenue</h1></body></html>';

export async function startShopifyServer(options: ShopifyServerOptions): Promise<ShopifyServer> {
  let catalogue: DemoProduct[] = structuredClone(options.products).sort((a, b) => a.id - b.id);
  const token = options.accessToken ?? SHOPIFY_DEMO_TOKEN;
  const bucketSpec = options.bucket ?? { maximumAvailable: 2000, restoreRate: 1000 };
  const bucket = { available: bucketSpec.maximumAvailable, at: Date.now() };
  const maxQueryCost = options.maxQueryCost ?? 1000;
  const faults: ShopifyServerFaults = { ...options };
  const requests: ShopifyServer['requests'] = [];
  let productsQueries = 0;
  let url = '';

  const isPublic = (p: DemoProduct) => p.published;
  /** Unpublished demo products are either drafts or active but hidden from the online store. */
  const statusOf = (p: DemoProduct) => (p.published || p.id % 2 === 1 ? 'ACTIVE' : 'DRAFT');
  const money = (n: number | undefined) => (n === undefined ? null : n.toFixed(2));
  const imageUrl = (p: DemoProduct) => `${url}${p.imagePath}`;
  const variantsOf = (p: DemoProduct) =>
    p.variants.length
      ? p.variants.map((v) => ({ id: v.id, title: Object.values(v.options).join(' / '), options: Object.values(v.options), price: v.price, inStock: v.inStock, quantity: v.quantity, sku: v.sku }))
      : [{ id: p.id * 10 + 9, title: 'Default Title', options: ['Default Title'], price: p.price, inStock: p.inStock, quantity: p.quantity, sku: `SKU-${p.id}` }];
  const optionsOf = (p: DemoProduct) =>
    p.variants.length
      ? Object.keys(p.variants[0].options).map((name) => ({ name, values: [...new Set(p.variants.map((v) => v.options[name]))] }))
      : [{ name: 'Title', values: ['Default Title'] }];

  function storefrontProduct(p: DemoProduct) {
    const options = optionsOf(p);
    return {
      id: p.id, title: p.title, handle: p.handle, body_html: p.descriptionHtml,
      published_at: p.updatedAt, created_at: p.updatedAt, updated_at: p.updatedAt,
      vendor: p.brand, product_type: p.category, tags: p.tags,
      variants: variantsOf(p).map((v, i) => ({
        id: v.id, title: v.title, option1: v.options[0] ?? null, option2: v.options[1] ?? null, option3: v.options[2] ?? null,
        sku: v.sku, requires_shipping: true, taxable: true, featured_image: null, available: v.inStock, price: money(v.price),
        grams: 0, compare_at_price: p.compareAtPrice && p.compareAtPrice > v.price ? money(p.compareAtPrice) : null,
        position: i + 1, product_id: p.id, created_at: p.updatedAt, updated_at: p.updatedAt,
      })),
      images: [{ id: p.id * 7, created_at: p.updatedAt, position: 1, updated_at: p.updatedAt, product_id: p.id, variant_ids: [], src: imageUrl(p), width: 1, height: 1 }],
      options: options.map((o, i) => ({ name: o.name, position: i + 1, values: o.values })),
    };
  }

  function variantNode(p: DemoProduct, v: ReturnType<typeof variantsOf>[number]) {
    const names = optionsOf(p).map((o) => o.name);
    return {
      id: `gid://shopify/ProductVariant/${v.id}`, title: v.title, price: money(v.price),
      compareAtPrice: p.compareAtPrice && p.compareAtPrice > v.price ? money(p.compareAtPrice) : null,
      availableForSale: v.inStock, inventoryQuantity: v.quantity, sku: v.sku, barcode: p.gtin ?? null,
      selectedOptions: v.options.map((value, i) => ({ name: names[i], value })),
    };
  }

  function variantConnection(p: DemoProduct, first: number, after: unknown) {
    const all = variantsOf(p);
    const start = typeof after === 'string' ? Number(decodeCursor(after)) + 1 : 0;
    const page = all.slice(start, start + first);
    const hasNextPage = start + first < all.length;
    return { nodes: page.map((v) => variantNode(p, v)), pageInfo: { hasNextPage, endCursor: page.length ? encodeCursor(start + page.length - 1) : null } };
  }

  function productNode(p: DemoProduct, variantsFirst: number) {
    return {
      id: `gid://shopify/Product/${p.id}`, handle: p.handle, title: p.title, descriptionHtml: p.descriptionHtml,
      vendor: p.brand, productType: p.category, tags: p.tags, updatedAt: p.updatedAt,
      onlineStoreUrl: p.published ? `${url}/products/${p.handle}` : null, status: statusOf(p),
      featuredImage: { url: imageUrl(p) }, images: { nodes: [{ url: imageUrl(p) }] }, options: optionsOf(p),
      variants: variantConnection(p, variantsFirst, undefined),
    };
  }

  /** Shopify search syntax, the terms our connector sends; unknown terms match everything. */
  function matches(p: DemoProduct, search: unknown): boolean {
    const q = typeof search === 'string' ? search : '';
    for (const term of q.match(/\S+:(?:>|<|>=|<=)?(?:'[^']*'|\S+)/g) ?? []) {
      const [, field, op, rawValue] = /^(\S+?):(>=|<=|>|<)?(.*)$/.exec(term) ?? [];
      const value = (rawValue ?? '').replace(/^'|'$/g, '');
      if (field === 'status' && statusOf(p) !== value.toUpperCase()) return false;
      if (field === 'published_status' && value === 'published' && !p.published) return false;
      if (field === 'updated_at' && op === '>' && !(Date.parse(p.updatedAt) > Date.parse(value))) return false;
    }
    return true;
  }

  function answerGraphql(body: { query?: string; variables?: Record<string, unknown> }) {
    const query = body.query ?? '';
    const vars = body.variables ?? {};
    const firstOf = (re: RegExp, fallback: number) => Number(re.exec(query)?.[1] ?? fallback);
    const variantsFirst = firstOf(/variants\(first:\s*(\d+)/, 100);
    const imagesFirst = firstOf(/images\(first:\s*(\d+)/, 0);
    let requested: number;
    let run: () => { data: unknown; actual: number };
    if (/^\s*query\s+Products\b/.test(query) || /\bproducts\s*\(/.test(query)) {
      productsQueries++;
      if (faults.failPage === productsQueries) return { status: faults.failStatus ?? 500, json: { errors: 'Internal error' } };
      const first = Math.min(250, Number(vars.first ?? 10));
      const perProduct = 1 + 2 + variantsFirst + 2 + imagesFirst + 2;
      requested = 2 + first * perProduct + (query.includes('productsCount') ? 1 : 0) + (query.includes('currencyCode') ? 1 : 0);
      run = () => {
        const visible = catalogue.filter((p) => matches(p, vars.query));
        const afterId = typeof vars.after === 'string' && !faults.ignorePaging ? Number(decodeCursor(vars.after)) : 0;
        const page = visible.filter((p) => p.id > afterId).slice(0, first);
        const nodes = page.map((p) => productNode(p, variantsFirst));
        const last = page[page.length - 1];
        const data: Record<string, unknown> = {
          shop: { currencyCode: 'EUR' },
          products: { nodes, pageInfo: { hasNextPage: !!last && visible.some((p) => p.id > last.id), endCursor: last ? encodeCursor(last.id) : null } },
        };
        if (query.includes('productsCount')) data.productsCount = { count: visible.length, precision: 'EXACT' };
        const actual = 2 + nodes.reduce((sum, n) => sum + 8 + n.variants.nodes.length + n.images.nodes.length, 0);
        return { data, actual };
      };
    } else if (/\bproduct\s*\(\s*id:/.test(query)) {
      requested = 3 + variantsFirst;
      run = () => {
        const id = Number(/^gid:\/\/shopify\/Product\/(\d+)$/.exec(String(vars.id))?.[1]);
        const p = catalogue.find((x) => x.id === id);
        const variants = p ? variantConnection(p, variantsFirst, vars.after) : null;
        return { data: { product: p ? { variants } : null }, actual: 3 + (variants?.nodes.length ?? 0) };
      };
    } else {
      return { status: 200, json: { errors: [{ message: 'Unsupported document', extensions: { code: 'BAD_REQUEST' } }] } };
    }
    if (requested > maxQueryCost) {
      const message = `Query cost is ${requested}, which exceeds the single query max cost limit (${maxQueryCost}).`;
      return { status: 200, json: { errors: [{ message, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: maxQueryCost } }] } };
    }
    const now = Date.now();
    bucket.available = Math.min(bucketSpec.maximumAvailable, bucket.available + ((now - bucket.at) / 1000) * bucketSpec.restoreRate);
    bucket.at = now;
    const status = () => ({
      maximumAvailable: bucketSpec.maximumAvailable,
      currentlyAvailable: Math.floor(faults.reportAvailable ?? bucket.available),
      restoreRate: bucketSpec.restoreRate,
    });
    if (faults.throttleOnce || requested > bucket.available) {
      faults.throttleOnce = false;
      const throttleStatus = { ...status(), currentlyAvailable: 0 };
      return { status: 200, json: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus } } } };
    }
    const { data, actual } = run();
    bucket.available -= actual;
    return { status: 200, json: { data, extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: status() } } } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://localhost');
    const entry: ShopifyServer['requests'][number] = { method: req.method ?? 'GET', path: u.pathname + u.search };
    requests.push(entry);
    const json = (status: number, body: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

    if (u.pathname === '/products.json' && req.method === 'GET') {
      if (faults.htmlInsteadOfJson) return send(res, 200, 'text/html; charset=utf-8', HTML_PAGE);
      const page = faults.ignorePaging ? 1 : Math.max(1, Number(u.searchParams.get('page') ?? 1) || 1);
      if (faults.failPage === page) return json(faults.failStatus ?? 500, { errors: 'Internal Server Error' });
      const limit = Math.min(250, Math.max(1, Number(u.searchParams.get('limit') ?? 30) || 30));
      const visible = catalogue.filter(isPublic);
      return json(200, { products: visible.slice((page - 1) * limit, page * limit).map(storefrontProduct) });
    }
    if (API_PATH.test(u.pathname) && req.method === 'POST') {
      const raw = await readBody(req);
      if (req.headers['x-shopify-access-token'] !== token) {
        return json(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      }
      if (faults.htmlInsteadOfJson) return send(res, 200, 'text/html; charset=utf-8', HTML_PAGE);
      let body: { query?: string; variables?: Record<string, unknown> };
      try {
        body = JSON.parse(raw);
      } catch {
        return json(400, { errors: 'Bad Request' });
      }
      entry.operation = /\bproducts\s*\(/.test(body.query ?? '') ? 'products' : /\bproduct\s*\(/.test(body.query ?? '') ? 'variants' : 'unknown';
      entry.variables = body.variables;
      const answer = answerGraphql(body);
      return json(answer.status, answer.json);
    }
    const productPage = /^\/products\/([^/]+)$/.exec(u.pathname);
    if (productPage && req.method === 'GET') {
      const p = catalogue.find((x) => x.handle === decodeURIComponent(productPage[1]) && x.published);
      if (!p) return send(res, 404, 'text/html; charset=utf-8', '<!doctype html><title>Page introuvable</title><h1>404</h1>');
      const title = escapeHtml(p.title);
      return send(res, 200, 'text/html; charset=utf-8', `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${money(p.price)} €</p></body></html>`);
    }
    const image = u.pathname.match(/^\/images\/(\d+)\.jpg$/);
    if (image && req.method === 'GET') {
      const { contentType, body } = demoProductImage(catalogue.find((x) => x.id === Number(image[1])));
      return send(res, 200, contentType, body);
    }
    return json(404, { errors: 'Not Found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'text/plain', 'error'));
  });
  await listenOnLoopback(server, options.port);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const find = (id: number) => {
    const p = catalogue.find((x) => x.id === id);
    if (!p) throw new Error(`No demo product ${id}`);
    return p;
  };
  return {
    url,
    accessToken: token,
    faults,
    requests,
    products: () => structuredClone(catalogue),
    updateProduct(id, patch) {
      Object.assign(find(id), { updatedAt: new Date().toISOString() }, patch);
    },
    setPrice(id, price) {
      const p = find(id);
      const delta = price - p.price;
      for (const v of p.variants) v.price = Math.round((v.price + delta) * 100) / 100;
      Object.assign(p, { price, updatedAt: new Date().toISOString() });
    },
    removeProduct(id) {
      catalogue = catalogue.filter((p) => p.id !== id);
    },
    addProduct(product) {
      catalogue = [...catalogue.filter((p) => p.id !== product.id), structuredClone(product)].sort((a, b) => a.id - b.id);
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((e) => (e ? reject(e) : resolve()));
    }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function encodeCursor(value: number): string {
  return Buffer.from(JSON.stringify({ last_id: value })).toString('base64');
}

function decodeCursor(cursor: string): number {
  try {
    return Number(JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')).last_id) || 0;
  } catch {
    return 0;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
