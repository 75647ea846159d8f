import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClosableHttpClient, createHttpClient } from './axios-http-client';
import { detectPlatform, looksLikeCsvHeader } from './detect-platform';

// Real: node:http on 127.0.0.1 and the hardened client. Each site below shows only the
// signs a real shop of that platform shows (headers, markup, API answers).
type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;
type Site = Record<string, Route>;

const send = (status: number, type: string, body: string, headers: http.OutgoingHttpHeaders = {}): Route => (_req, res) => {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
};
const HTML = 'text/html; charset=utf-8';
const plainHome = send(200, HTML, '<!doctype html><html><head><title>Ma boutique</title></head><body>Bienvenue</body></html>');

const SITES: Record<string, Site> = {
  'shopify-headers': { '/': send(200, HTML, '<html><body>Boutique</body></html>', { 'x-shopid': '123456', 'x-shopify-stage': 'production' }) },
  'shopify-markup': { '/': send(200, HTML, '<html><head><link href="//cdn.shopify.com/s/files/1/theme.css"></head></html>') },
  'shopify-api': { '/': plainHome, '/products.json': send(200, 'application/json', '{"products":[{"id":1,"title":"Thé vert"}]}') },
  'woo-markup': {
    '/': send(200, HTML, '<html><head><link rel="https://api.w.org/" href="/wp-json/"></head><body class="woocommerce-page">…</body></html>'),
  },
  'woo-api': { '/': plainHome, '/wp-json/wc/store/v1/products': send(200, 'application/json', '[{"id":12,"name":"Savon"}]') },
  'presta-markup': { '/': send(200, HTML, '<html><head><script>var prestashop = {"cart":{}};</script></head></html>') },
  'presta-api': {
    '/': plainHome,
    '/api/': send(401, HTML, '401 Unauthorized', { 'www-authenticate': 'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."' }),
  },
  'feed-csv': { '/': send(200, 'text/plain', 'id;titre;prix;lien\n1;Thé vert;12,50;https://x.example/1\n') },
  'feed-xml': { '/': send(200, 'application/octet-stream', '<?xml version="1.0"?><rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel></channel></rss>') },
  'feed-type': { '/': send(200, 'text/csv; charset=utf-8', 'a,b\n1,2\n') },
  sitemap: { '/': send(200, 'application/xml', '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>') },
  unknown: { '/': plainHome },
  blocked: {
    '/': send(403, HTML, '<html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/x.js"></script></body></html>', {
      server: 'cloudflare',
    }),
  },
};

let server: http.Server;
let base: string;
let client: ClosableHttpClient;

beforeAll(async () => {
  // The first path segment picks the site: /shopify-api/products.json → SITES['shopify-api']['/products.json'].
  server = http.createServer((req, res) => {
    const [, site, ...rest] = (req.url ?? '/').split('?')[0].split('/');
    const route = SITES[site]?.['/' + rest.join('/')];
    if (route) return route(req, res);
    send(404, HTML, '<html><body>Page introuvable</body></html>')(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = createHttpClient({ allowPrivateHosts: true, retries: 0, requestsPerSecond: 1000, concurrency: 4 });
});

afterAll(async () => {
  client.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('detectPlatform', () => {
  it.each([
    ['shopify-headers', 'shopify'],
    ['shopify-markup', 'shopify'],
    ['shopify-api', 'shopify'],
    ['woo-markup', 'woocommerce'],
    ['woo-api', 'woocommerce'],
    ['presta-markup', 'prestashop'],
    ['presta-api', 'prestashop'],
    ['feed-csv', 'feed'],
    ['feed-xml', 'feed'],
    ['feed-type', 'feed'],
  ])('recognises %s as %s', async (site, platform) => {
    const result = await detectPlatform(`${base}/${site}/`, client);
    expect(result.platform).toBe(platform);
    expect(result.hint).toMatch(/détecté/);
    expect(result.evidence).toBeTruthy();
  });

  it('answers undefined with a French hint for an unknown site or a sitemap', async () => {
    for (const site of ['unknown', 'sitemap']) {
      const result = await detectPlatform(`${base}/${site}/`, client);
      expect(result.platform).toBeUndefined();
      expect(result.hint).toMatch(/Plateforme non reconnue/);
    }
  });

  it('explains a firewall challenge', async () => {
    const result = await detectPlatform(`${base}/blocked/`, client);
    expect(result.platform).toBeUndefined();
    expect(result.errorKind).toBe('blocked');
    expect(result.hint).toMatch(/pare-feu/);
  });

  it('refuses a private address when private hosts are not allowed', async () => {
    const guarded = createHttpClient({ allowPrivateHosts: false });
    const result = await detectPlatform(`${base}/shopify-api/`, guarded);
    guarded.close();
    expect(result.platform).toBeUndefined();
    expect(result.errorKind).toBe('forbidden_address');
    expect(result.hint).toMatch(/réseau privé/);
  });

  it('says so for an address that is not one', async () => {
    expect((await detectPlatform('http://', client)).errorKind).toBe('invalid_source');
  });
});

describe('looksLikeCsvHeader', () => {
  it('wants id, title and price columns, in French or English, any delimiter', () => {
    expect(looksLikeCsvHeader('id,title,price,link')).toBe(true);
    expect(looksLikeCsvHeader('"Référence";"Désignation";"Prix TTC"'.replace(' TTC', '_ttc'))).toBe(true);
    expect(looksLikeCsvHeader('g:id\tg:title\tg:price')).toBe(true);
    expect(looksLikeCsvHeader('nom,adresse,ville')).toBe(false);
    expect(looksLikeCsvHeader('<!doctype html>')).toBe(false);
  });
});
