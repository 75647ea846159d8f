import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PrismaService } from '../../src/database/prisma.service';
import { databaseTargets } from '../support/test-database';
import { testEnvironment, TestEnvironment } from '../support/test-app';

/**
 * Real: the whole Nest application over HTTP, Meilisearch, PGlite and PostgreSQL (when
 * TEST_DATABASE_URL is set). Nothing is mocked; no shop is ever read (no sync runs here
 * except a reindex of an empty catalogue).
 */
describe.each(databaseTargets)('admin space on %s', (target) => {
  let env: TestEnvironment;
  let app: INestApplication;
  let server: any;
  let prisma: PrismaService;
  let bearer: { Authorization: string };

  const WOO_KEY = 'ck_audit_5b1f0c2d9e';
  const WOO_SECRET = 'cs_audit_7a6e5d4c3b';
  const shop = (name: string) => ({
    name,
    address: '8 rue Mercière',
    postalCode: '69002',
    commune: 'Lyon',
    website: 'https://example.test',
    platform: 'woocommerce',
    sourceUrl: 'https://example.test/boutique?feed_key=not-for-the-log',
    credentials: { consumerKey: WOO_KEY, consumerSecret: WOO_SECRET },
  });

  beforeAll(async () => {
    env = await testEnvironment(target);
    app = await env.start();
    server = app.getHttpServer();
    prisma = app.get(PrismaService);
    bearer = { Authorization: `Bearer ${env.config.adminToken}` };
  });
  afterAll(async () => env?.dispose());

  it('refuses the approval queue, the audit log and the session check without the token or the admin cookie', async () => {
    for (const headers of [{}, { Authorization: 'Bearer nope' }, { Cookie: 'vitrines_admin=abc.123.def' }]) {
      for (const path of ['/api/admin/approvals', '/api/admin/audit', '/api/admin/session', '/api/admin/health']) {
        const res = await request(server).get(path).set(headers);
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
      }
    }
    await request(server).post('/api/admin/session').send({ token: 'not-the-token' }).expect(401);
    await request(server).post('/api/admin/session').send({}).expect(400);
  });

  it('signs the admin pages in with ADMIN_TOKEN: a signed HttpOnly 12-hour cookie, CSRF required to change anything', async () => {
    const agent = request.agent(server);
    const signIn = await agent.post('/api/admin/session').send({ token: env.config.adminToken }).expect(200);
    expect(signIn.body).toEqual({ csrfToken: expect.any(String), expiresAt: expect.any(String) });
    const cookie = (signIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('vitrines_admin='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toContain(env.config.adminToken);
    const hours = (Date.parse(/Expires=([^;]+)/.exec(cookie)![1]) - Date.now()) / 3_600_000;
    expect(Math.round(hours)).toBe(12);

    await agent.get('/api/admin/health').expect(200);
    expect((await agent.get('/api/admin/session').expect(200)).body.csrfToken).toBe(signIn.body.csrfToken);

    const refused = await agent.post('/api/admin/shops').send(shop('Sans jeton CSRF')).expect(403);
    expect(refused.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('CSRF') });
    await agent.post('/api/admin/shops').set('X-CSRF-Token', 'forged').send(shop('Jeton faux')).expect(403);
    expect(await prisma.shop.count()).toBe(0);
    const created = await agent.post('/api/admin/shops').set('X-CSRF-Token', signIn.body.csrfToken).send(shop('Avec jeton CSRF')).expect(201);
    expect(created.body.status).toBe('approved');

    // A tampered cookie is no session at all.
    const value = decodeURIComponent(/^vitrines_admin=([^;]+)/.exec(cookie)![1]);
    const [nonce, expires, signature] = value.split('.');
    const later = `${nonce}.${Number(expires) + 86_400_000}.${signature}`;
    await request(server).get('/api/admin/health').set('Cookie', `vitrines_admin=${later}`).expect(401);
    await request(server).get('/api/admin/health').set('Cookie', `vitrines_admin=${value}`).expect(200);

    // A wrong bearer token is refused even alongside a valid cookie: the bearer path is unchanged.
    await request(server).get('/api/admin/health').set('Cookie', `vitrines_admin=${value}`).set('Authorization', 'Bearer wrong').expect(401);

    const out = await agent.delete('/api/admin/session').expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/vitrines_admin=;/);
    await agent.get('/api/admin/health').expect(401);
  });

  it('records every admin action in the audit log, newest first, with no secret in it', async () => {
    const created = await request(server).post('/api/admin/shops').set(bearer).send(shop('Quincaillerie Audit')).expect(201);
    const id = created.body.id;
    await request(server).post(`/api/admin/shops/${id}/status`).set(bearer).send({ status: 'suspended', reason: 'Vérification en cours' }).expect(200);
    await request(server).post(`/api/admin/shops/${id}/status`).set(bearer).send({ status: 'approved' }).expect(200);
    await request(server).delete(`/api/admin/shops/${id}/credentials`).set(bearer).expect(200);
    await request(server).post('/api/admin/reindex').set(bearer).expect(200);

    const res = await request(server).get(`/api/admin/audit?shopId=${id}`).set(bearer).expect(200);
    const entries = res.body.entries as Array<{ id: string; at: string; actor: string; action: string; shopId: string; details: Record<string, unknown> }>;
    expect(entries.map((e) => e.action)).toEqual(['shop.credentials-deleted', 'shop.status-changed', 'shop.status-changed', 'shop.created']);
    expect(entries.every((e) => e.actor === 'admin' && e.shopId === id)).toBe(true);
    expect(entries[2].details).toEqual({ status: 'suspended', reason: 'Vérification en cours' });
    expect(entries[3].details).toMatchObject({ name: 'Quincaillerie Audit', commune: 'Lyon', platform: 'woocommerce', sourceUrl: 'https://example.test/boutique', withStoreLogin: true });
    const text = JSON.stringify(res.body);
    for (const secret of [WOO_KEY, WOO_SECRET, 'not-for-the-log', env.config.adminToken]) expect(text).not.toContain(secret);

    const all = await request(server).get('/api/admin/audit?limit=2').set(bearer).expect(200);
    expect(all.body.entries).toHaveLength(2);
    expect(all.body.entries[0]).toMatchObject({ actor: 'admin', action: 'index.rebuilt', shopId: null, details: { documents: 0 } });
    expect(all.body.entries[1].action).toBe('shop.credentials-deleted');

    await request(server).get('/api/admin/audit?shopId=nope').set(bearer).expect(400);
    await request(server).get('/api/admin/audit?limit=0').set(bearer).expect(400);
    await request(server).get('/api/admin/audit?limit=abc').set(bearer).expect(400);
  });

  it('records manual syncs and refused confirmations only when they happen', async () => {
    const created = await request(server).post('/api/admin/shops').set(bearer).send({ ...shop('Mercerie Sync'), sourceUrl: 'http://127.0.0.1:9/', credentials: undefined }).expect(201);
    const id = created.body.id;
    const sync = await request(server).post(`/api/admin/shops/${id}/sync`).set(bearer).expect(202);
    // Nothing held: refused, and not recorded.
    await request(server).post(`/api/admin/shops/${id}/confirm-deletions`).set(bearer).expect(404);
    const entries = (await request(server).get(`/api/admin/audit?shopId=${id}`).set(bearer).expect(200)).body.entries;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['sync.requested', 'shop.created']);
    expect(entries[0].details).toMatchObject({ runId: sync.body.runId });
    // Let the run against the closed port finish before the app closes.
    for (;;) {
      const run = await prisma.syncRun.findUniqueOrThrow({ where: { id: sync.body.runId } });
      if (run.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('serves the approval queue (empty when every shop came from an admin)', async () => {
    const res = await request(server).get('/api/admin/approvals').set(bearer).expect(200);
    expect(res.body).toEqual({ shops: [] });
  });
});
