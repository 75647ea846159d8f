/**
 * Shopify's side of an app install (authorization code grant), in front of a local
 * Shopify shop (shopify-server.ts) that it proxies for everything else:
 * - `GET /admin/oauth/authorize?client_id&scope&redirect_uri&state`: the merchant is
 *   signed in and approves at once; the answer is Shopify's 302 to `redirect_uri` with
 *   `code`, `hmac`, `host`, `shop`, `state` and `timestamp`, signed with the app secret;
 * - `POST /admin/oauth/access_token` (JSON or form: client_id, client_secret, code):
 *   `{ access_token, scope }` for a fresh code, once; 400 otherwise, as Shopify answers.
 * The `shop` parameter is this server's `host:port`, where Shopify would send `x.myshopify.com`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, request as httpRequest, ServerResponse } from 'node:http';
import type { DemoProduct } from './demo-catalogue';
import { listenOnLoopback } from './listen';
import { ShopifyServer, startShopifyServer } from './shopify-server';

export interface ShopifyOAuthServerOptions {
  products: DemoProduct[];
  apiKey: string;
  apiSecret: string;
  /** Scopes the merchant grants (default: exactly what the app asked for). */
  grantedScope?: string;
}

export interface ShopifyOAuthServer {
  url: string;
  /** The `shop` parameter this server signs, i.e. its host:port. */
  shop: string;
  accessToken: string;
  /** The catalogue behind the OAuth front. */
  catalogue: ShopifyServer;
  /** Every token request and how it was answered. */
  exchanges: Array<{ clientId: string; code: string; status: number }>;
  /** Signs a callback query as Shopify would (adds `hmac`); for tests that play Shopify's redirect by hand. */
  signedQuery(params: Record<string, string>, secret?: string): string;
  close(): Promise<void>;
}

const CODE_TTL_MS = 10 * 60_000;

export async function startShopifyOAuthServer(options: ShopifyOAuthServerOptions): Promise<ShopifyOAuthServer> {
  const accessToken = `shpat_${randomBytes(16).toString('hex')}`;
  const catalogue = await startShopifyServer({ products: options.products, accessToken });
  const upstream = new URL(catalogue.url);
  const codes = new Map<string, { scope: string; expiresAt: number }>();
  const exchanges: ShopifyOAuthServer['exchanges'] = [];
  let shop = '';

  const signedQuery = (params: Record<string, string>, secret = options.apiSecret) => {
    const message = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
    const hmac = createHmac('sha256', secret).update(message).digest('hex');
    return new URLSearchParams({ ...params, hmac }).toString();
  };

  function authorize(u: URL, res: ServerResponse) {
    const clientId = u.searchParams.get('client_id');
    const redirectUri = u.searchParams.get('redirect_uri');
    const state = u.searchParams.get('state');
    if (clientId !== options.apiKey || !redirectUri || !state) {
      return send(res, 400, 'text/html; charset=utf-8', '<!doctype html><title>Oauth error</title><p>Oauth error invalid_request: The client_id is invalid or the redirect_uri is missing.</p>');
    }
    const code = randomBytes(16).toString('hex');
    codes.set(code, { scope: options.grantedScope ?? u.searchParams.get('scope') ?? '', expiresAt: Date.now() + CODE_TTL_MS });
    const host = Buffer.from(`${shop}/admin`).toString('base64url');
    const query = signedQuery({ code, host, shop, state, timestamp: String(Math.floor(Date.now() / 1000)) });
    res.writeHead(302, { Location: `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${query}` });
    res.end();
  }

  async function accessTokenRequest(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const type = req.headers['content-type'] ?? '';
    let body: Record<string, unknown> = {};
    try {
      body = /json/.test(type) ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
    } catch {
      body = {};
    }
    const code = String(body.code ?? '');
    const grant = codes.get(code);
    codes.delete(code);
    const ok = body.client_id === options.apiKey && body.client_secret === options.apiSecret && !!grant && grant.expiresAt > Date.now();
    exchanges.push({ clientId: String(body.client_id ?? ''), code, status: ok ? 200 : 400 });
    if (!ok) return send(res, 400, 'application/json; charset=utf-8', JSON.stringify({ error: 'invalid_request', error_description: 'The authorization code was not found or was already used' }));
    return send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ access_token: accessToken, scope: grant!.scope }));
  }

  function proxy(req: IncomingMessage, res: ServerResponse) {
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    forward.on('error', () => send(res, 502, 'text/plain', 'bad gateway'));
    req.pipe(forward);
  }

  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://localhost');
    if (u.pathname === '/admin/oauth/authorize' && req.method === 'GET') return authorize(u, res);
    if (u.pathname === '/admin/oauth/access_token' && req.method === 'POST') {
      accessTokenRequest(req, res).catch(() => send(res, 500, 'text/plain', 'error'));
      return;
    }
    proxy(req, res);
  });
  const port = await listenOnLoopback(server);
  shop = `127.0.0.1:${port}`;
  return {
    url: `http://${shop}`,
    shop,
    accessToken,
    catalogue,
    exchanges,
    signedQuery,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      });
      await catalogue.close();
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
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
