import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { ClickRepository } from '../../src/clicks/click.repository';
import { PrismaService } from '../../src/database/prisma.service';
import type { OutgoingMail } from '../../src/merchants/merchant-mailer.service';
import { MerchantMailer } from '../../src/merchants/merchant-mailer.service';
import { demoCatalogue } from '../servers/demo-catalogue';
import { startWooCommerceServer, WooServer } from '../servers/woocommerce-server';
import { databaseTargets } from '../support/test-database';
import { testEnvironment, TestEnvironment } from '../support/test-app';

/**
 * Real: the whole Nest application over HTTP, Meilisearch, PGlite and PostgreSQL (when
 * TEST_DATABASE_URL is set), a local WooCommerce server speaking the real wire format.
 * Replaced: the mail transport only. With no SMTP_URL the app writes mails to the server
 * log; here a collector is plugged into MerchantMailer's transport seam instead, so the
 * password reset link can be read back.
 */
describe.each(databaseTargets)('merchant space on %s', (target) => {
  let env: TestEnvironment;
  let app: INestApplication;
  let server: any;
  let prisma: PrismaService;
  let woo: WooServer;
  let admin: { Authorization: string };
  const mails: OutgoingMail[] = [];
  const catalogue = demoCatalogue(6, 11).map((p) => ({ ...p, published: true }));
  // One product the shop cannot describe: skipped, with its reason shown to the merchant.
  catalogue[2] = { ...catalogue[2], title: '' };

  const PASSWORD = 'correct horse battery';
  let clientCounter = 0;
  /** A distinct client address per test (the app trusts X-Forwarded-For from loopback), so login limits do not leak between tests. */
  const newClient = () => `198.51.100.${++clientCounter}`;

  interface Merchant {
    agent: ReturnType<typeof request.agent>;
    csrf: string;
    id: string;
    email: string;
  }

  const signUp = async (email: string, password = PASSWORD): Promise<Merchant> => {
    const agent = request.agent(server);
    const res = await agent.post('/api/merchant/signup').set('X-Forwarded-For', newClient()).send({ email, password }).expect(201);
    return { agent, csrf: res.body.csrfToken, id: res.body.merchant.id, email: res.body.merchant.email };
  };

  const shopBody = (overrides: Record<string, unknown> = {}) => ({
    name: 'Librairie des Pentes',
    siret: '443 061 841 00047',
    address: '3 montée de la Grande-Côte',
    postalCode: '69001',
    commune: 'Lyon 1er',
    website: 'https://librairie-des-pentes.example',
    phone: '04.78.12.34.56',
    description: 'Livres neufs et d’occasion au cœur des Pentes.',
    openingHours: { samedi: [['10:00', '19:00']], mardi: [['09:30', '12:30'], ['14:00', '19:00']] },
    pickupPolicy: 'Retrait en boutique sous 2 h',
    localDelivery: { communes: ['lyon', 'Caluire et Cuire'], fee: 4.5, delay: 'sous 24 h' },
    platform: 'woocommerce',
    sourceUrl: 'https://librairie-des-pentes.example/',
    ...overrides,
  });

  const createShop = async (m: Merchant, overrides: Record<string, unknown> = {}) =>
    (await m.agent.post('/api/merchant/shops').set('X-CSRF-Token', m.csrf).send(shopBody(overrides)).expect(201)).body;

  const approve = (shopId: string) => request(server).post(`/api/admin/shops/${shopId}/status`).set(admin).send({ status: 'approved' }).expect(200);

  const waitForRun = async (runId: string) => {
    for (;;) {
      const run = await prisma.syncRun.findUniqueOrThrow({ where: { id: runId } });
      if (run.status !== 'running') return run;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    env = await testEnvironment(target);
    app = await env.start();
    server = app.getHttpServer();
    prisma = app.get(PrismaService);
    admin = { Authorization: `Bearer ${env.config.adminToken}` };
    app.get(MerchantMailer).useTransport({ send: async (mail) => void mails.push(mail) });
    woo = await startWooCommerceServer({ products: catalogue });
  });
  afterAll(async () => {
    await woo?.close();
    await env?.dispose();
  });

  describe('accounts', () => {
    it('signs up with a lower-cased email, a scrypt hash and an HttpOnly, SameSite=Lax 30-day session cookie whose token is stored only hashed', async () => {
      const agent = request.agent(server);
      const res = await agent.post('/api/merchant/signup').send({ email: '  Claire.Martin@Example.FR ', password: PASSWORD, name: 'Claire' }).expect(201);
      expect(res.body).toEqual({
        merchant: { id: expect.any(String), email: 'claire.martin@example.fr', name: 'Claire', createdAt: expect.any(String) },
        csrfToken: expect.any(String),
      });
      const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('vitrines_session='))!;
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      // The test server's public address is http: no Secure flag, or the browser would drop it.
      expect(cookie).not.toMatch(/; Secure/);
      const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)![1]);
      expect(Math.round((expires - Date.now()) / 86_400_000)).toBe(30);

      const token = decodeURIComponent(/^vitrines_session=([^;]+)/.exec(cookie)![1]);
      const stored = await prisma.merchant.findUniqueOrThrow({ where: { id: res.body.merchant.id }, include: { sessions: true } });
      expect(stored.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
      expect(stored.passwordHash).not.toContain(PASSWORD);
      expect(stored.sessions.map((s) => s.tokenHash)).toEqual([createHash('sha256').update(token).digest('hex')]);

      const me = await agent.get('/api/merchant/me').expect(200);
      expect(me.body).toMatchObject({ id: res.body.merchant.id, email: 'claire.martin@example.fr' });
    });

    it('refuses a second account for the same address (whatever its case), a short password and a malformed email', async () => {
      await signUp('dup@example.fr');
      const dup = await request(server).post('/api/merchant/signup').send({ email: 'DUP@example.fr', password: PASSWORD }).expect(409);
      expect(dup.body).toEqual({ statusCode: 409, error: 'Conflict', message: expect.stringContaining('existe déjà') });
      const short = await request(server).post('/api/merchant/signup').send({ email: 'short@example.fr', password: '123456789' }).expect(400);
      expect(short.body.message).toBe('password : 10 caractères au moins.');
      await request(server).post('/api/merchant/signup').send({ email: 'not-an-email', password: PASSWORD }).expect(400);
      await request(server).post('/api/merchant/signup').send('nothing').expect(400);
      expect(await prisma.merchant.count({ where: { email: { in: ['short@example.fr', 'not-an-email'] } } })).toBe(0);
    });

    it('signs in (rotating the session), signs out with the CSRF token, and then the cookie no longer works', async () => {
      const m = await signUp('rotate@example.fr');
      const before = await prisma.merchantSession.findMany({ where: { merchantId: m.id } });
      const signIn = await m.agent.post('/api/merchant/signin').set('X-Forwarded-For', newClient()).send({ email: 'ROTATE@example.fr', password: PASSWORD }).expect(200);
      expect(signIn.body.merchant.id).toBe(m.id);
      const after = await prisma.merchantSession.findMany({ where: { merchantId: m.id } });
      // The browser's previous session is closed, the new one is a different token.
      expect(after).toHaveLength(1);
      expect(after[0].tokenHash).not.toBe(before[0].tokenHash);
      const csrf = (await m.agent.get('/api/merchant/csrf').expect(200)).body.csrfToken;
      expect(csrf).toBe(signIn.body.csrfToken);
      expect(csrf).not.toBe(m.csrf);

      await m.agent.post('/api/merchant/signout').expect(403);
      await m.agent.post('/api/merchant/signout').set('X-CSRF-Token', m.csrf).expect(403);
      // The form field works as well as the header.
      const out = await m.agent.post('/api/merchant/signout').send({ _csrf: csrf }).expect(204);
      expect(String(out.headers['set-cookie'])).toMatch(/vitrines_session=;/);
      expect(await prisma.merchantSession.count({ where: { merchantId: m.id } })).toBe(0);
      const me = await m.agent.get('/api/merchant/me').expect(401);
      expect(me.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
    });

    it('answers a wrong password and an unknown email alike, without a session', async () => {
      await signUp('wrong@example.fr');
      const client = newClient();
      const wrong = await request(server).post('/api/merchant/signin').set('X-Forwarded-For', client).send({ email: 'wrong@example.fr', password: 'not the password' }).expect(401);
      const unknown = await request(server).post('/api/merchant/signin').set('X-Forwarded-For', client).send({ email: 'nobody@example.fr', password: 'not the password' }).expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.message).toBe('Adresse e-mail ou mot de passe incorrect.');
      expect(wrong.headers['set-cookie']).toBeUndefined();
      await request(server).get('/api/merchant/me').expect(401);
      await request(server).get('/api/merchant/me').set('Cookie', 'vitrines_session=forged-token').expect(401);
    });

    it('limits failed sign-ins to 5 per email in 15 minutes (even from other addresses, even with the right password), with Retry-After', async () => {
      await signUp('target@example.fr');
      for (let i = 0; i < 5; i++) {
        await request(server).post('/api/merchant/signin').set('X-Forwarded-For', newClient()).send({ email: 'target@example.fr', password: `guess-${i}-xxxx` }).expect(401);
      }
      const blocked = await request(server).post('/api/merchant/signin').set('X-Forwarded-For', newClient()).send({ email: 'Target@example.fr', password: PASSWORD }).expect(429);
      expect(blocked.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringContaining('Trop de tentatives') });
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // Another account is not affected.
      await signUp('neighbour@example.fr');
      await request(server).post('/api/merchant/signin').set('X-Forwarded-For', newClient()).send({ email: 'neighbour@example.fr', password: PASSWORD }).expect(200);
    });

    it('limits one client address to 20 failed sign-ins across emails', async () => {
      const client = newClient();
      for (let i = 0; i < 20; i++) {
        await request(server).post('/api/merchant/signin').set('X-Forwarded-For', client).send({ email: `spray${i}@example.fr`, password: 'whatever-xx' }).expect(401);
      }
      await signUp('innocent@example.fr');
      const res = await request(server).post('/api/merchant/signin').set('X-Forwarded-For', client).send({ email: 'innocent@example.fr', password: PASSWORD }).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await request(server).post('/api/merchant/signin').set('X-Forwarded-For', newClient()).send({ email: 'innocent@example.fr', password: PASSWORD }).expect(200);
    });

    it('resets a password by a one-time link: 202 either way, the link works once, and every session is signed out', async () => {
      const m = await signUp('forgot@example.fr');
      const other = request.agent(server);
      await other.post('/api/merchant/signin').set('X-Forwarded-For', newClient()).send({ email: 'forgot@example.fr', password: PASSWORD }).expect(200);
      mails.length = 0;

      const unknown = await request(server).post('/api/merchant/password-reset').send({ email: 'ghost@example.fr' }).expect(202);
      const known = await request(server).post('/api/merchant/password-reset').send({ email: 'FORGOT@example.fr' }).expect(202);
      expect(known.body).toEqual(unknown.body);
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toBe('forgot@example.fr');
      const link = /(\S+\/espace-commercant\/mot-de-passe\?token=([\w-]+))/.exec(mails[0].text)!;
      expect(link[1].startsWith(`${env.config.publicUrl}/espace-commercant/mot-de-passe?token=`)).toBe(true);
      const token = link[2];
      const stored = await prisma.passwordResetToken.findMany({ where: { merchant: { email: 'forgot@example.fr' } } });
      expect(stored).toHaveLength(1);
      expect(stored[0].tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(stored[0].expiresAt.getTime() - Date.now()).toBeGreaterThan(55 * 60_000);
      expect(stored[0].expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);

      await request(server).post('/api/merchant/password-reset/confirm').send({ token, password: 'short' }).expect(400);
      await request(server).post('/api/merchant/password-reset/confirm').send({ token: 'not-a-real-token', password: 'a brand new secret' }).expect(400);
      await request(server).post('/api/merchant/password-reset/confirm').send({ token, password: 'a brand new secret' }).expect(200);
      const reused = await request(server).post('/api/merchant/password-reset/confirm').send({ token, password: 'yet another secret' }).expect(400);
      expect(reused.body.message).toMatch(/déjà utilisé/);

      await m.agent.get('/api/merchant/me').expect(401);
      await other.get('/api/merchant/me').expect(401);
      await request(server).post('/api/merchant/signin').set('X-Forwarded-For', newClient()).send({ email: 'forgot@example.fr', password: PASSWORD }).expect(401);
      await request(server).post('/api/merchant/signin').set('X-Forwarded-For', newClient()).send({ email: 'forgot@example.fr', password: 'a brand new secret' }).expect(200);
    });
  });

  describe('shops', () => {
    it('refuses state-changing requests without the session’s CSRF token', async () => {
      const m = await signUp('csrf@example.fr');
      const intruder = await signUp('csrf-other@example.fr');
      for (const headers of [{}, { 'X-CSRF-Token': 'forged' }, { 'X-CSRF-Token': intruder.csrf }]) {
        const res = await m.agent.post('/api/merchant/shops').set(headers).send(shopBody()).expect(403);
        expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('CSRF') });
      }
      expect(await prisma.shop.count({ where: { merchantId: m.id } })).toBe(0);
      // Reads need no token.
      await m.agent.get('/api/merchant/shops').expect(200);
    });

    it('creates a pending shop with its whole profile: official commune, commune centre, normalised phone and hours, delivery communes by official name', async () => {
      const m = await signUp('profile@example.fr');
      const shop = await createShop(m);
      expect(shop).toMatchObject({
        id: expect.any(String),
        slug: 'librairie-des-pentes',
        status: 'pending',
        statusReason: null,
        siret: '44306184100047',
        commune: 'Lyon',
        postalCode: '69001',
        phone: '04 78 12 34 56',
        // Stored in weekday order.
        openingHours: { mardi: [['09:30', '12:30'], ['14:00', '19:00']], samedi: [['10:00', '19:00']] },
        pickupPolicy: 'Retrait en boutique sous 2 h',
        localDelivery: { communes: ['Lyon', 'Caluire-et-Cuire'], fee: 4.5, delay: 'sous 24 h' },
        platform: 'woocommerce',
        hasCredentials: false,
        productCount: 0,
      });
      expect(Object.keys(shop.openingHours)).toEqual(['mardi', 'samedi']);
      expect(shop.lat).toBeCloseTo(45.76, 1);
      expect(JSON.stringify(shop)).not.toMatch(/credentialsEncrypted|merchantId/);
      const row = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } });
      expect(row).toMatchObject({ merchantId: m.id, status: 'pending', communeCode: '69123' });

      // Pending: not in the street.
      const street = await request(server).get('/api/shops').expect(200);
      expect(street.body.shops.map((s: { id: string }) => s.id)).not.toContain(shop.id);
      const list = await m.agent.get('/api/merchant/shops').expect(200);
      expect(list.body.shops.map((s: { id: string }) => s.id)).toEqual([shop.id]);

      // Coordinates the merchant places are kept; La Poste's numbering is accepted.
      const placed = await createShop(m, { name: 'Bureau de poste', siret: '35600000012341', lat: 45.7701, lng: 4.8342, localDelivery: undefined });
      expect(placed).toMatchObject({ lat: 45.7701, lng: 4.8342, siret: '35600000012341', localDelivery: null });
    });

    it('refuses a bad SIRET (400), a commune outside the territory (422) and malformed profile fields (400), saying why', async () => {
      const m = await signUp('refusals@example.fr');
      const post = (overrides: Record<string, unknown>) => m.agent.post('/api/merchant/shops').set('X-CSRF-Token', m.csrf).send(shopBody(overrides));

      const badSiret = await post({ siret: '44306184100048' }).expect(400);
      expect(badSiret.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('SIRET invalide') });
      await post({ siret: '4430618410004' }).expect(400);

      const outside = await post({ commune: 'Paris', postalCode: '75001' }).expect(422);
      expect(outside.body).toEqual({ statusCode: 422, error: 'Unprocessable Entity', message: expect.stringContaining("n'est pas dans le territoire") });
      const mismatch = await post({ commune: 'Caluire-et-Cuire', postalCode: '69001' }).expect(422);
      expect(mismatch.body.message).toMatch(/code postal/i);
      const deliveryOutside = await post({ localDelivery: { communes: ['Lyon', 'Villeurbanne', 'Grenoble'], fee: 0, delay: 'demain' } }).expect(422);
      expect(deliveryOutside.body.message).toMatch(/« Grenoble »/);

      const overlapping = await post({ openingHours: { lundi: [['09:00', '13:00'], ['12:00', '18:00']] } }).expect(400);
      expect(overlapping.body.message).toMatch(/^openingHours\.lundi\.1 : /);
      await post({ openingHours: { lundi: [['9h', '12h']] } }).expect(400);
      await post({ openingHours: { lundi: [['14:00', '12:00']] } }).expect(400);
      await post({ openingHours: { funday: [['09:00', '12:00']] } }).expect(400);
      await post({ phone: '12345' }).expect(400);
      await post({ description: 'x'.repeat(501) }).expect(400);
      await post({ description: 'Bienvenue <script>alert(1)</script>' }).expect(400);
      await post({ localDelivery: { communes: ['Lyon'], fee: -1, delay: 'demain' } }).expect(400);
      await post({ lat: 45.7 }).expect(400);
      expect(await prisma.shop.count({ where: { merchantId: m.id } })).toBe(0);
    });

    it('edits the profile: a new commune moves the shop to its centre; clearing optional fields; unknown fields refused', async () => {
      const m = await signUp('edit@example.fr');
      const shop = await createShop(m, { name: 'Cordonnerie Vaise' });
      const patch = (body: object) => m.agent.patch(`/api/merchant/shops/${shop.id}`).set('X-CSRF-Token', m.csrf).send(body);

      const moved = await patch({ commune: 'Caluire-et-Cuire', postalCode: '69300', phone: null, description: 'Ressemelage minute.' }).expect(200);
      expect(moved.body).toMatchObject({ commune: 'Caluire-et-Cuire', postalCode: '69300', phone: null, description: 'Ressemelage minute.', name: 'Cordonnerie Vaise' });
      expect(moved.body.lat).toBeCloseTo(45.795, 2);
      const hours = await patch({ openingHours: { vendredi: [['08:00', '12:00']] } }).expect(200);
      expect(hours.body.openingHours).toEqual({ vendredi: [['08:00', '12:00']] });

      const forbidden = await patch({ status: 'approved' }).expect(400);
      expect(forbidden.body.message).toMatch(/status/);
      await patch({ commune: 'Lyon' }).expect(400);
      await patch({}).expect(400);
      await patch({ commune: 'Grenoble', postalCode: '38000' }).expect(422);
      expect((await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } })).status).toBe('pending');
    });

    it("answers 404 on every route of another merchant's shop, exactly as for a shop that does not exist, and changes nothing", async () => {
      const owner = await signUp('owner@example.fr');
      const shop = await createShop(owner, { name: 'Épicerie Gambetta' });
      await approve(shop.id);
      const intruder = await signUp('intruder@example.fr');
      const missing = '00000000-0000-4000-8000-000000000000';
      const before = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } });

      for (const id of [shop.id, missing]) {
        const calls = [
          intruder.agent.get(`/api/merchant/shops/${id}`),
          intruder.agent.patch(`/api/merchant/shops/${id}`).set('X-CSRF-Token', intruder.csrf).send({ name: 'Volée' }),
          // Invalid input too: ownership is checked before validation, so a 400 cannot reveal the shop.
          intruder.agent.patch(`/api/merchant/shops/${id}`).set('X-CSRF-Token', intruder.csrf).send({ name: '' }),
          intruder.agent.get(`/api/merchant/shops/${id}/dashboard`),
          intruder.agent.post(`/api/merchant/shops/${id}/sync`).set('X-CSRF-Token', intruder.csrf),
          intruder.agent.post(`/api/merchant/shops/${id}/pause`).set('X-CSRF-Token', intruder.csrf),
          intruder.agent.post(`/api/merchant/shops/${id}/resume`).set('X-CSRF-Token', intruder.csrf),
          intruder.agent.post(`/api/merchant/shops/${id}/confirm-deletions`).set('X-CSRF-Token', intruder.csrf),
        ];
        for (const res of await Promise.all(calls)) {
          expect(res.status).toBe(404);
          expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Boutique introuvable dans votre espace.' });
        }
      }
      expect((await intruder.agent.get('/api/merchant/shops').expect(200)).body.shops).toEqual([]);
      const after = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } });
      expect(after).toEqual(before);
      expect(await prisma.syncRun.count({ where: { shopId: shop.id } })).toBe(0);
      // And without a session, 401 before anything else.
      await request(server).get(`/api/merchant/shops/${shop.id}`).expect(401);
    });
  });

  describe('approval', () => {
    it('lists pending shops oldest first with their profile; the merchant sees an approval and a rejection with its reason', async () => {
      const m = await signUp('queue@example.fr');
      const first = await createShop(m, { name: 'Boulangerie Saxe' });
      const second = await createShop(m, { name: 'Fleuriste Jean Macé' });

      const queue = await request(server).get('/api/admin/approvals').set(admin).expect(200);
      const mine = queue.body.shops.filter((s: { merchantEmail: string }) => s.merchantEmail === 'queue@example.fr');
      expect(mine.map((s: { id: string }) => s.id)).toEqual([first.id, second.id]);
      expect(mine[0]).toMatchObject({ name: 'Boulangerie Saxe', siret: '44306184100047', commune: 'Lyon', phone: '04 78 12 34 56', merchantId: m.id, status: 'pending' });
      const all = queue.body.shops.map((s: { createdAt: string }) => s.createdAt);
      expect([...all].sort()).toEqual(all);

      await approve(first.id);
      const approved = await m.agent.get(`/api/merchant/shops/${first.id}`).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', statusLabel: 'En ligne' });

      const reason = 'Le SIRET ne correspond pas à une boutique ouverte au public.';
      await request(server).post(`/api/admin/shops/${second.id}/status`).set(admin).send({ status: 'rejected', reason }).expect(200);
      const rejected = await m.agent.get(`/api/merchant/shops/${second.id}`).expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', statusReason: reason, statusLabel: 'Refusée' });
      const listed = await m.agent.get('/api/merchant/shops').expect(200);
      expect(listed.body.shops.find((s: { id: string }) => s.id === second.id).statusReason).toBe(reason);

      const after = await request(server).get('/api/admin/approvals').set(admin).expect(200);
      expect(after.body.shops.map((s: { id: string }) => s.id)).not.toEqual(expect.arrayContaining([first.id]));
      expect(after.body.shops.map((s: { id: string }) => s.id)).not.toEqual(expect.arrayContaining([second.id]));
    });
  });

  describe('dashboard', () => {
    it('refuses "synchroniser maintenant" before approval', async () => {
      const m = await signUp('early@example.fr');
      const shop = await createShop(m, { name: 'Trop pressé' });
      const res = await m.agent.post(`/api/merchant/shops/${shop.id}/sync`).set('X-CSRF-Token', m.csrf).expect(409);
      expect(res.body.message).toMatch(/validation/);
      expect(await prisma.syncRun.count({ where: { shopId: shop.id } })).toBe(0);
    });

    it('shows products, sync times, state, the latest counts, skipped items with French reasons and clicks per day; pause and resume; every action audited', async () => {
      const m = await signUp('dashboard@example.fr');
      const shop = await createShop(m, { name: 'Comptoir du Vieux Lyon', platform: 'woocommerce', sourceUrl: woo.url });
      await approve(shop.id);

      const empty = await m.agent.get(`/api/merchant/shops/${shop.id}/dashboard`).expect(200);
      expect(empty.body).toMatchObject({ state: 'never-synced', productCount: 0, lastSuccessAt: null, latestRun: null, skippedItems: [], problem: null, heldDeletions: null, paused: false });

      const started = await m.agent.post(`/api/merchant/shops/${shop.id}/sync`).set('X-CSRF-Token', m.csrf).expect(202);
      expect(started.body).toEqual({ runId: expect.any(String) });
      const run = await waitForRun(started.body.runId);
      expect(run.status).toBe('succeeded');

      // Clicks: today's count, yesterday's, and one from 40 days ago that falls outside the window.
      const today = new Date().toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const longAgo = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
      await app.get(ClickRepository).add([
        { productId: `${shop.id}-a`, shopId: shop.id, day: today, count: 3 },
        { productId: `${shop.id}-b`, shopId: shop.id, day: today, count: 2 },
        { productId: `${shop.id}-a`, shopId: shop.id, day: yesterday, count: 1 },
        { productId: `${shop.id}-a`, shopId: shop.id, day: longAgo, count: 50 },
      ]);

      const dash = (await m.agent.get(`/api/merchant/shops/${shop.id}/dashboard`).expect(200)).body;
      const imported = catalogue.length - 1;
      expect(dash).toMatchObject({
        shop: { id: shop.id, status: 'approved', platform: 'woocommerce' },
        productCount: imported,
        state: 'healthy',
        paused: false,
        running: false,
        problem: null,
        heldDeletions: null,
        latestRun: { id: run.id, status: 'succeeded', trigger: 'manual', fetched: catalogue.length, created: imported, skipped: 1, deleted: 0, error: null },
        skippedItems: [{ externalId: String(catalogue[2].id), reason: 'titre manquant' }],
      });
      expect(Date.parse(dash.lastSuccessAt)).toBeGreaterThan(Date.parse(run.startedAt.toISOString()) - 1);
      expect(Date.parse(dash.nextSyncAt)).toBeGreaterThan(Date.parse(dash.lastSuccessAt));
      expect(dash.clicks.days).toHaveLength(30);
      expect(dash.clicks.days[29]).toEqual({ day: today, count: 5 });
      expect(dash.clicks.days[28]).toEqual({ day: yesterday, count: 1 });
      expect(dash.clicks.total).toBe(6);
      // Residents find the products.
      const found = await request(server).get(`/api/search?shop=${shop.slug}`).expect(200);
      expect(found.body.total).toBe(imported);

      const paused = (await m.agent.post(`/api/merchant/shops/${shop.id}/pause`).set('X-CSRF-Token', m.csrf).expect(200)).body;
      expect(paused).toMatchObject({ paused: true, pausedReason: 'Mis en pause par le commerçant', state: 'paused', nextSyncAt: null, problem: null });
      expect((await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } })).syncPausedReason).toBe('Mis en pause par le commerçant');

      const beforeResume = Date.now();
      const resumed = (await m.agent.post(`/api/merchant/shops/${shop.id}/resume`).set('X-CSRF-Token', m.csrf).expect(200)).body;
      expect(resumed).toMatchObject({ paused: false, pausedReason: null, state: 'healthy' });
      const row = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } });
      expect(row.syncPausedReason).toBeNull();
      expect(row.nextSyncAt.getTime()).toBeGreaterThanOrEqual(beforeResume - 1000);
      expect(row.nextSyncAt.getTime()).toBeLessThanOrEqual(Date.now());

      const nothingHeld = await m.agent.post(`/api/merchant/shops/${shop.id}/confirm-deletions`).set('X-CSRF-Token', m.csrf).expect(404);
      expect(nothingHeld.body.message).toMatch(/Aucune suppression/);

      const audit = await request(server).get(`/api/admin/audit?shopId=${shop.id}`).set(admin).expect(200);
      const entries = audit.body.entries as Array<{ actor: string; action: string; at: string; details: Record<string, unknown> }>;
      expect(entries.map((e) => [e.actor, e.action])).toEqual([
        [`merchant:${m.id}`, 'sync.resumed'],
        [`merchant:${m.id}`, 'sync.paused'],
        [`merchant:${m.id}`, 'sync.requested'],
        ['admin', 'shop.status-changed'],
        [`merchant:${m.id}`, 'shop.created'],
      ]);
      expect(entries[2].details).toMatchObject({ runId: run.id });
      expect(entries[3].details).toMatchObject({ status: 'approved' });
      const times = entries.map((e) => Date.parse(e.at));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });
  });
});
