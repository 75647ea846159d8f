import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DemoProduct, slugify } from './demo-catalogue';
import { listenOnLoopback } from './listen';
import { demoProductImage } from './demo-image';

/**
 * A PrestaShop 1.7 / 8 shop on loopback: the webservice under /api/ (Basic auth with the
 * key as user, JSON with `output_format=JSON`, display / filter / sort / limit as
 * PrestaShop parses them), prices stored tax excluded with French VAT rules (20 %, and
 * 5.5 % for food and books; a German rule in the same group must be ignored), two
 * languages (fr id 1, en id 2), combinations and stock_availables; plus the storefront:
 * product pages behind the index.php redirect, and product images.
 */
export interface PrestashopServerOptions {
  /** Fixed loopback port (the demo); default: any free port. */
  port?: number;
  products: DemoProduct[];
  apiKey?: string;
  /** Resources the key may read (GET); all by default. */
  permissions?: string[];
  /** Products kept enabled but hidden everywhere (visibility "none"). */
  hiddenIds?: number[];
}

export interface PrestashopFaults {
  /** Answer 500 to the products page that starts at this offset. */
  failProductsOffset?: number;
  /** Answer every webservice call with the HTML maintenance page (status 200). */
  maintenance?: boolean;
  /** The back office switch "Enable PrestaShop's webservice" is off: 503. */
  webserviceDisabled?: boolean;
}

export interface PrestashopServer {
  url: string;
  apiKey: string;
  /** Every webservice request, path and query, in order. */
  requests: Array<{ path: string; query: URLSearchParams }>;
  faults: PrestashopFaults;
  /** New tax-included price; the product's date_upd moves to `at` (now by default). */
  setPrice(id: number, priceTaxIncluded: number, at?: Date): void;
  /** Stock changes do not touch the product's date_upd, as in PrestaShop. */
  setStock(id: number, quantity: number): void;
  removeProduct(id: number): void;
  close(): Promise<void>;
}

export const DEMO_PRESTASHOP_KEY = 'VITRINESDEMOPRESTASHOPKEY0000001';
/** VAT as a French shop sets it up: 5.5 % for food and books, 20 % for the rest. */
const REDUCED = new Set(['Boulangerie', 'Épicerie fine', 'Fromagerie', 'Librairie']);
const vatGroup = (p: DemoProduct) => (REDUCED.has(p.category) ? 2 : 1);
const vatRate = (p: DemoProduct) => (REDUCED.has(p.category) ? 5.5 : 20);
const FRANCE_ID = 8;
const ALL_RESOURCES = [
  'categories', 'combinations', 'countries', 'images', 'languages', 'manufacturers', 'product_option_values',
  'product_options', 'products', 'stock_availables', 'tax_rule_groups', 'tax_rules', 'taxes',
];
const SINGULAR: Record<string, string> = {
  categories: 'category', combinations: 'combination', countries: 'country', languages: 'language', manufacturers: 'manufacturer',
  product_option_values: 'product_option_value', product_options: 'product_option', products: 'product',
  stock_availables: 'stock_available', tax_rule_groups: 'tax_rule_group', tax_rules: 'tax_rule', taxes: 'tax',
};
const REALM = 'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."';

type Rec = Record<string, unknown>;
const loc = (fr: string, en: string) => [{ id: '1', value: fr }, { id: '2', value: en }];
const money = (n: number) => (Math.round(n * 1e6) / 1e6).toFixed(6);
const excl = (ttc: number, rate: number) => Math.round((ttc / (1 + rate / 100)) * 1e6) / 1e6;

/** "YYYY-MM-DD HH:MM:SS" in Europe/Paris, as PrestaShop stores dates for a French shop. */
export function parisTime(d: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

export async function startPrestashopServer(options: PrestashopServerOptions): Promise<PrestashopServer> {
  const apiKey = options.apiKey ?? DEMO_PRESTASHOP_KEY;
  const permissions = new Set(options.permissions ?? ALL_RESOURCES);
  const hidden = new Set(options.hiddenIds ?? []);
  const products: DemoProduct[] = options.products.map((p) => structuredClone(p));
  const dateUpd = new Map(products.map((p) => [p.id, parisTime(new Date(p.updatedAt))]));
  const categoryNames = [...new Set(products.map((p) => p.category))];
  const categoryId = (name: string) => 3 + categoryNames.indexOf(name);
  const optionNames = [...new Set(products.flatMap((p) => p.variants.flatMap((v) => Object.keys(v.options))))];
  const optionValues: Array<{ id: number; group: number; name: string }> = [];
  for (const p of products) for (const v of p.variants) for (const [k, val] of Object.entries(v.options)) {
    const group = optionNames.indexOf(k) + 1;
    if (!optionValues.some((o) => o.group === group && o.name === val)) optionValues.push({ id: optionValues.length + 1, group, name: val });
  }
  const faults: PrestashopFaults = {};
  const requests: PrestashopServer['requests'] = [];

  const productRec = (p: DemoProduct): Rec => {
    const base = excl(p.price, vatRate(p));
    const total = p.variants.length ? p.variants.reduce((s, v) => s + v.quantity, 0) : p.quantity;
    return {
      id: p.id, id_manufacturer: String(1 + (p.brand.length % 7)), id_supplier: '0', id_category_default: String(categoryId(p.category)),
      new: null, cache_default_attribute: String(p.variants[0]?.id ?? 0), id_default_image: String(p.id),
      id_default_combination: String(p.variants[0]?.id ?? 0), id_tax_rules_group: String(vatGroup(p)), type: p.variants.length ? 'combinations' : 'simple',
      id_shop_default: '1', reference: `REF-${p.id}`, ean13: p.gtin ?? '', isbn: '', upc: '', mpn: '', state: '1',
      manufacturer_name: p.brand, quantity: String(total), on_sale: '0', online_only: '0', ecotax: '0.000000', minimal_quantity: '1',
      price: money(base), wholesale_price: '0.000000', unity: '', unit_price_ratio: '0.000000', active: p.published ? '1' : '0',
      available_for_order: '1', show_price: '1', condition: 'new', indexed: '1', visibility: hidden.has(p.id) ? 'none' : 'both',
      date_add: '2026-01-05 10:00:00', date_upd: dateUpd.get(p.id),
      meta_title: loc('', ''), link_rewrite: loc(p.handle, `en-${p.handle}`), name: loc(p.title, `[EN] ${p.title}`),
      description: loc(p.descriptionHtml, `<p>[EN] ${p.title}</p>`), description_short: loc(`<p>${p.title}</p>`, `<p>[EN] ${p.title}</p>`),
      available_now: loc('En stock', 'In stock'), available_later: loc('', ''),
      associations: {
        categories: [{ id: '2' }, { id: String(categoryId(p.category)) }],
        images: [{ id: String(p.id) }],
        ...(p.variants.length ? { combinations: p.variants.map((v) => ({ id: String(v.id) })) } : {}),
        stock_availables: [{ id: String(p.id * 100), id_product_attribute: '0' }, ...p.variants.map((v, i) => ({ id: String(p.id * 100 + i + 1), id_product_attribute: String(v.id) }))],
      },
    };
  };

  const tables = (): Record<string, Rec[]> => ({
    languages: [
      { id: 1, name: 'Français (French)', iso_code: 'fr', locale: 'fr-FR', language_code: 'fr', active: '1', is_rtl: '0', date_format_lite: 'd/m/Y', date_format_full: 'd/m/Y H:i:s' },
      { id: 2, name: 'English (English)', iso_code: 'en', locale: 'en-US', language_code: 'en-us', active: '1', is_rtl: '0', date_format_lite: 'm/d/Y', date_format_full: 'm/d/Y H:i:s' },
    ],
    countries: [
      { id: 1, id_zone: '1', id_currency: '0', call_prefix: '49', iso_code: 'DE', active: '1', contains_states: '0', name: loc('Allemagne', 'Germany') },
      { id: FRANCE_ID, id_zone: '1', id_currency: '0', call_prefix: '33', iso_code: 'FR', active: '1', contains_states: '0', name: loc('France', 'France') },
    ],
    taxes: [
      { id: 1, rate: '20.000', active: '1', deleted: '0', name: loc('TVA FR 20%', 'TVA FR 20%') },
      { id: 2, rate: '19.000', active: '1', deleted: '0', name: loc('USt. DE 19%', 'USt. DE 19%') },
      { id: 3, rate: '5.500', active: '1', deleted: '0', name: loc('TVA FR 5.5%', 'TVA FR 5.5%') },
    ],
    tax_rule_groups: [
      { id: 1, name: 'FR Taux standard (20%)', active: '1', deleted: '0', date_add: '2026-01-01 00:00:00', date_upd: '2026-01-01 00:00:00' },
      { id: 2, name: 'FR Taux réduit (5.5%)', active: '1', deleted: '0', date_add: '2026-01-01 00:00:00', date_upd: '2026-01-01 00:00:00' },
      // An old group no product uses any more; PrestaShop ignores inactive groups.
      { id: 3, name: 'FR Ancien taux (19.6%)', active: '0', deleted: '0', date_add: '2012-01-01 00:00:00', date_upd: '2014-01-01 00:00:00' },
    ],
    // The same group taxes Germany at 19 %: only the French rule may be applied.
    tax_rules: [
      { id: 1, id_tax_rules_group: '1', id_state: '0', id_country: '1', zipcode_from: '0', zipcode_to: '0', id_tax: '2', behavior: '0', description: '' },
      { id: 2, id_tax_rules_group: '1', id_state: '0', id_country: String(FRANCE_ID), zipcode_from: '0', zipcode_to: '0', id_tax: '1', behavior: '0', description: '' },
      { id: 3, id_tax_rules_group: '2', id_state: '0', id_country: String(FRANCE_ID), zipcode_from: '0', zipcode_to: '0', id_tax: '3', behavior: '0', description: '' },
    ],
    categories: [
      { id: 1, id_parent: '0', level_depth: '0', active: '1', is_root_category: '0', name: loc('Racine', 'Root'), link_rewrite: loc('racine', 'root') },
      { id: 2, id_parent: '1', level_depth: '1', active: '1', is_root_category: '1', name: loc('Accueil', 'Home'), link_rewrite: loc('accueil', 'home') },
      ...categoryNames.map((n) => ({ id: categoryId(n), id_parent: '2', level_depth: '2', active: '1', is_root_category: '0', name: loc(n, `[EN] ${n}`), link_rewrite: loc(slugify(n), `en-${slugify(n)}`) })),
    ],
    product_options: optionNames.map((n, i) => ({ id: i + 1, is_color_group: n === 'Couleur' ? '1' : '0', group_type: n === 'Couleur' ? 'color' : 'select', position: String(i), name: loc(n, `[EN] ${n}`), public_name: loc(n, `[EN] ${n}`) })),
    product_option_values: optionValues.map((o) => ({ id: o.id, id_attribute_group: String(o.group), color: '', position: '0', name: loc(o.name, o.name) })),
    products: products.map(productRec),
    combinations: products.flatMap((p) => p.variants.map((v, i) => ({
      id: v.id, id_product: String(p.id), location: '', ean13: '', isbn: '', upc: '', mpn: '', quantity: String(v.quantity), reference: v.sku,
      supplier_reference: '', wholesale_price: '0.000000', price: money(excl(v.price, vatRate(p)) - excl(p.price, vatRate(p))), ecotax: '0.000000', weight: '0.000000',
      unit_price_impact: '0.000000', minimal_quantity: '1', default_on: i === 0 ? '1' : null, available_date: '0000-00-00',
      associations: { product_option_values: Object.entries(v.options).map(([k, val]) => ({ id: String(optionValues.find((o) => o.group === optionNames.indexOf(k) + 1 && o.name === val)!.id) })) },
    }))),
    stock_availables: products.flatMap((p) => {
      const row = (id: number, attr: number, q: number) => ({ id, id_product: String(p.id), id_product_attribute: String(attr), id_shop: '1', id_shop_group: '0', quantity: String(q), depends_on_stock: '0', out_of_stock: '2', location: '' });
      const total = p.variants.length ? p.variants.reduce((s, v) => s + v.quantity, 0) : p.quantity;
      return [row(p.id * 100, 0, total), ...p.variants.map((v, i) => row(p.id * 100 + i + 1, v.id, v.quantity))];
    }),
    manufacturers: [],
  });

  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (e) {
      send(res, 500, 'application/json', JSON.stringify({ errors: [{ code: 0, message: String(e) }] }));
    }
  });

  function route(req: IncomingMessage, res: ServerResponse) {
    const u = new URL(req.url ?? '/', 'http://localhost');
    if (u.pathname === '/api' || u.pathname.startsWith('/api/')) return webservice(req, res, u);
    if (u.pathname === '/index.php' && u.searchParams.get('controller') === 'product') {
      const p = storefrontProduct(Number(u.searchParams.get('id_product')));
      if (!p) return send(res, 404, 'text/html; charset=utf-8', page('Page introuvable', 'Ce produit n’existe pas.'));
      res.writeHead(302, { Location: `/${slugify(p.category)}/${p.id}-${p.handle}.html` }).end();
      return;
    }
    const productPage = /^\/[a-z0-9-]+\/(\d+)-([a-z0-9-]+)\.html$/.exec(u.pathname);
    if (productPage) {
      const p = storefrontProduct(Number(productPage[1]));
      if (!p) return send(res, 404, 'text/html; charset=utf-8', page('Page introuvable', 'Ce produit n’existe pas.'));
      return send(res, 200, 'text/html; charset=utf-8', page(p.title, `${p.price.toFixed(2).replace('.', ',')} € TTC`));
    }
    const image = /^\/(\d+)-large_default\/[a-z0-9-]+\.jpg$/.exec(u.pathname) ?? /^\/img\/p\/[\d/]+\/(\d+)-large_default\.jpg$/.exec(u.pathname);
    const imaged = image && products.find((p) => p.id === Number(image[1]));
    if (imaged) {
      const { contentType, body } = demoProductImage(imaged);
      return send(res, 200, contentType, body);
    }
    send(res, 404, 'text/html; charset=utf-8', page('Page introuvable', ''));
  }

  function storefrontProduct(id: number): DemoProduct | undefined {
    return products.find((p) => p.id === id && p.published);
  }

  function webservice(req: IncomingMessage, res: ServerResponse, u: URL) {
    requests.push({ path: u.pathname, query: u.searchParams });
    const json = (u.searchParams.get('output_format') ?? String(req.headers['output-format'] ?? '')).toUpperCase() === 'JSON';
    const fail = (status: number, code: number, message: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, headers);
      if (json) res.end(JSON.stringify({ errors: [{ code, message }] }));
      else res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<errors>\n<error>\n<code><![CDATA[${code}]]></code>\n<message><![CDATA[${message}]]></message>\n</error>\n</errors>\n</prestashop>\n`);
    };
    if (faults.maintenance) {
      return send(res, 200, 'text/html; charset=utf-8', page('Boutique en maintenance', 'Nous revenons très vite.'));
    }
    if (faults.webserviceDisabled) return fail(503, 22, 'The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office');
    const auth = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    const user = auth ? Buffer.from(auth[1], 'base64').toString('utf8').split(':')[0] : u.searchParams.get('ws_key');
    if (!user) return send(res, 401, 'text/plain', '401 Unauthorized', { 'WWW-Authenticate': REALM });
    if (user !== apiKey) return fail(401, 20, 'Authentification key is not active', { 'WWW-Authenticate': REALM });

    const [resource, id] = u.pathname.replace(/^\/api\/?/, '').split('/').filter(Boolean);
    if (!resource) return rootListing(res, u, json);
    if (!ALL_RESOURCES.includes(resource)) return fail(400, 19, `Resource of type "${resource}" does not exists. Did you mean: "products"?`);
    if (!permissions.has(resource)) return fail(401, 26, `Resource of type "${resource}" is not allowed with this authentication key`);
    if (!json) return fail(400, 0, 'This local shop only speaks JSON (add output_format=JSON)');
    let rows = tables()[resource];
    if (id !== undefined) {
      const row = rows.find((r) => String(r.id) === id);
      if (!row) return fail(404, 87, `Id(s) not exists: ${id}`);
      return send(res, 200, 'application/json', JSON.stringify({ [SINGULAR[resource]]: row }));
    }
    const limit = (u.searchParams.get('limit') ?? '').split(',').map((n) => parseInt(n, 10));
    if (resource === 'products' && faults.failProductsOffset !== undefined && limit.length === 2 && limit[0] === faults.failProductsOffset) {
      return fail(500, 0, 'Internal error');
    }
    for (const [key, raw] of u.searchParams) {
      const field = /^filter\[(\w+)\]$/.exec(key)?.[1];
      if (!field) continue;
      if ((field === 'date_upd' || field === 'date_add') && u.searchParams.get('date') !== '1') return fail(400, 32, `This filter does not exist. Did you mean: "${field}"?`);
      const match = matcher(raw);
      if (!match || (rows[0] && !(field in rows[0]))) return fail(400, 32, `This filter does not exist or is malformed: ${field}`);
      rows = rows.filter((r) => match(String(r[field] ?? '')));
    }
    const sort = /^\[?(\w+)_(ASC|DESC)\]?$/.exec(u.searchParams.get('sort') ?? '');
    if (sort) rows = [...rows].sort((a, b) => cmp(String(a[sort[1]]), String(b[sort[1]])) * (sort[2] === 'DESC' ? -1 : 1));
    if (limit.length === 2 && limit.every(Number.isFinite)) rows = rows.slice(limit[0], limit[0] + limit[1]);
    else if (limit.length === 1 && Number.isFinite(limit[0])) rows = rows.slice(0, limit[0]);
    const display = u.searchParams.get('display');
    const fields = display === 'full' ? undefined : display ? display.replace(/^\[|\]$/g, '').split(',') : ['id'];
    const out = fields ? rows.map((r) => Object.fromEntries(fields.map((f) => [f, r[f]]))) : rows;
    // PrestaShop's JSON quirk: an empty list is [] rather than {"products": []}.
    send(res, 200, 'application/json', JSON.stringify(out.length ? { [resource]: out } : []));
  }

  function rootListing(res: ServerResponse, u: URL, json: boolean) {
    const base = `http://${u.host || 'localhost'}/api/`;
    const readable = ALL_RESOURCES.filter((r) => permissions.has(r));
    if (json) return send(res, 200, 'application/json', JSON.stringify(readable));
    const items = readable
      .map((r) => `<${r} xlink:href="${base}${r}" get="true" put="false" post="false" patch="false" delete="false" head="true">\n<description xlink:href="${base}${r}" get="true" put="false" post="false" patch="false" delete="false" head="true">The ${r}</description>\n<schema xlink:href="${base}${r}?schema=blank" type="blank"/>\n<schema xlink:href="${base}${r}?schema=synopsis" type="synopsis"/>\n</${r}>`)
      .join('\n');
    send(res, 200, 'text/xml;charset=utf-8', `<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<api shopName="Boutique de démonstration">\n${items}\n</api>\n</prestashop>\n`);
  }

  await listenOnLoopback(server, options.port);
  const { port } = server.address() as AddressInfo;
  const find = (id: number) => {
    const p = products.find((x) => x.id === id);
    if (!p) throw new Error(`No product ${id}`);
    return p;
  };
  return {
    url: `http://127.0.0.1:${port}/`,
    apiKey,
    requests,
    faults,
    setPrice(id, price, at = new Date()) {
      find(id).price = price;
      dateUpd.set(id, parisTime(at));
    },
    setStock(id, quantity) {
      const p = find(id);
      p.quantity = quantity;
      p.inStock = quantity > 0;
    },
    removeProduct(id) {
      products.splice(products.indexOf(find(id)), 1);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** PrestaShop filter values: [a|b] any of, [a,b] interval, [a] literal (case-insensitive). */
function matcher(raw: string): ((v: string) => boolean) | undefined {
  const m = /^\[(.*)\]$/.exec(raw);
  if (!m) return undefined;
  if (m[1].includes('|')) {
    const set = new Set(m[1].split('|').map((s) => s.toLowerCase()));
    return (v) => set.has(v.toLowerCase());
  }
  const parts = m[1].split(',');
  if (parts.length === 2) return (v) => cmp(v, parts[0]) >= 0 && cmp(v, parts[1]) <= 0;
  return (v) => v.toLowerCase() === m[1].toLowerCase();
}

function cmp(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function page(title: string, body: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1><p>${esc(body)}</p></body></html>`;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': type, ...headers });
  res.end(body);
}
