import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import request from 'supertest';
import { SearchEngine } from '../../src/catalog/search-engine';
import { ShopifyOAuth } from '../../src/connect/shopify-oauth.service';
import { PrismaService } from '../../src/database/prisma.service';
import { MerchantSessions, SESSION_COOKIE } from '../../src/merchants/merchant-sessions.service';
import { CredentialsCipher } from '../../src/shops/credentials.cipher';
import { SyncService } from '../../src/sync/sync.service';
import { demoCatalogue } from '../servers/demo-catalogue';
import { FeedServer, startFeedServer } from '../servers/feed-server';
import { PrestashopServer, startPrestashopServer } from '../servers/prestashop-server';
import { ShopifyOAuthServer, startShopifyOAuthServer } from '../servers/shopify-oauth-server';
import { startWooCommerceAuthServer, WooAuthServer } from '../servers/woocommerce-auth-server';
import { databaseTargets } from '../support/test-database';
import { testEnvironment, TestEnvironment } from '../support/test-app';
import { insertShop } from '../support/test-shops';

/**
 * Real: the whole application listening on a loopback port (WooCommerce must reach its
 * callback), Meilisearch, PGlite/PostgreSQL, the connectors and their HTTP client.
 * Faked: only the platforms' side, as local servers: Shopify's OAuth endpoints in front of
 * a Shopify shop, WooCommerce's wc-auth endpoint in front of a WooCommerce shop, a
 * PrestaShop webservice and a product feed. The test plays the merchant's browser.
 */
const APP_KEY = 'vitrines-test-app-key';
const APP_SECRET = 'shpss_vitrines_test_secret';

describe.each(databaseTargets)('connecting a store on %s', (target) => {
  let env: TestEnvironment;
  let app: INestApplication;
  let server: any;
  let prisma: PrismaService;
  let cipher: CredentialsCipher;
  let publicUrl: string;
  let shopify: ShopifyOAuthServer;
  let woo: WooAuthServer;
  let wooWrite: WooAuthServer;
  let presta: PrestashopServer;
  let prestaPartial: PrestashopServer;
  let feed: FeedServer;
  let owner: Merchant;
  let stranger: Merchant;
  const catalogue = demoCatalogue(12, 3);

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    env = await testEnvironment(target, { PUBLIC_URL: publicUrl, SHOPIFY_API_KEY: APP_KEY, SHOPIFY_API_SECRET: APP_SECRET });
    app = await env.start();
    await app.listen(port, '127.0.0.1');
    server = app.getHttpServer();
    prisma = app.get(PrismaService);
    cipher = app.get(CredentialsCipher);
    [shopify, woo, wooWrite, presta, prestaPartial, feed] = await Promise.all([
      startShopifyOAuthServer({ products: catalogue, apiKey: APP_KEY, apiSecret: APP_SECRET }),
      startWooCommerceAuthServer({ products: catalogue }),
      startWooCommerceAuthServer({ products: catalogue, grantPermissions: 'read_write' }),
      startPrestashopServer({ products: catalogue }),
      startPrestashopServer({ products: catalogue, permissions: ['products', 'categories', 'languages', 'stock_availables', 'taxes', 'tax_rules', 'tax_rule_groups', 'countries'] }),
      startFeedServer({ products: catalogue, format: 'csv' }),
    ]);
    app.get(ShopifyOAuth).acceptLocalShopForTests(shopify.url);
    owner = await signIn(app);
    stranger = await signIn(app);
  });
  afterAll(async () => {
    await Promise.all([shopify, woo, wooWrite, presta, prestaPartial, feed].map((s) => s?.close()));
    await env.dispose();
  });

  const ownedShop = async (merchant: Merchant, data: Partial<Parameters<typeof insertShop>[1]> = {}) => {
    const shop = await insertShop(app, { platform: 'feed', sourceUrl: 'https://ancienne-adresse.example/flux.csv', ...data });
    await prisma.shop.update({ where: { id: shop.id }, data: { merchantId: merchant.id } });
    return shop;
  };
  const as = (merchant: Merchant) => ({
    post: (path: string, body: object = {}) => request(server).post(path).set(merchant.headers).send(body),
    get: (path: string) => request(server).get(path).set(merchant.headers),
    delete: (path: string) => request(server).delete(path).set(merchant.headers),
  });
  const connect = (shopId: string, step = '') => `/api/merchant/shops/${shopId}/connect${step}`;
  const stored = async (shopId: string) => {
    const row = await prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    return { ...row, credentials: row.credentialsEncrypted ? cipher.open(row.credentialsEncrypted) : null };
  };
  /** What no answer may ever contain. */
  const secrets = () => [shopify.accessToken, woo.catalogue.consumerKey, woo.catalogue.consumerSecret, presta.apiKey, APP_SECRET];
  const expectNoSecret = (body: unknown) => {
    const text = JSON.stringify(body ?? '');
    for (const s of secrets()) expect(text).not.toContain(s);
  };

  describe('sessions and ownership', () => {
    it('answers 401 without a session, and 403 on a change without the CSRF token', async () => {
      const shop = await ownedShop(owner);
      const anonymous = await request(server).post(connect(shop.id, '/detect')).send({ url: woo.url });
      expect(anonymous.status).toBe(401);
      const noCsrf = await request(server).post(connect(shop.id, '/detect')).set('Cookie', owner.headers.Cookie).send({ url: woo.url });
      expect(noCsrf.status).toBe(403);
    });

    it('treats another merchant’s shop as unknown on every route, and changes nothing', async () => {
      const shop = await ownedShop(owner, { platform: 'woocommerce', sourceUrl: woo.url, credentials: { consumerKey: 'ck_old0000000', consumerSecret: 'cs_old0000000' } });
      const before = await stored(shop.id);
      const them = as(stranger);
      const calls = [
        them.get(connect(shop.id)),
        them.post(connect(shop.id, '/detect'), { url: woo.url }),
        them.post(connect(shop.id, '/test'), { platform: 'woocommerce', url: woo.url }),
        them.post(connect(shop.id, '/shopify'), { shop: shopify.url }),
        them.post(connect(shop.id, '/shopify/storefront'), { shop: shopify.url }),
        them.post(connect(shop.id, '/woocommerce'), { url: woo.url }),
        them.post(connect(shop.id, '/woocommerce/keys'), { consumerKey: woo.catalogue.consumerKey, consumerSecret: woo.catalogue.consumerSecret }),
        them.post(connect(shop.id, '/woocommerce/store-api'), {}),
        them.get(connect(shop.id, '/prestashop/instructions')),
        them.post(connect(shop.id, '/prestashop'), { url: presta.url, apiKey: presta.apiKey }),
        them.post(connect(shop.id, '/feed'), { url: feed.url }),
        them.delete(connect(shop.id)),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Boutique introuvable dans votre espace.' });
      }
      expect(await stored(shop.id)).toEqual(before);
      expect(await prisma.pendingConnection.count({ where: { shopId: shop.id } })).toBe(0);
      // An id that exists nowhere answers the same way.
      expect((await them.get(connect(randomUuid()))).status).toBe(404);
    });

    it('shows where the catalogue comes from, never the credentials', async () => {
      const shop = await ownedShop(owner, { platform: 'prestashop', sourceUrl: presta.url, credentials: { apiKey: presta.apiKey } });
      const res = await as(owner).get(connect(shop.id)).expect(200);
      expect(res.body).toEqual({ platform: 'prestashop', sourceUrl: presta.url, hasCredentials: true, status: 'approved' });
      expectNoSecret(res.body);
    });
  });

  describe('paste the shop URL', () => {
    it.each([
      ['woocommerce', () => woo.url, 'woocommerce-authorize'],
      ['prestashop', () => presta.url, 'prestashop-key'],
      ['feed', () => feed.url, 'feed'],
      ['shopify', () => shopify.url, 'shopify-oauth'],
    ])('detects %s and shows the next step', async (platform, url, action) => {
      const shop = await ownedShop(owner);
      const res = await as(owner).post(connect(shop.id, '/detect'), { url: url() }).expect(200);
      expect(res.body).toMatchObject({ platform, message: expect.any(String), nextStep: { action, message: expect.any(String) } });
      expect(res.body.nextStep.endpoint).toContain(`/api/merchant/shops/${shop.id}/connect`);
    });

    it('says what to do when nothing is recognised, and refuses bad input with 400', async () => {
      const shop = await ownedShop(owner);
      const res = await as(owner).post(connect(shop.id, '/detect'), { url: `${shopify.catalogue.url}/nothing-here` }).expect(200);
      expect(res.body.nextStep.action).toMatch(/choose-platform|shopify/);
      for (const body of [{}, { url: 'ftp://boutique.example' }, { url: 42 }, { url: woo.url, extra: 1 }]) {
        const bad = await as(owner).post(connect(shop.id, '/detect'), body);
        expect(bad.status).toBe(400);
        expect(bad.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
      }
    });
  });

  describe('Shopify app install (OAuth)', () => {
    /** The merchant's browser: our start endpoint, then Shopify's authorize page, which redirects back to us. */
    const approveOnShopify = async (shopId: string) => {
      const start = await as(owner).post(connect(shopId, '/shopify'), { shop: shopify.url }).expect(200);
      expect(start.body.mode).toBe('oauth');
      const authorize = await fetch(start.body.authorizeUrl, { redirect: 'manual' });
      expect(authorize.status).toBe(302);
      const back = new URL(authorize.headers.get('location')!);
      expect(`${back.origin}${back.pathname}`).toBe(`${publicUrl}/connect/shopify/callback`);
      return { start: start.body, callback: `${back.pathname}${back.search}`, query: back.searchParams };
    };

    it('builds the authorize URL: read-only scopes, our callback, a one-time state bound to the merchant and the shop', async () => {
      const shop = await ownedShop(owner);
      const before = Date.now();
      const res = await as(owner).post(connect(shop.id, '/shopify'), { shop: shopify.url }).expect(200);
      const url = new URL(res.body.authorizeUrl);
      expect(`${url.origin}${url.pathname}`).toBe(`${shopify.url}/admin/oauth/authorize`);
      expect(res.body.authorizeUrl).toContain('scope=read_products,read_inventory');
      expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: APP_KEY, scope: 'read_products,read_inventory', redirect_uri: `${publicUrl}/connect/shopify/callback`, state: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
      const pending = await prisma.pendingConnection.findUniqueOrThrow({ where: { state: url.searchParams.get('state')! } });
      expect(pending).toMatchObject({ merchantId: owner.id, shopId: shop.id, platform: 'shopify' });
      expect(pending.expiresAt.getTime() - before).toBeGreaterThanOrEqual(10 * 60_000 - 1000);
      expect(pending.expiresAt.getTime() - before).toBeLessThanOrEqual(10 * 60_000 + 60_000);

      const elsewhere = await as(owner).post(connect(shop.id, '/shopify'), { shop: 'www.boutique-ailleurs.fr' });
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.body.message).toContain('.myshopify.com');
    });

    it('verifies the callback, exchanges the code, stores the token sealed and sends the merchant back to their space', async () => {
      const shop = await ownedShop(owner);
      const { callback } = await approveOnShopify(shop.id);
      const res = await request(server).get(callback).expect(302);
      expect(res.headers.location).toBe(`${publicUrl}/espace/boutiques/${shop.id}/connexion?plateforme=shopify&resultat=ok`);
      const row = await stored(shop.id);
      expect(row).toMatchObject({ platform: 'shopify', sourceUrl: `${shopify.url}/`, credentials: { accessToken: shopify.accessToken } });
      expect(row.credentialsEncrypted).not.toContain(shopify.accessToken);
      expect(shopify.exchanges.at(-1)).toMatchObject({ clientId: APP_KEY, status: 200 });
      // The probe read the catalogue with the new token, through the Admin API.
      expect(shopify.catalogue.requests.some((r) => r.operation === 'products')).toBe(true);
      expect(await prisma.pendingConnection.count({ where: { shopId: shop.id } })).toBe(0);
      expectNoSecret(res.body);
      const audit = await prisma.auditEntry.findMany({ where: { shopId: shop.id } });
      expect(audit).toEqual([expect.objectContaining({ actor: `merchant:${owner.id}`, action: 'shop.updated', details: expect.objectContaining({ connection: 'admin-api', withCredentials: true }) })]);
      expectNoSecret(audit);
    });

    it('refuses a replayed callback: the state serves once', async () => {
      const shop = await ownedShop(owner);
      const { callback } = await approveOnShopify(shop.id);
      await request(server).get(callback).expect(302);
      const exchanges = shopify.exchanges.length;
      await prisma.shop.update({ where: { id: shop.id }, data: { credentialsEncrypted: null } });
      const replay = await request(server).get(callback);
      expect(replay.status).toBe(400);
      expect(replay.body.message).toMatch(/expiré ou a déjà servi/);
      expect(shopify.exchanges.length).toBe(exchanges);
      expect((await stored(shop.id)).credentials).toBeNull();
    });

    it('refuses an expired state', async () => {
      const shop = await ownedShop(owner);
      const { query, callback } = await approveOnShopify(shop.id);
      await prisma.pendingConnection.update({ where: { state: query.get('state')! }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const res = await request(server).get(callback);
      expect(res.status).toBe(400);
      expect((await stored(shop.id)).credentials).toBeNull();
      expect(await prisma.pendingConnection.count({ where: { shopId: shop.id } })).toBe(0);
    });

    it('refuses a forged HMAC with 400 and stores nothing, leaving the state usable', async () => {
      const shop = await ownedShop(owner);
      const { query } = await approveOnShopify(shop.id);
      const exchanges = shopify.exchanges.length;
      const params = Object.fromEntries([...query].filter(([k]) => k !== 'hmac'));
      const forgedQueries = [
        shopify.signedQuery(params, 'not-the-app-secret'),
        new URLSearchParams({ ...params, hmac: 'f'.repeat(64) }).toString(),
        new URLSearchParams(params).toString(),
        // Signed correctly, then the shop swapped: the signature no longer matches.
        new URLSearchParams({ ...Object.fromEntries(query), shop: 'autre-boutique.myshopify.com' }).toString(),
      ];
      for (const forged of forgedQueries) {
        const res = await request(server).get(`/connect/shopify/callback?${forged}`);
        expect(res.status).toBe(400);
        expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('Shopify') });
      }
      expect(shopify.exchanges.length).toBe(exchanges);
      const row = await stored(shop.id);
      expect(row.credentials).toBeNull();
      expect(row.platform).toBe('feed');
      expect(await prisma.pendingConnection.count({ where: { shopId: shop.id } })).toBe(1);
    });

    it('refuses a correctly signed callback for a shop that is not a Shopify domain, or not the one the flow started with', async () => {
      const shop = await ownedShop(owner);
      const { query } = await approveOnShopify(shop.id);
      const params = Object.fromEntries([...query].filter(([k]) => k !== 'hmac'));
      for (const other of ['evil.example', 'boutique.myshopify.com.evil.example', 'autre-boutique.myshopify.com']) {
        const res = await request(server).get(`/connect/shopify/callback?${shopify.signedQuery({ ...params, shop: other })}`);
        expect(res.status).toBe(400);
      }
      expect((await stored(shop.id)).credentials).toBeNull();
    });

    it('connects the public storefront without the app', async () => {
      const shop = await ownedShop(owner);
      const res = await as(owner).post(connect(shop.id, '/shopify/storefront'), { shop: shopify.url }).expect(200);
      expect(res.body).toMatchObject({ connected: true, platform: 'shopify', mode: 'storefront', preview: { ok: true } });
      expect(await stored(shop.id)).toMatchObject({ platform: 'shopify', sourceUrl: `${shopify.url}/`, credentials: null });
      expect(await prisma.auditEntry.findFirst({ where: { shopId: shop.id }, orderBy: { at: 'desc' } })).toMatchObject({ actor: `merchant:${owner.id}`, action: 'shop.updated', details: { connection: 'storefront', platform: 'shopify', withCredentials: false } });
    });
  });

  describe('WooCommerce key handoff', () => {
    /** The merchant's browser on their WordPress admin: the grant page, then "Approuver". */
    const approveOnWordPress = async (authorizeUrl: string) => {
      const page = await fetch(authorizeUrl, { redirect: 'manual' });
      expect(page.status).toBe(200);
      const approve = /class="button wc-auth-approve" href="([^"]+)"/.exec(await page.text())![1].replace(/&amp;|&#38;/g, '&');
      return fetch(approve, { redirect: 'manual' });
    };

    it('sends the merchant to /wc-auth/v1/authorize; WooCommerce posts read-only keys to our callback; they are stored sealed', async () => {
      const shop = await ownedShop(owner);
      const start = await as(owner).post(connect(shop.id, '/woocommerce'), { url: woo.url }).expect(200);
      const url = new URL(start.body.authorizeUrl);
      expect(`${url.origin}${url.pathname}`).toBe(`${woo.url}wc-auth/v1/authorize`);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        app_name: 'Vitrines',
        scope: 'read',
        user_id: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
        return_url: `${publicUrl}/espace/boutiques/${shop.id}/connexion?plateforme=woocommerce`,
        callback_url: `${publicUrl}/connect/woocommerce/callback`,
      });

      const approved = await approveOnWordPress(start.body.authorizeUrl);
      expect(approved.status).toBe(302);
      const back = new URL(approved.headers.get('location')!);
      expect(back.searchParams.get('success')).toBe('1');
      expect(back.searchParams.get('user_id')).toBe(url.searchParams.get('user_id'));
      expect(woo.handoffs.at(-1)).toMatchObject({ status: 200, keyPermissions: 'read', kept: true });
      expectNoSecret(JSON.parse(woo.handoffs.at(-1)!.body));
      expect(await stored(shop.id)).toMatchObject({
        platform: 'woocommerce',
        sourceUrl: woo.url,
        credentials: { consumerKey: woo.catalogue.consumerKey, consumerSecret: woo.catalogue.consumerSecret },
      });

      // The same keys cannot be posted again with the used nonce.
      const again = await request(server).post('/connect/woocommerce/callback').send({
        key_id: 9, user_id: url.searchParams.get('user_id'), consumer_key: 'ck_aaaaaaaaaaaa', consumer_secret: 'cs_bbbbbbbbbbbb', key_permissions: 'read',
      });
      expect(again.status).toBe(400);
      expect((await stored(shop.id)).credentials).toEqual({ consumerKey: woo.catalogue.consumerKey, consumerSecret: woo.catalogue.consumerSecret });
    });

    it('refuses keys with write permission: nothing stored, WooCommerce deletes the key, the reason is explained', async () => {
      const shop = await ownedShop(owner);
      const start = await as(owner).post(connect(shop.id, '/woocommerce'), { url: wooWrite.url }).expect(200);
      const approved = await approveOnWordPress(start.body.authorizeUrl);
      expect(approved.status).toBe(401);
      const handoff = wooWrite.handoffs.at(-1)!;
      expect(handoff).toMatchObject({ status: 422, keyPermissions: 'read_write', kept: false });
      expect(JSON.parse(handoff.body)).toEqual({ statusCode: 422, error: 'Unprocessable Entity', message: expect.stringContaining('lecture seule') });
      expect(await stored(shop.id)).toMatchObject({ platform: 'feed', credentials: null });
    });

    it('refuses a callback for an unknown nonce, or malformed', async () => {
      const unknown = await request(server).post('/connect/woocommerce/callback').send({ key_id: 1, user_id: 'x'.repeat(32), consumer_key: 'ck_aaaaaaaaaaaa', consumer_secret: 'cs_bbbbbbbbbbbb', key_permissions: 'read' });
      expect(unknown.status).toBe(400);
      const malformed = await request(server).post('/connect/woocommerce/callback').send({ user_id: 'x'.repeat(32) });
      expect(malformed.status).toBe(400);
      expect(malformed.body.message).not.toContain('cs_');
    });

    it('manual keys: wrong ones answer 422 with the connector’s diagnosis and are not stored; right ones connect', async () => {
      const shop = await ownedShop(owner);
      const wrong = await as(owner).post(connect(shop.id, '/woocommerce/keys'), { url: woo.url, consumerKey: 'ck_wrong000000000000', consumerSecret: 'cs_wrong000000000000' });
      expect(wrong.status).toBe(422);
      expect(wrong.body).toEqual({ statusCode: 422, error: 'Unprocessable Entity', message: expect.stringMatching(/clé|identifiant|refus/i) });
      expect(JSON.stringify(wrong.body)).not.toContain('cs_wrong');
      expect(await stored(shop.id)).toMatchObject({ platform: 'feed', credentials: null });

      const right = await as(owner).post(connect(shop.id, '/woocommerce/keys'), { url: woo.url, consumerKey: woo.catalogue.consumerKey, consumerSecret: woo.catalogue.consumerSecret }).expect(200);
      expect(right.body).toMatchObject({ connected: true, platform: 'woocommerce', mode: 'rest-api', preview: { ok: true } });
      expectNoSecret(right.body);
      expect((await stored(shop.id)).credentials).toEqual({ consumerKey: woo.catalogue.consumerKey, consumerSecret: woo.catalogue.consumerSecret });
    });

    it('no keys at all: the public Store API', async () => {
      const shop = await ownedShop(owner, { platform: 'woocommerce', sourceUrl: woo.url });
      const res = await as(owner).post(connect(shop.id, '/woocommerce/store-api'), {}).expect(200);
      expect(res.body).toMatchObject({ connected: true, platform: 'woocommerce', mode: 'store-api' });
      expect(await stored(shop.id)).toMatchObject({ platform: 'woocommerce', sourceUrl: woo.url, credentials: null });
    });
  });

  describe('PrestaShop key wizard', () => {
    it('lists the exact permissions to tick, step by step', async () => {
      const shop = await ownedShop(owner);
      const res = await as(owner).get(connect(shop.id, '/prestashop/instructions')).expect(200);
      expect(res.body.permissions.map((p: { resource: string }) => p.resource)).toEqual([
        'products', 'combinations', 'stock_availables', 'languages', 'categories', 'taxes', 'tax_rules', 'tax_rule_groups', 'countries', 'product_options', 'product_option_values',
      ]);
      expect(res.body.permissions.every((p: { method: string }) => p.method === 'GET')).toBe(true);
      expect(res.body.steps.join(' ')).toContain('Paramètres avancés');
      expect(res.body.steps.join(' ')).toContain('Voir (GET)');
    });

    it('reports each permission and stores nothing while some are missing', async () => {
      const shop = await ownedShop(owner);
      const res = await as(owner).post(connect(shop.id, '/prestashop'), { url: prestaPartial.url, apiKey: prestaPartial.apiKey }).expect(200);
      expect(res.body.connected).toBe(false);
      expect(res.body.missing).toEqual(['combinations', 'product_options', 'product_option_values']);
      expect(res.body.permissions).toHaveLength(11);
      expect(res.body.permissions.find((p: { resource: string }) => p.resource === 'combinations')).toMatchObject({ granted: false });
      expect(res.body.permissions.find((p: { resource: string }) => p.resource === 'products')).toMatchObject({ granted: true });
      expect(res.body.diagnosis).toContain('combinations');
      expectNoSecret(res.body);
      expect(await stored(shop.id)).toMatchObject({ platform: 'feed', credentials: null });
    });

    it('refuses an unknown key with PrestaShop advice, and connects a complete one', async () => {
      const shop = await ownedShop(owner);
      const refused = await as(owner).post(connect(shop.id, '/prestashop'), { url: presta.url, apiKey: 'UNKNOWNKEY00000000000000000000000' });
      expect(refused.status).toBe(422);
      expect(refused.body.message).toContain('Webservice');
      const ok = await as(owner).post(connect(shop.id, '/prestashop'), { url: presta.url, apiKey: presta.apiKey }).expect(200);
      expect(ok.body).toMatchObject({ connected: true, platform: 'prestashop', mode: 'webservice' });
      expect(ok.body.permissions.every((p: { granted: boolean }) => p.granted)).toBe(true);
      expect(await stored(shop.id)).toMatchObject({ platform: 'prestashop', sourceUrl: presta.url, credentials: { apiKey: presta.apiKey } });
    });
  });

  describe('feed', () => {
    it('probes the feed, then stores it; an address that is not a feed is refused', async () => {
      const shop = await ownedShop(owner, { platform: 'woocommerce', sourceUrl: woo.url });
      const ok = await as(owner).post(connect(shop.id, '/feed'), { url: feed.url }).expect(200);
      expect(ok.body).toMatchObject({ connected: true, platform: 'feed', mode: 'feed', sourceUrl: feed.url });
      expect(await stored(shop.id)).toMatchObject({ platform: 'feed', sourceUrl: feed.url, credentials: null });
      const bad = await as(owner).post(connect(shop.id, '/feed'), { url: `${shopify.catalogue.url}/introuvable.csv` });
      expect(bad.status).toBe(422);
    });
  });

  describe('Tester la connexion', () => {
    it('previews the first products as search shows them, with the count, before anything is saved', async () => {
      const shop = await ownedShop(owner);
      const before = await stored(shop.id);
      const res = await as(owner).post(connect(shop.id, '/test'), { platform: 'woocommerce', url: woo.url, credentials: { consumerKey: woo.catalogue.consumerKey, consumerSecret: woo.catalogue.consumerSecret } }).expect(200);
      expect(res.body).toMatchObject({ ok: true, platform: 'woocommerce', productCount: expect.any(Number), diagnosis: null, errorKind: null, skipped: expect.any(Array) });
      expect(res.body.products.length).toBeGreaterThan(0);
      const hit = res.body.products[0];
      expect(Object.keys(hit).sort()).toEqual(
        ['brand', 'category', 'compareAtPrice', 'currency', 'description', 'highlight', 'id', 'imageUrl', 'inStock', 'price', 'productUrl', 'shop', 'title', 'updatedAt', 'url', 'verifiedAgo', 'verifiedAt'].sort(),
      );
      expect(hit).toMatchObject({ currency: 'EUR', price: expect.any(Number), url: `/go/${hit.id}`, shop: { id: shop.id, slug: shop.slug, name: shop.name, commune: 'Lyon' } });
      expect(hit.id.startsWith(`${shop.id}-`)).toBe(true);
      expect(hit.description).not.toMatch(/<[a-z]/i);
      const titles = catalogue.filter((p) => p.published).map((p) => p.title);
      expect(titles).toContain(hit.title);
      expectNoSecret(res.body);
      expect(await stored(shop.id)).toEqual(before);
      expect(await prisma.pendingConnection.count({ where: { shopId: shop.id } })).toBe(0);
    });

    it('lists skipped items with their reasons', async () => {
      const shop = await ownedShop(owner);
      const broken = demoCatalogue(4, 9).map((p, i) => (i === 1 ? { ...p, price: 0, variants: [] } : i === 2 ? { ...p, title: '' } : p));
      const brokenFeed = await startFeedServer({ products: broken, format: 'csv' });
      try {
        const res = await as(owner).post(connect(shop.id, '/test'), { platform: 'feed', url: brokenFeed.url }).expect(200);
        expect(res.body.ok).toBe(true);
        expect(res.body.skipped.length).toBeGreaterThan(0);
        for (const s of res.body.skipped) expect(s).toEqual({ externalId: expect.anything(), reason: expect.any(String) });
      } finally {
        await brokenFeed.close();
      }
    });

    it('explains a failure in French, and validates the input', async () => {
      const shop = await ownedShop(owner);
      const res = await as(owner).post(connect(shop.id, '/test'), { platform: 'prestashop', url: presta.url, credentials: { apiKey: 'UNKNOWNKEY00000000000000000000000' } }).expect(200);
      expect(res.body).toMatchObject({ ok: false, platform: 'prestashop', products: [], diagnosis: expect.stringContaining('Webservice'), errorKind: 'auth_refused' });
      for (const body of [{ platform: 'magento', url: woo.url }, { platform: 'prestashop', url: presta.url }, { platform: 'feed' }]) {
        expect((await as(owner).post(connect(shop.id, '/test'), body)).status).toBe(400);
      }
    });
  });

  describe('disconnect', () => {
    it('deletes the credentials and removes the products from the index', async () => {
      const shop = await ownedShop(owner, { platform: 'woocommerce', sourceUrl: woo.url, credentials: { consumerKey: woo.catalogue.consumerKey, consumerSecret: woo.catalogue.consumerSecret } });
      const { done } = await app.get(SyncService).requestSync(shop.id, { forceFull: true });
      expect(await done).toMatchObject({ status: 'succeeded' });
      const index = app.get(SearchEngine).client.index(env.config.meili.index);
      const count = async () => (await index.getDocuments({ filter: `shop.id = "${shop.id}"`, limit: 1 })).total;
      expect(await count()).toBeGreaterThan(0);

      const res = await as(owner).delete(connect(shop.id)).expect(200);
      expect(res.body).toEqual({ disconnected: true, status: 'suspended' });
      expect(await count()).toBe(0);
      expect(await stored(shop.id)).toMatchObject({ credentials: null, productCount: 0 });
      expect(await prisma.productState.count({ where: { shopId: shop.id } })).toBe(0);

      // Reconnecting puts the shop back online.
      await as(owner).post(connect(shop.id, '/woocommerce/keys'), { consumerKey: woo.catalogue.consumerKey, consumerSecret: woo.catalogue.consumerSecret }).expect(200);
      expect(await stored(shop.id)).toMatchObject({ status: 'approved', statusReason: null });
    });
  });
});

describe('connecting a store without the Shopify app, private addresses refused', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let shopify: ShopifyOAuthServer;
  let owner: Merchant;

  beforeAll(async () => {
    env = await testEnvironment('pglite', { ALLOW_PRIVATE_HOSTS: 'false' });
    app = await env.start();
    shopify = await startShopifyOAuthServer({ products: demoCatalogue(3, 5), apiKey: APP_KEY, apiSecret: APP_SECRET });
    owner = await signIn(app);
  });
  afterAll(async () => {
    await shopify?.close();
    await env.dispose();
  });

  it('refuses to fetch a loopback address pasted by a merchant, and says why', async () => {
    const shop = await insertShop(app, { platform: 'feed', sourceUrl: 'https://ancienne-adresse.example/flux.csv' });
    await app.get(PrismaService).shop.update({ where: { id: shop.id }, data: { merchantId: owner.id } });
    const res = await request(app.getHttpServer()).post(`/api/merchant/shops/${shop.id}/connect/detect`).set(owner.headers).send({ url: shopify.url }).expect(200);
    expect(res.body).toMatchObject({ platform: null, nextStep: { action: 'fix-address' } });
    expect(shopify.catalogue.requests).toHaveLength(0);
    const probe = await request(app.getHttpServer()).post(`/api/merchant/shops/${shop.id}/connect/shopify`).set(owner.headers).send({ shop: shopify.url });
    // Without the app, Shopify means the public storefront, probed first: refused here.
    expect(probe.status).toBe(422);
    expect(shopify.catalogue.requests).toHaveLength(0);
  });

  it('has no Shopify callback without the app', async () => {
    const res = await request(app.getHttpServer()).get(`/connect/shopify/callback?${shopify.signedQuery({ code: 'x', shop: 'a.myshopify.com', state: 'y'.repeat(32), timestamp: '1' })}`);
    expect(res.status).toBe(404);
  });
});

interface Merchant {
  id: string;
  headers: { Cookie: string; 'X-CSRF-Token': string };
}

/** A merchant with a live session, as the sign-in endpoint would leave them. */
async function signIn(app: INestApplication): Promise<Merchant> {
  const merchant = await app.get(PrismaService).merchant.create({ data: { email: `marchand-${randomBytes(4).toString('hex')}@example.fr`, passwordHash: 'scrypt$unused' } });
  const sessions = app.get(MerchantSessions);
  const { token } = await sessions.open(merchant.id);
  const context = await sessions.resolve(token);
  return { id: merchant.id, headers: { Cookie: `${SESSION_COOKIE}=${token}`, 'X-CSRF-Token': context!.csrfToken } };
}

function randomUuid(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
