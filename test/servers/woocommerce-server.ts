import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DemoProduct, DemoVariant, slugify } from './demo-catalogue';
import { listenOnLoopback } from './listen';
import { demoProductImage } from './demo-image';

/**
 * A local WooCommerce shop speaking both catalogue APIs on the real wire format:
 * - the public Store API `GET /wp-json/wc/store/v1/products` (prices in minor units);
 * - the REST API v3 `GET /wp-json/wc/v3/products` (+ `/products/{id}/variations`), which
 *   needs consumer keys by HTTP Basic or by `consumer_key`/`consumer_secret` query keys.
 * Also serves `/produit/{slug}/` pages and `/wp-content/uploads/…` images, so click-outs land.
 */
export interface WooServerOptions {
  /** Fixed loopback port (the demo); default: any free port. */
  port?: number;
  products: DemoProduct[];
  consumerKey?: string;
  consumerSecret?: string;
  /** Catalogue visibility "hidden": absent from the Store API, listed by v3 with `catalog_visibility: hidden`. */
  hiddenIds?: number[];
  /** Behave like a host whose PHP never sees the Authorization header. */
  stripAuthorizationHeader?: boolean;
  /** Behave like WooCommerce < 5.8, which does not know `modified_after`. */
  ignoreModifiedAfter?: boolean;
  /** 500 with WordPress's critical error page on this page of the product listings. */
  failOnPage?: number;
  /** A security plugin answers every API call with the wp-login HTML page. */
  htmlLoginPage?: boolean;
  /** A broken cache: every listing page is page 1 while the headers claim more pages. */
  paginationLoop?: boolean;
  /** Awaited before a page of the product listings is served (to act while a sync reads). */
  beforeListingPage?: (page: number) => Promise<void>;
}

export interface WooServer {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** Switches can be flipped between requests. */
  options: WooServerOptions;
  /** Every request received: path, query and whether an Authorization header arrived. */
  requests: Array<{ path: string; query: URLSearchParams; authorization: boolean }>;
  setPrice(id: number, price: number, at?: string): void;
  setStock(id: number, inStock: boolean, at?: string): void;
  removeProduct(id: number): void;
  close(): Promise<void>;
}

/** The demo shop's clock is Paris summer time, which only matters when `dates_are_gmt` is not sent. */
const SITE_UTC_OFFSET_MS = 2 * 3_600_000;

export async function startWooCommerceServer(options: WooServerOptions): Promise<WooServer> {
  const products = options.products.map((p) => ({ ...p, variants: p.variants.map((v) => ({ ...v })) }));
  const key = options.consumerKey ?? 'ck_4f1c2b9e8d7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e';
  const secret = options.consumerSecret ?? 'cs_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b';
  const requests: WooServer['requests'] = [];
  let base = '';

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      send(res, 500, 'text/plain', String(e));
    }
  });

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    requests.push({ path, query: url.searchParams, authorization: !!req.headers.authorization });
    if (path.startsWith('/wp-json/') && options.htmlLoginPage) return send(res, 200, 'text/html; charset=UTF-8', LOGIN_PAGE);
    if (path === '/wp-json/wc/store/v1/products') return storeProducts(url, res);
    const v3 = /^\/wp-json\/wc\/v3\/products(?:\/(\d+)\/variations)?\/?$/.exec(path);
    if (v3) {
      const denied = authenticate(req, url);
      if (denied) return json(res, 401, denied, { 'WWW-Authenticate': 'Basic realm="WooCommerce REST API"' });
      return v3[1] ? restVariations(Number(v3[1]), url, res) : restProducts(url, res);
    }
    if (path.startsWith('/wp-json/')) return json(res, 404, { code: 'rest_no_route', message: 'Aucune route correspondante à l’URL et à la méthode de requête n’a été trouvée.', data: { status: 404 } });
    const page = /^\/produit\/([a-z0-9-]+)\/?$/.exec(path);
    if (page) return productPage(page[1], res);
    const upload = /^\/wp-content\/uploads\/.+\/([a-z0-9-]+)\.png$/.exec(path);
    if (upload) {
      const { contentType, body } = demoProductImage(products.find((p) => p.handle === upload[1]));
      return send(res, 200, contentType, body);
    }
    if (path === '/') return send(res, 200, 'text/html; charset=UTF-8', homePage(base));
    return send(res, 404, 'text/html; charset=UTF-8', '<!doctype html><title>Page non trouvée</title><h1>Oups ! Cette page est introuvable.</h1>');
  }

  /** WooCommerce reads `consumer_key`/`consumer_secret` first, then HTTP Basic (over HTTPS). */
  function authenticate(req: IncomingMessage, url: URL): object | undefined {
    let k = url.searchParams.get('consumer_key') ?? '';
    let s = url.searchParams.get('consumer_secret') ?? '';
    const header = options.stripAuthorizationHeader ? undefined : req.headers.authorization;
    if ((!k || !s) && header?.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      k = decoded.slice(0, colon);
      s = decoded.slice(colon + 1);
    }
    // An unknown or absent key leaves the visitor anonymous: the permission check answers.
    if (!k || !s || k !== key) return { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } };
    if (s !== secret) return { code: 'woocommerce_rest_authentication_error', message: 'Consumer secret is invalid.', data: { status: 401 } };
    return undefined;
  }

  function storeProducts(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    const perPage = perPageOf(q);
    if (perPage === undefined) return invalidPerPage(res);
    if (q.get('type') === 'variation') {
      const parent = products.find((p) => String(p.id) === q.get('parent'));
      const items = parent && isStoreVisible(parent) ? parent.variants.map((v) => storeVariation(parent, v)) : [];
      return paged(res, items, perPage, pageOf(q), false);
    }
    const listed = sortProducts(products.filter(isStoreVisible), q);
    return paged(res, listed.map(storeProduct), perPage, pageOf(q), true);
  }

  function restProducts(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    const perPage = perPageOf(q);
    if (perPage === undefined) return invalidPerPage(res);
    const status = q.get('status') ?? 'any';
    let listed = products.filter((p) => status === 'any' || (status === 'publish' ? p.published : status === 'draft' && !p.published));
    const after = q.get('modified_after');
    if (after && !options.ignoreModifiedAfter) {
      const threshold = Date.parse(after.replace(/Z$/, '') + 'Z') - (q.get('dates_are_gmt') === 'true' ? 0 : SITE_UTC_OFFSET_MS);
      listed = listed.filter((p) => Date.parse(p.updatedAt) > threshold);
    }
    return paged(res, sortProducts(listed, q).map(restProduct), perPage, pageOf(q), true);
  }

  function restVariations(id: number, url: URL, res: ServerResponse) {
    const p = products.find((x) => x.id === id);
    if (!p) return json(res, 404, { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } });
    const perPage = perPageOf(url.searchParams);
    if (perPage === undefined) return invalidPerPage(res);
    return paged(res, p.variants.map((v) => restVariation(p, v)), perPage, pageOf(url.searchParams), false);
  }

  function paged(res: ServerResponse, all: object[], perPage: number, page: number, listing: boolean): void {
    const hook = listing ? options.beforeListingPage : undefined;
    if (hook) {
      hook(page).then(
        () => servePage(res, all, perPage, page, listing),
        (e) => send(res, 500, 'text/plain', String(e)),
      );
      return;
    }
    servePage(res, all, perPage, page, listing);
  }

  function servePage(res: ServerResponse, all: object[], perPage: number, page: number, listing: boolean) {
    if (listing && options.failOnPage === page) {
      return send(res, 500, 'text/html; charset=UTF-8', '<!DOCTYPE html><html lang="fr"><body><p>Il y a eu une erreur critique sur ce site.</p></body></html>');
    }
    const totalPages = Math.ceil(all.length / perPage);
    if (page > Math.max(totalPages, 1)) {
      return json(res, 400, { code: 'rest_post_invalid_page_number', message: 'The page number requested is larger than the number of pages available.', data: { status: 400 } });
    }
    const served = listing && options.paginationLoop ? 1 : page;
    const headers = { 'X-WP-Total': String(all.length), 'X-WP-TotalPages': String(totalPages) };
    return json(res, 200, all.slice((served - 1) * perPage, served * perPage), headers);
  }

  function isStoreVisible(p: DemoProduct) {
    return p.published && !(options.hiddenIds ?? []).includes(p.id);
  }

  function permalink(p: DemoProduct) {
    return `${base}/produit/${p.handle}/`;
  }

  function images(p: DemoProduct) {
    const src = `${base}/wp-content/uploads/2026/10/${p.handle}.png`;
    return { id: p.id + 900_000, src, name: p.handle, alt: p.title };
  }

  function terms(name: string, id: number, taxonomy: 'product_cat' | 'product_tag' | 'product_brand') {
    const path = { product_cat: 'categorie-produit', product_tag: 'etiquette-produit', product_brand: 'marque' }[taxonomy];
    return { id, name, slug: slugify(name), link: `${base}/${path}/${slugify(name)}/` };
  }

  function attributeNames(p: DemoProduct) {
    return p.variants.length ? Object.keys(p.variants[0].options) : [];
  }

  function storeProduct(p: DemoProduct) {
    const prices = p.variants.length ? p.variants.map((v) => v.price) : [p.price];
    const min = Math.min(...prices);
    const regular = p.variants.length ? min : (p.compareAtPrice ?? p.price);
    const image = images(p);
    return {
      id: p.id,
      name: htmlEntities(p.title),
      slug: p.handle,
      parent: 0,
      type: p.variants.length ? 'variable' : 'simple',
      variation: '',
      permalink: permalink(p),
      sku: `SKU-${p.id}`,
      short_description: `<p>${htmlEntities(p.brand)}</p>`,
      description: p.descriptionHtml,
      on_sale: regular > min,
      prices: {
        ...storeMoney(min, regular),
        price_range: p.variants.length ? { min_amount: cents(min), max_amount: cents(Math.max(...prices)) } : null,
      },
      price_html: `<span class="woocommerce-Price-amount amount">${min.toFixed(2).replace('.', ',')}&nbsp;€</span>`,
      average_rating: '0',
      review_count: 0,
      images: [{ ...image, thumbnail: image.src, srcset: '', sizes: '' }],
      categories: [terms(p.category, 100 + (p.category.length % 50), 'product_cat')],
      tags: p.tags.map((t, i) => terms(t, 300 + i, 'product_tag')),
      brands: [terms(p.brand, 500 + (p.brand.length % 50), 'product_brand')],
      attributes: attributeNames(p).map((name, i) => ({
        id: i + 1,
        name,
        taxonomy: `pa_${slugify(name)}`,
        has_variations: true,
        terms: [...new Set(p.variants.map((v) => v.options[name]))].map((o, j) => ({ id: 700 + i * 10 + j, name: o, slug: slugify(o), default: false })),
      })),
      variations: p.variants.map((v) => ({ id: v.id, attributes: Object.entries(v.options).map(([name, value]) => ({ name, value: slugify(value) })) })),
      grouped_products: [],
      has_options: p.variants.length > 0,
      is_purchasable: true,
      is_in_stock: p.variants.length ? p.variants.some((v) => v.inStock) : p.inStock,
      is_on_backorder: false,
      low_stock_remaining: null,
      stock_availability: p.inStock ? { text: '', class: 'in-stock' } : { text: 'Rupture de stock', class: 'out-of-stock' },
      sold_individually: false,
      add_to_cart: { text: 'Ajouter au panier', description: `Ajouter « ${p.title} » à votre panier`, url: `?add-to-cart=${p.id}`, minimum: 1, maximum: 9999, multiple_of: 1 },
      extensions: {},
    };
  }

  function storeVariation(p: DemoProduct, v: DemoVariant) {
    const query = Object.entries(v.options).map(([n, o]) => `attribute_pa_${slugify(n)}=${slugify(o)}`).join('&');
    return {
      ...storeProduct({ ...p, variants: [] }),
      id: v.id,
      parent: p.id,
      type: 'variation',
      variation: Object.entries(v.options).map(([n, o]) => `${n}: ${o}`).join(', '),
      permalink: `${permalink(p)}?${query}`,
      sku: v.sku,
      on_sale: false,
      prices: { ...storeMoney(v.price, v.price), price_range: null },
      is_in_stock: v.inStock,
      attributes: [],
      variations: [],
      has_options: false,
    };
  }

  function restProduct(p: DemoProduct) {
    const prices = p.variants.map((v) => v.price);
    const price = prices.length ? Math.min(...prices) : p.price;
    const local = (iso: string) => new Date(Date.parse(iso) + SITE_UTC_OFFSET_MS).toISOString().slice(0, 19);
    const gmt = (iso: string) => iso.slice(0, 19);
    const image = images(p);
    return {
      id: p.id,
      name: p.title,
      slug: p.handle,
      permalink: permalink(p),
      date_created: local('2026-09-01T08:00:00Z'),
      date_created_gmt: '2026-09-01T08:00:00',
      date_modified: local(p.updatedAt),
      date_modified_gmt: gmt(p.updatedAt),
      type: p.variants.length ? 'variable' : 'simple',
      status: p.published ? 'publish' : 'draft',
      featured: false,
      catalog_visibility: (options.hiddenIds ?? []).includes(p.id) ? 'hidden' : 'visible',
      description: p.descriptionHtml,
      short_description: `<p>${htmlEntities(p.brand)}</p>`,
      sku: `SKU-${p.id}`,
      price: String(price),
      regular_price: p.variants.length ? String(price) : String(p.compareAtPrice ?? p.price),
      sale_price: !p.variants.length && p.compareAtPrice ? String(p.price) : '',
      on_sale: !p.variants.length && !!p.compareAtPrice,
      purchasable: true,
      total_sales: 0,
      virtual: false,
      downloadable: false,
      tax_status: 'taxable',
      manage_stock: !p.variants.length,
      stock_quantity: p.variants.length ? null : p.quantity,
      stock_status: (p.variants.length ? p.variants.some((v) => v.inStock) : p.inStock) ? 'instock' : 'outofstock',
      global_unique_id: p.gtin ?? '',
      categories: [terms(p.category, 100 + (p.category.length % 50), 'product_cat')].map(({ link, ...t }) => t),
      tags: p.tags.map((t, i) => terms(t, 300 + i, 'product_tag')).map(({ link, ...t }) => t),
      brands: [terms(p.brand, 500 + (p.brand.length % 50), 'product_brand')].map(({ link, ...t }) => t),
      images: [{ ...image, date_created_gmt: '2026-09-01T08:00:00', date_modified_gmt: '2026-09-01T08:00:00' }],
      attributes: attributeNames(p).map((name, i) => ({
        id: i + 1,
        name,
        slug: `pa_${slugify(name)}`,
        position: i,
        visible: true,
        variation: true,
        options: [...new Set(p.variants.map((v) => v.options[name]))],
      })),
      default_attributes: [],
      variations: p.variants.map((v) => v.id),
      meta_data: [],
    };
  }

  function restVariation(p: DemoProduct, v: DemoVariant) {
    return {
      id: v.id,
      date_modified_gmt: p.updatedAt.slice(0, 19),
      description: '',
      permalink: `${permalink(p)}?${Object.entries(v.options).map(([n, o]) => `attribute_pa_${slugify(n)}=${slugify(o)}`).join('&')}`,
      sku: v.sku,
      global_unique_id: '',
      price: String(v.price),
      regular_price: String(v.price),
      sale_price: '',
      on_sale: false,
      status: 'publish',
      purchasable: true,
      manage_stock: true,
      stock_quantity: v.quantity,
      stock_status: v.inStock ? 'instock' : 'outofstock',
      image: images(p),
      attributes: Object.entries(v.options).map(([name, option], i) => ({ id: i + 1, name, option })),
      meta_data: [],
    };
  }

  function productPage(slug: string, res: ServerResponse) {
    const p = products.find((x) => x.handle === slug && x.published);
    if (!p) return send(res, 404, 'text/html; charset=UTF-8', '<!doctype html><title>Page non trouvée</title>');
    const price = p.price.toFixed(2).replace('.', ',');
    send(res, 200, 'text/html; charset=UTF-8', `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${htmlEntities(p.title)} – Boutique</title></head><body><h1 class="product_title">${htmlEntities(p.title)}</h1><p class="price">${price}&nbsp;€</p><img src="/wp-content/uploads/2026/10/${p.handle}.png" alt=""></body></html>`);
  }

  function touch(id: number, change: (p: DemoProduct) => void, at?: string) {
    const p = products.find((x) => x.id === id);
    if (!p) throw new Error(`unknown product ${id}`);
    change(p);
    p.updatedAt = at ?? new Date().toISOString();
  }

  await listenOnLoopback(server, options.port);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    consumerKey: key,
    consumerSecret: secret,
    options,
    requests,
    setPrice: (id, price, at) => touch(id, (p) => {
      p.price = price;
      p.variants.forEach((v) => (v.price = price));
    }, at),
    setStock: (id, inStock, at) => touch(id, (p) => {
      p.inStock = inStock;
      p.variants.forEach((v) => (v.inStock = inStock));
    }, at),
    removeProduct: (id) => {
      const i = products.findIndex((p) => p.id === id);
      if (i >= 0) products.splice(i, 1);
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((e) => (e ? reject(e) : resolve()));
    }),
  };
}

function sortProducts(list: DemoProduct[], q: URLSearchParams): DemoProduct[] {
  const asc = q.get('order') === 'asc';
  // WooCommerce sorts by date by default; ids grow with creation date here.
  return [...list].sort((a, b) => (asc ? a.id - b.id : b.id - a.id));
}

function pageOf(q: URLSearchParams): number {
  const n = Number(q.get('page') ?? '1');
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

function perPageOf(q: URLSearchParams): number | undefined {
  const n = Number(q.get('per_page') ?? '10');
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : undefined;
}

function invalidPerPage(res: ServerResponse) {
  json(res, 400, { code: 'rest_invalid_param', message: 'Paramètre(s) non valide(s) : per_page', data: { status: 400, params: { per_page: 'per_page doit être compris entre 1 (inclus) et 100 (inclus)' } } });
}

function storeMoney(price: number, regular: number) {
  return {
    price: cents(price),
    regular_price: cents(regular),
    sale_price: cents(price),
    currency_code: 'EUR',
    currency_symbol: '€',
    currency_minor_unit: 2,
    currency_decimal_separator: ',',
    currency_thousand_separator: ' ',
    currency_prefix: '',
    currency_suffix: ' €',
  };
}

function cents(euros: number): string {
  return String(Math.round(euros * 100));
}

/** WordPress texturizes titles: apostrophes and ampersands arrive as entities. */
function htmlEntities(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/’/g, '&#8217;');
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

/** Carries the marks a WordPress + WooCommerce home page has, so platform detection sees a real one. */
function homePage(base: string): string {
  return `<!doctype html><html lang="fr-FR"><head><meta charset="UTF-8"><title>Boutique de démonstration</title>
<link rel="https://api.w.org/" href="${base}/wp-json/"><link rel="stylesheet" href="${base}/wp-content/plugins/woocommerce/assets/css/woocommerce.css"></head>
<body class="home woocommerce-page"><h1>Boutique WooCommerce</h1></body></html>`;
}

const LOGIN_PAGE = `<!DOCTYPE html><html lang="fr-FR"><head><meta charset="UTF-8"><title>Se connecter &lsaquo; Boutique &#8212; WordPress</title></head>
<body class="login"><div id="login"><h1><a href="https://fr.wordpress.org/">Propulsé par WordPress</a></h1>
<form name="loginform" id="loginform" action="/wp-login.php" method="post"><p><label for="user_login">Identifiant ou adresse e-mail</label>
<input type="text" name="log" id="user_login"></p><p><label for="user_pass">Mot de passe</label><input type="password" name="pwd" id="user_pass"></p>
<p class="submit"><input type="submit" name="wp-submit" id="wp-submit" value="Se connecter"></p></form></div></body></html>`;
