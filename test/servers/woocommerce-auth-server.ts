/**
 * WooCommerce's application authentication endpoint (class WC_Auth), in front of a local
 * WooCommerce shop (woocommerce-server.ts) that it proxies for everything else. The shop
 * owner is signed in as an administrator:
 * - `GET /wc-auth/v1/authorize?app_name&scope&user_id&return_url&callback_url` checks the
 *   parameters as WC_Auth::make_validation does and shows the "grant access" page, whose
 *   Approve link is `/wc-auth/v1/access_granted?…` and Deny link `return_url?success=0&user_id=…`;
 * - `GET /wc-auth/v1/access_granted?…` creates the key, POSTs `{key_id, user_id,
 *   consumer_key, consumer_secret, key_permissions}` as JSON to `callback_url`, and on a 200
 *   redirects to `return_url?success=1&user_id=…`; any other answer deletes the key and
 *   shows "Error: An error occurred in the request…" with status 401, like WooCommerce.
 * Real WooCommerce insists on an https callback_url; `requireHttpsCallback` turns that on
 * (tests talk plain http on loopback).
 */
import { createServer, IncomingMessage, request as httpRequest, ServerResponse } from 'node:http';
import type { DemoProduct } from './demo-catalogue';
import { listenOnLoopback } from './listen';
import { startWooCommerceServer, WooServer } from './woocommerce-server';

export interface WooAuthServerOptions {
  products: DemoProduct[];
  /** Permissions put on the created key whatever scope was asked (a store plugin that widens it). */
  grantPermissions?: 'read' | 'write' | 'read_write';
  requireHttpsCallback?: boolean;
}

export interface WooAuthServer {
  url: string;
  catalogue: WooServer;
  /** Each key handed over: what was posted to callback_url, how the app answered, and whether the key survives. */
  handoffs: Array<{ callbackUrl: string; status: number; body: string; keyPermissions: string; kept: boolean }>;
  close(): Promise<void>;
}

const SCOPES = ['read', 'write', 'read_write'];

export async function startWooCommerceAuthServer(options: WooAuthServerOptions): Promise<WooAuthServer> {
  const catalogue = await startWooCommerceServer({ products: options.products });
  const upstream = new URL(catalogue.url);
  const handoffs: WooAuthServer['handoffs'] = [];
  let keyIds = 0;
  let base = '';

  function validate(q: URLSearchParams): string | undefined {
    for (const p of ['app_name', 'user_id', 'return_url', 'callback_url', 'scope']) if (!q.get(p)) return `Missing parameter ${p}`;
    if (!SCOPES.includes(q.get('scope')!)) return `Invalid scope ${q.get('scope')}`;
    for (const p of ['return_url', 'callback_url']) {
      try {
        new URL(q.get(p)!);
      } catch {
        return `The ${p} is not a valid URL`;
      }
    }
    if (options.requireHttpsCallback && !/^https:\/\//i.test(q.get('callback_url')!)) return 'The callback_url needs to be over SSL';
    return undefined;
  }

  const withQuery = (url: string, params: Record<string, string>) => `${url}${url.includes('?') ? '&' : '?'}${new URLSearchParams(params)}`;

  function grantPage(q: URLSearchParams, res: ServerResponse) {
    const approve = `${base}/wc-auth/v1/access_granted?${q}&wc_auth_nonce=0a1b2c3d4e`;
    const deny = withQuery(q.get('return_url')!, { success: '0', user_id: q.get('user_id')! });
    const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Application authentication request</title></head><body>
<h1>${escapeHtml(q.get('app_name')!)} souhaite se connecter à votre boutique</h1>
<p>Cette application aura l’accès « ${escapeHtml(q.get('scope')!)} » aux produits.</p>
<p><a class="button wc-auth-approve" href="${escapeHtml(approve)}">Approuver</a> <a class="button wc-auth-deny" href="${escapeHtml(deny)}">Refuser</a></p>
</body></html>`;
    send(res, 200, 'text/html; charset=UTF-8', html);
  }

  async function accessGranted(q: URLSearchParams, res: ServerResponse) {
    const keyPermissions = options.grantPermissions ?? q.get('scope')!;
    const data = { key_id: ++keyIds, user_id: q.get('user_id'), consumer_key: catalogue.consumerKey, consumer_secret: catalogue.consumerSecret, key_permissions: keyPermissions };
    const callbackUrl = q.get('callback_url')!;
    let status = 0;
    let body = '';
    try {
      const answer = await fetch(callbackUrl, { method: 'POST', headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: JSON.stringify(data), redirect: 'manual' });
      status = answer.status;
      body = await answer.text();
    } catch (e) {
      body = String(e);
    }
    handoffs.push({ callbackUrl, status, body, keyPermissions, kept: status === 200 });
    if (status !== 200) {
      return send(res, 401, 'text/html; charset=UTF-8', '<!doctype html><title>Access denied</title><p>Error: An error occurred in the request and at the time were unable to send the consumer data.</p>');
    }
    res.writeHead(302, { Location: withQuery(q.get('return_url')!, { success: '1', user_id: q.get('user_id')! }) });
    res.end();
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
    const route = /^\/wc-auth\/v1\/(authorize|access_granted)\/?$/.exec(u.pathname)?.[1];
    if (!route) return proxy(req, res);
    const invalid = validate(u.searchParams);
    if (invalid) return send(res, 401, 'text/html; charset=UTF-8', `<!doctype html><title>Access denied</title><p>Error: ${escapeHtml(invalid)}.</p>`);
    if (route === 'authorize') return grantPage(u.searchParams, res);
    accessGranted(u.searchParams, res).catch(() => send(res, 500, 'text/plain', 'error'));
  });
  const port = await listenOnLoopback(server);
  base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/`,
    catalogue,
    handoffs,
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

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
