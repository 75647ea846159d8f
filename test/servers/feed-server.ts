/**
 * A local shop publishing its catalogue as a product feed, the way Google Merchant
 * Center feeds are written: a CSV/TSV text file with the specification's column names
 * (or their French equivalents), an RSS 2.0 file with the `g:` namespace, or an Atom file.
 * It answers conditional GETs (ETag, Last-Modified, 304), compresses with gzip when
 * asked, and streams the body so that a feed of hundreds of thousands of rows never sits
 * in memory. Product pages and images are served too, so a click-out lands somewhere.
 */
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import * as iconv from 'iconv-lite';
import type { DemoProduct } from './demo-catalogue';
import { listenOnLoopback } from './listen';
import { demoProductImage } from './demo-image';

export type FeedServerFormat = 'csv' | 'tsv' | 'rss' | 'atom';

export interface FeedServerSettings {
  /** CSV only; TSV always uses tabs. */
  delimiter: ',' | ';' | '|';
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252';
  /** "12,50 €" instead of "12.50 EUR". */
  decimalComma: boolean;
  /** identifiant;titre;prix… instead of id,title,price… */
  frenchHeaders: boolean;
  /** Lists the first variant of each product in place and the others at the end of the feed. */
  scatterVariants: boolean;
}

export interface FeedServerFaults {
  /** The shop's home page (200, text/html) instead of the feed. */
  htmlInsteadOfFeed?: boolean;
  /** Adds rows a merchant typically breaks: no price, a price in words, a missing column, no title. */
  brokenRows?: boolean;
  /** Compress the feed when the client accepts gzip. */
  gzip?: boolean;
}

export interface FeedServerOptions extends FeedServerFaults, Partial<FeedServerSettings> {
  /** The catalogue, or a factory that generates it on every request (very large feeds). */
  products: DemoProduct[] | (() => Iterable<DemoProduct>);
  /** The format `url` points at. */
  format?: FeedServerFormat;
  /** Fixed loopback port (the demo); default: any free port. */
  port?: number;
}

export interface FeedServer {
  /** The feed in the format chosen at start. */
  url: string;
  origin: string;
  feedUrl(format: FeedServerFormat): string;
  settings: FeedServerSettings;
  faults: FeedServerFaults;
  /** Every feed request, in order, with what it was answered. */
  requests: Array<{ path: string; status: number; ifNoneMatch?: string; ifModifiedSince?: string; acceptEncoding?: string; contentEncoding?: string }>;
  products(): DemoProduct[];
  setPrice(id: number, price: number): void;
  removeProduct(id: number): void;
  updateProduct(id: number, patch: Partial<DemoProduct>): void;
  close(): Promise<void>;
}

const PATHS: Record<FeedServerFormat, string> = { csv: '/flux/produits.csv', tsv: '/flux/produits.tsv', rss: '/flux/produits.xml', atom: '/flux/produits.atom' };
const CONTENT_TYPES: Record<FeedServerFormat, string> = { csv: 'text/csv', tsv: 'text/tab-separated-values', rss: 'application/rss+xml', atom: 'application/atom+xml' };
const HOME_PAGE = '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Boutique</title></head><body><h1>Bienvenue dans notre boutique</h1></body></html>';
/** Lines gathered into one write, so a large feed is not sent a few bytes at a time. */
const WRITE_CHUNK = 64 * 1024;

export async function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  const generated = typeof options.products === 'function' ? options.products : undefined;
  let catalogue: DemoProduct[] = generated ? [] : structuredClone(options.products as DemoProduct[]);
  const settings: FeedServerSettings = {
    delimiter: options.delimiter ?? ',',
    encoding: options.encoding ?? 'utf-8',
    decimalComma: options.decimalComma ?? false,
    frenchHeaders: options.frenchHeaders ?? false,
    scatterVariants: options.scatterVariants ?? false,
  };
  const faults: FeedServerFaults = { htmlInsteadOfFeed: options.htmlInsteadOfFeed, brokenRows: options.brokenRows, gzip: options.gzip };
  const requests: FeedServer['requests'] = [];
  let version = 1;
  // HTTP dates have one-second precision: every change moves Last-Modified by at least a second.
  let lastModified = Math.floor(Date.now() / 1000) * 1000;
  let origin = '';

  const source = (): Iterable<DemoProduct> => (generated ? generated() : catalogue);
  const touched = () => {
    version++;
    lastModified = Math.max(Math.floor(Date.now() / 1000) * 1000, lastModified + 1000);
  };
  const mutable = () => {
    if (generated) throw new Error('A generated feed cannot be edited');
  };
  const etagOf = (format: FeedServerFormat) =>
    `"${createHash('sha1').update(`${version}|${format}|${JSON.stringify(settings)}|${JSON.stringify(faults)}`).digest('hex').slice(0, 16)}"`;

  async function serveFeed(req: IncomingMessage, res: ServerResponse, format: FeedServerFormat, path: string): Promise<void> {
    const record = { path, status: 200, ifNoneMatch: header(req, 'if-none-match'), ifModifiedSince: header(req, 'if-modified-since'), acceptEncoding: header(req, 'accept-encoding'), contentEncoding: undefined as string | undefined };
    requests.push(record);
    if (faults.htmlInsteadOfFeed) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(HOME_PAGE);
      return;
    }
    const etag = etagOf(format);
    const validators = { ETag: etag, 'Last-Modified': new Date(lastModified).toUTCString() };
    if (notModified(record.ifNoneMatch, record.ifModifiedSince, etag, lastModified)) {
      record.status = 304;
      res.writeHead(304, validators);
      res.end();
      return;
    }
    const charset = settings.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
    const gzip = !!faults.gzip && /\bgzip\b/.test(record.acceptEncoding ?? '');
    record.contentEncoding = gzip ? 'gzip' : undefined;
    res.writeHead(200, { ...validators, 'Content-Type': `${CONTENT_TYPES[format]}; charset=${charset}`, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
    const lines = feedLines(source, { format, origin, settings, brokenRows: !!faults.brokenRows });
    const body = Readable.from(encodeChunks(lines, settings.encoding));
    await pipeline(gzip ? [body, createGzip(), res] : [body, res]).catch(() => {
      // The client went away mid-feed (a probe stops after a few rows): nothing to do.
    });
  }

  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', origin);
    const format = (Object.keys(PATHS) as FeedServerFormat[]).find((f) => PATHS[f] === u.pathname);
    if (format && req.method === 'GET') return void serveFeed(req, res, format, u.pathname);
    const image = u.pathname.match(/^\/images\/(\d+)\.jpg$/);
    if (image && req.method === 'GET') {
      const { contentType, body } = demoProductImage(generated ? undefined : catalogue.find((p) => p.id === Number(image[1])));
      return send(res, 200, contentType, body);
    }
    const page = u.pathname.match(/^\/produits\/([a-z0-9-]+)$/);
    if (page && req.method === 'GET') {
      const product = generated ? undefined : catalogue.find((p) => p.handle === page[1] && p.published);
      if (!product && !generated) return send(res, 404, 'text/html; charset=utf-8', '<!DOCTYPE html><title>Introuvable</title><h1>Produit introuvable</h1>');
      const title = escapeHtml(product?.title ?? page[1]);
      return send(res, 200, 'text/html; charset=utf-8', `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1></body></html>`);
    }
    if (u.pathname === '/' && req.method === 'GET') return send(res, 200, 'text/html; charset=utf-8', HOME_PAGE);
    send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  });
  await listenOnLoopback(server, options.port);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const feedUrl = (format: FeedServerFormat) => `${origin}${PATHS[format]}`;

  return {
    url: feedUrl(options.format ?? 'csv'),
    origin,
    feedUrl,
    settings,
    faults,
    requests,
    products: () => (generated ? [...generated()] : structuredClone(catalogue)),
    setPrice(id, price) {
      mutable();
      const p = catalogue.find((x) => x.id === id);
      if (!p) throw new Error(`No product ${id}`);
      p.price = price;
      p.variants.forEach((v, i) => (v.price = Math.round((price + i * 2) * 100) / 100));
      p.updatedAt = new Date().toISOString();
      touched();
    },
    removeProduct(id) {
      mutable();
      catalogue = catalogue.filter((p) => p.id !== id);
      touched();
    },
    updateProduct(id, patch) {
      mutable();
      const p = catalogue.find((x) => x.id === id);
      if (!p) throw new Error(`No product ${id}`);
      Object.assign(p, { updatedAt: new Date().toISOString() }, patch);
      touched();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** RFC 9110: If-None-Match decides when present; If-Modified-Since only without it. */
function notModified(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, etag: string, lastModified: number): boolean {
  if (ifNoneMatch) return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
  if (ifModifiedSince) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && lastModified <= since;
  }
  return false;
}

async function* encodeChunks(lines: Iterable<string>, encoding: FeedServerSettings['encoding']): AsyncGenerator<Buffer> {
  if (encoding === 'utf-8-bom') yield Buffer.from([0xef, 0xbb, 0xbf]);
  let pending = '';
  for (const line of lines) {
    pending += line;
    if (pending.length >= WRITE_CHUNK) {
      yield encoding === 'windows-1252' ? iconv.encode(pending, 'windows-1252') : Buffer.from(pending, 'utf8');
      pending = '';
    }
  }
  if (pending) yield encoding === 'windows-1252' ? iconv.encode(pending, 'windows-1252') : Buffer.from(pending, 'utf8');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// ---- Rendering: one DemoProduct → one feed row per offer (a row per variant, grouped by item_group_id).

interface RenderOptions {
  format: FeedServerFormat;
  origin: string;
  settings: FeedServerSettings;
  brokenRows: boolean;
}

type Row = Record<(typeof COLUMNS)[number], string>;

/** Google Merchant Center attribute names, in the order they are written. */
const COLUMNS = ['id', 'item_group_id', 'title', 'description', 'link', 'image_link', 'price', 'sale_price', 'availability', 'quantity', 'brand', 'gtin', 'product_type', 'color', 'size', 'updated'] as const;
const FRENCH_COLUMNS: Record<(typeof COLUMNS)[number], string> = {
  id: 'identifiant', item_group_id: 'id_groupe', title: 'titre', description: 'description', link: 'lien', image_link: 'image', price: 'prix', sale_price: 'prix_promo',
  availability: 'disponibilite', quantity: 'quantite', brand: 'marque', gtin: 'ean', product_type: 'categorie', color: 'couleur', size: 'taille', updated: 'mise_a_jour',
};

function* feedLines(source: () => Iterable<DemoProduct>, o: RenderOptions): Generator<string> {
  const text = o.format === 'csv' || o.format === 'tsv';
  const sep = o.format === 'tsv' ? '\t' : o.settings.delimiter;
  if (text) yield COLUMNS.map((c) => (o.settings.frenchHeaders ? FRENCH_COLUMNS[c] : c)).join(sep) + '\r\n';
  else yield o.format === 'rss'
    ? '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n<title>Boutique de démonstration</title>\n<link>' + o.origin + '/</link>\n<description>Flux produits</description>\n'
    : '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:g="http://base.google.com/ns/1.0">\n<title>Boutique de démonstration</title>\n<link rel="self" href="' + o.origin + '/flux/produits.atom"/>\n<updated>2026-10-01T00:00:00Z</updated>\n';
  const render = (row: Row) => (text ? textLine(row, sep, o.format === 'tsv') : xmlItem(row, o.format === 'atom'));
  let index = 0;
  for (const p of source()) {
    if (!p.published) continue;
    const rows = rowsOf(p, o);
    yield* (o.settings.scatterVariants ? rows.slice(0, 1) : rows).map(render);
    if (o.brokenRows && index++ === 1) yield* brokenRows(o, text, sep);
  }
  if (o.settings.scatterVariants) {
    for (const p of source()) if (p.published) yield* rowsOf(p, o).slice(1).map(render);
  }
  if (!text) yield o.format === 'rss' ? '</channel>\n</rss>\n' : '</feed>\n';
}

function rowsOf(p: DemoProduct, o: RenderOptions): Row[] {
  const money = (n: number) => (o.settings.decimalComma ? `${n.toFixed(2).replace('.', ',')} €` : `${n.toFixed(2)} EUR`);
  const onSale = p.compareAtPrice !== undefined && p.compareAtPrice > p.price;
  const common = {
    description: p.descriptionHtml, image_link: `${o.origin}${p.imagePath}`, brand: p.brand, gtin: p.gtin ?? '', product_type: p.category, updated: p.updatedAt,
  };
  if (!p.variants.length) {
    return [{
      ...common, id: String(p.id), item_group_id: '', title: p.title, link: `${o.origin}/produits/${p.handle}`,
      price: money(onSale ? p.compareAtPrice! : p.price), sale_price: onSale ? money(p.price) : '',
      availability: p.inStock ? 'in_stock' : 'out_of_stock', quantity: String(p.quantity), color: '', size: '',
    }];
  }
  return p.variants.map((v) => ({
    ...common, id: v.sku, item_group_id: String(p.id), title: `${p.title} - ${v.options.Couleur ?? ''} - ${v.options.Taille ?? ''}`,
    link: `${o.origin}/produits/${p.handle}?variant=${v.id}`, price: money(v.price), sale_price: '',
    availability: v.inStock ? 'in_stock' : 'out_of_stock', quantity: String(v.quantity), color: v.options.Couleur ?? '', size: v.options.Taille ?? '', gtin: '',
  }));
}

/** The mistakes merchants make by hand: no price, a price in words, a column lost, no title. */
function brokenRows(o: RenderOptions, text: boolean, sep: string): string[] {
  const base: Row = {
    id: '', item_group_id: '', title: 'Article cassé', description: '', link: `${o.origin}/produits/article-casse`, image_link: '', price: '10.00 EUR', sale_price: '',
    availability: 'in_stock', quantity: '1', brand: '', gtin: '', product_type: '', color: '', size: '', updated: '',
  };
  const rows: Row[] = [
    { ...base, id: 'CASSE-SANS-PRIX', price: '' },
    { ...base, id: 'CASSE-PRIX-EN-LETTRES', price: 'sur demande' },
    { ...base, id: 'CASSE-SANS-TITRE', title: '' },
  ];
  if (!text) return rows.map((r) => xmlItem(r, o.format === 'atom'));
  const short = textLine({ ...base, id: 'CASSE-COLONNE' }, sep, o.format === 'tsv').split(sep).slice(0, -2).join(sep) + '\r\n';
  return [...rows.map((r) => textLine(r, sep, o.format === 'tsv')), short];
}

function textLine(row: Row, sep: string, tsv: boolean): string {
  return COLUMNS.map((c) => {
    const v = row[c];
    // TSV has no quoting in Google's text format: tabs and line breaks become spaces.
    if (tsv) return v.replace(/[\t\r\n]+/g, ' ');
    return /["\r\n]/.test(v) || v.includes(sep) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(sep) + '\r\n';
}

function xmlItem(row: Row, atom: boolean): string {
  const el = (name: string, v: string) => (v ? `<${name}>${escapeXml(v)}</${name}>` : '');
  const g = (name: string, v: string) => el(`g:${name}`, v);
  const parts = atom
    ? [g('id', row.id), el('title', row.title), row.link ? `<link rel="alternate" href="${escapeXml(row.link)}"/>` : '', el('summary', row.description), el('updated', row.updated)]
    : [g('id', row.id), el('title', row.title), el('link', row.link), el('description', row.description), row.updated ? el('pubDate', new Date(row.updated).toUTCString()) : ''];
  parts.push(
    g('image_link', row.image_link), g('price', row.price), g('sale_price', row.sale_price), g('availability', row.availability.replace('_', ' ')), g('quantity', row.quantity),
    g('brand', row.brand), g('gtin', row.gtin), g('product_type', row.product_type), g('item_group_id', row.item_group_id), g('color', row.color), g('size', row.size),
  );
  const tag = atom ? 'entry' : 'item';
  return `<${tag}>${parts.filter(Boolean).join('')}</${tag}>\n`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
