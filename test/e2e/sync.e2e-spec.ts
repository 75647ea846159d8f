import { createServer } from 'node:http';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { SearchEngine } from '../../src/catalog/search-engine';
import { PrismaService } from '../../src/database/prisma.service';
import { ShopModeration } from '../../src/shops/shop-moderation.service';
import { ShopLeaseRepository } from '../../src/sync/shop-lease.repository';
import { RUNS_KEPT_PER_SHOP, SyncRunRepository } from '../../src/sync/sync-run.repository';
import { SyncService } from '../../src/sync/sync.service';
import { SyncLauncher } from '../../src/sync/sync-launcher.service';
import { SyncRunner } from '../../src/sync/sync-runner.service';
import { SyncScheduler } from '../../src/sync/sync-scheduler.service';
import { ShopSyncRepository } from '../../src/sync/shop-sync.repository';
import { CONNECTORS } from '../../src/sync/connectors.token';
import { listenOnLoopback } from '../servers/listen';
import { demoCatalogue } from '../servers/demo-catalogue';
import { startFeedServer, FeedServer } from '../servers/feed-server';
import { startWooCommerceServer, WooServer } from '../servers/woocommerce-server';
import { databaseTargets } from '../support/test-database';
import { testEnvironment, TestEnvironment } from '../support/test-app';
import { insertShop } from '../support/test-shops';

/**
 * Real: the application, Meilisearch, PGlite/PostgreSQL, the connectors and their HTTP
 * client. Faked: only the merchants' shops, as local servers speaking WooCommerce's and
 * a product feed's real wire formats.
 */
describe.each(databaseTargets)('sync engine on %s', (target) => {
  let env: TestEnvironment;
  let app: INestApplication;
  let woo: WooServer;
  const catalogue = demoCatalogue(60, 7);
  const published = catalogue.filter((p) => p.published);

  beforeAll(async () => {
    env = await testEnvironment(target);
    app = await env.start();
    woo = await startWooCommerceServer({ products: catalogue });
  });
  afterAll(async () => {
    await woo?.close();
    await env.dispose();
  });

  const index = () => app.get(SearchEngine).client.index(env.config.meili.index);
  const taskCount = async () => (await app.get(SearchEngine).client.tasks.getTasks({ indexUids: [env.config.meili.index], limit: 1 })).total;
  const shopDocs = async (shopId: string) =>
    (await index().getDocuments({ filter: `shop.id = "${shopId}"`, limit: 1000 })).results as any[];
  const syncNow = async (shopId: string, forceFull = false) => {
    const { done } = await app.get(SyncService).requestSync(shopId, { forceFull });
    return done!;
  };

  it('indexes a shop, then writes nothing for an unchanged re-sync, one partial update for a price change, and removes a deleted product after a full pass', async () => {
    const shop = await insertShop(app, { platform: 'woocommerce', sourceUrl: woo.url });

    const first = await syncNow(shop.id);
    expect(first).toMatchObject({ status: 'succeeded', created: published.length, updated: 0, deleted: 0 });
    const docs = await shopDocs(shop.id);
    expect(docs).toHaveLength(published.length);
    // A finished run is visible in search at once.
    const found = await request(app.getHttpServer()).get(`/api/search?shop=${shop.slug}&perPage=1`).expect(200);
    expect(found.body.total).toBe(published.length);
    const sample = docs.find((d) => d.externalId === String(published[0].id));
    expect(sample).toMatchObject({ title: published[0].title, shop: { id: shop.id, slug: shop.slug, commune: 'Lyon' }, currency: 'EUR' });
    expect(sample.productUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(sample.description).not.toMatch(/<[a-z]/i);
    const stored = await app.get(PrismaService).shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(stored).toMatchObject({ productCount: published.length, consecutiveFailures: 0 });
    expect(stored.lastSuccessAt).not.toBeNull();

    const tasksBefore = await taskCount();
    const second = await syncNow(shop.id);
    expect(second).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: published.length, deleted: 0 });
    expect(await taskCount()).toBe(tasksBefore);

    const target = published[3];
    woo.setPrice(target.id, 99.9);
    const third = await syncNow(shop.id);
    expect(third).toMatchObject({ status: 'succeeded', updated: 1, unchanged: published.length - 1 });
    expect(await taskCount()).toBe(tasksBefore + 1);
    const updated = (await shopDocs(shop.id)).find((d) => d.externalId === String(target.id));
    expect(updated.price).toBe(99.9);
    expect(updated.title).toBe(target.title);

    const gone = published[5];
    woo.removeProduct(gone.id);
    const fourth = await syncNow(shop.id, true);
    expect(fourth).toMatchObject({ status: 'succeeded', deleted: 1 });
    const after = await shopDocs(shop.id);
    expect(after).toHaveLength(published.length - 1);
    expect(after.some((d) => d.externalId === String(gone.id))).toBe(false);
    expect((await app.get(PrismaService).shop.findUniqueOrThrow({ where: { id: shop.id } })).productCount).toBe(published.length - 1);
  });

  it('leaves the index as it was when the shop fails in the middle of a pass, and backs off', async () => {
    const products = demoCatalogue(250, 11);
    const server = await startWooCommerceServer({ products });
    try {
      const shop = await insertShop(app, { platform: 'woocommerce', sourceUrl: server.url });
      await syncNow(shop.id);
      const before = (await shopDocs(shop.id)).sort((a, b) => a.id.localeCompare(b.id));
      expect(before.length).toBeGreaterThan(200);

      server.options.failOnPage = 2;
      const failed = await syncNow(shop.id, true);
      expect(failed.status).toBe('failed');
      expect(failed.errorClass).toBe('server_error');
      expect(failed.error).toMatch(/erreur/i);
      const after = (await shopDocs(shop.id)).sort((a, b) => a.id.localeCompare(b.id));
      expect(after).toEqual(before);
      const stored = await app.get(PrismaService).shop.findUniqueOrThrow({ where: { id: shop.id } });
      expect(stored.consecutiveFailures).toBe(1);
      expect(stored.nextSyncAt.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
    } finally {
      await server.close();
    }
  });

  it('writes nothing for a shop suspended while its run reads, and ends the run as interrupted', async () => {
    const server = await startWooCommerceServer({ products: demoCatalogue(150, 13) });
    try {
      const shop = await insertShop(app, { platform: 'woocommerce', sourceUrl: server.url });
      const tasks = () => app.get(SearchEngine).client.tasks.getTasks({ indexUids: [env.config.meili.index], limit: 10 });
      const lastUid = (await tasks()).results[0]?.uid ?? -1;
      server.options.beforeListingPage = async (page) => {
        if (page === 2) await app.get(ShopModeration).setStatus(shop.id, { status: 'suspended', reason: 'Fermeture' });
      };
      const run = await syncNow(shop.id);
      expect(run).toMatchObject({ status: 'failed', errorClass: 'interrupted', created: 0 });
      expect(run.error).toMatch(/suspendue/);
      expect(await shopDocs(shop.id)).toEqual([]);
      // The suspension's own removal is the only task: the run wrote no product.
      expect((await tasks()).results.filter((t) => t.uid > lastUid).map((t) => t.type)).toEqual(['documentDeletion']);
    } finally {
      await server.close();
    }
  });

  it('ends a run as succeeded only while its shop is approved', async () => {
    const shop = await insertShop(app, { platform: 'woocommerce', sourceUrl: woo.url });
    const runs = app.get(SyncRunRepository);
    const counts = { fetched: 3, created: 0, updated: 0, unchanged: 3, deleted: 0, skipped: 0, heldDeletions: 0 };
    const first = await runs.start(shop.id, 'test-owner', true, 'manual');
    expect(await runs.succeed(first.id, counts, [])).toMatchObject({ id: first.id, status: 'succeeded', unchanged: 3 });
    // Suspended while a run read it: the run's end must not count as a success.
    const second = await runs.start(shop.id, 'test-owner', true, 'manual');
    await app.get(ShopModeration).setStatus(shop.id, { status: 'suspended', reason: 'Fermeture' });
    expect(await runs.succeed(second.id, counts, [])).toBeUndefined();
    expect(await runs.findById(second.id)).toMatchObject({ status: 'running', unchanged: 0 });
  });

  it('takes and gives back its lease without counting as an edit of the shop', async () => {
    const shop = await insertShop(app, { platform: 'woocommerce', sourceUrl: woo.url });
    const prisma = app.get(PrismaService);
    const before = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } });
    const leases = app.get(ShopLeaseRepository);
    expect(await leases.claim(shop.id, 'test-owner')).toBe(true);
    const held = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(held.leaseOwner).toBe('test-owner');
    // Stored as Prisma stores times: two minutes from now, read back the same in any session time zone.
    expect(Math.abs(held.leaseExpiresAt!.getTime() - (Date.now() + 2 * 60_000))).toBeLessThan(10_000);
    expect(await leases.claim(shop.id, 'someone-else')).toBe(false);
    expect(await leases.renew(shop.id, 'someone-else')).toBe(false);
    expect(await leases.renew(shop.id, 'test-owner')).toBe(true);
    await leases.release(shop.id, 'test-owner');
    const released = await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(released).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
    expect(released.updatedAt).toEqual(before.updatedAt);
  });

  it('holds a mass drop for confirmation, keeps serving the last good data, then applies it when confirmed', async () => {
    const products = demoCatalogue(80, 13).filter((p) => p.published);
    const feed: FeedServer = await startFeedServer({ products, format: 'csv' });
    try {
      const shop = await insertShop(app, { platform: 'feed', sourceUrl: feed.url });
      expect(await syncNow(shop.id)).toMatchObject({ status: 'succeeded', created: products.length });
      for (const p of products.slice(0, 60)) feed.removeProduct(p.id);
      const held = await syncNow(shop.id);
      expect(held).toMatchObject({ status: 'succeeded', deleted: 0, heldDeletions: 60 });
      expect(await shopDocs(shop.id)).toHaveLength(products.length);
      // Held deletions still count as the shop's products until they are confirmed.
      expect((await app.get(PrismaService).shop.findUniqueOrThrow({ where: { id: shop.id } })).productCount).toBe(products.length);
      // The feed has not changed since (it answers 304): the next run decides nothing, and the
      // hold waits for the confirmation instead of being forgotten.
      expect(await syncNow(shop.id)).toMatchObject({ status: 'succeeded', fetched: 0, deleted: 0, heldDeletions: 0 });
      expect(feed.requests.at(-1)?.status).toBe(304);
      expect((await app.get(PrismaService).shop.findUniqueOrThrow({ where: { id: shop.id } })).heldDeletionRunId).toBe(held.id);
      const health = await request(app.getHttpServer()).get('/api/admin/health').set('Authorization', `Bearer ${env.config.adminToken}`).expect(200);
      expect(health.body.shops.find((s: { id: string }) => s.id === shop.id)).toMatchObject({ heldDeletions: 60, lastRun: { heldDeletions: 0 } });

      // While a run holds the shop (here: a lease taken as another server's run would), a
      // confirmation could delete what that run lists again: it is refused, nothing moves.
      const leases = app.get(ShopLeaseRepository);
      expect(await leases.claim(shop.id, 'another-server')).toBe(true);
      const busy = await request(app.getHttpServer())
        .post(`/api/admin/shops/${shop.id}/confirm-deletions`)
        .set('Authorization', `Bearer ${env.config.adminToken}`)
        .expect(409);
      expect(busy.body.message).toMatch(/en cours de synchronisation/);
      expect(await shopDocs(shop.id)).toHaveLength(products.length);
      await leases.release(shop.id, 'another-server');

      const res = await request(app.getHttpServer())
        .post(`/api/admin/shops/${shop.id}/confirm-deletions`)
        .set('Authorization', `Bearer ${env.config.adminToken}`)
        .expect(200);
      expect(res.body.runId).toBe(held.id);
      expect(await shopDocs(shop.id)).toHaveLength(products.length - 60);
      // The confirmation gave the lease back: the shop syncs again.
      expect(await syncNow(shop.id)).toMatchObject({ status: 'succeeded', deleted: 0 });
    } finally {
      await feed.close();
    }
  });

  it('keeps the latest runs of a shop, and the run whose deletions wait for confirmation however old it is', async () => {
    const shop = await insertShop(app, { platform: 'feed', sourceUrl: 'http://127.0.0.1:9/feed.csv' });
    const prisma = app.get(PrismaService);
    await prisma.shop.update({ where: { id: shop.id }, data: { nextSyncAt: new Date(Date.now() + 3_600_000) } });
    const held = await prisma.syncRun.create({ data: { shopId: shop.id, status: 'succeeded', heldDeletions: 42, startedAt: new Date(Date.now() - 86_400_000) } });
    const dropped = await prisma.syncRun.create({ data: { shopId: shop.id, status: 'succeeded', startedAt: new Date(Date.now() - 86_000_000) } });
    await prisma.shop.update({ where: { id: shop.id }, data: { heldDeletionRunId: held.id } });
    await prisma.syncRun.createMany({
      data: Array.from({ length: RUNS_KEPT_PER_SHOP }, (_, i) => ({ shopId: shop.id, status: 'succeeded' as const, startedAt: new Date(Date.now() - 3_600_000 + i * 1000) })),
    });
    await app.get(SyncRunRepository).prune(shop.id);
    const kept = await prisma.syncRun.findMany({ where: { shopId: shop.id }, select: { id: true } });
    expect(kept).toHaveLength(RUNS_KEPT_PER_SHOP + 1);
    expect(kept.map((r) => r.id)).toContain(held.id);
    expect(kept.map((r) => r.id)).not.toContain(dropped.id);
    const health = await request(app.getHttpServer()).get('/api/admin/health').set('Authorization', `Bearer ${env.config.adminToken}`).expect(200);
    expect(health.body.shops.find((s: { id: string }) => s.id === shop.id)).toMatchObject({ heldDeletions: 42 });
  });

  it('starts a sync over HTTP, gives the running run again instead of a second one, and lists runs newest first', async () => {
    const shop = await insertShop(app, { platform: 'woocommerce', sourceUrl: woo.url });
    const server = app.getHttpServer();
    const auth = { Authorization: `Bearer ${env.config.adminToken}` };
    await request(server).post(`/api/admin/shops/${shop.id}/sync`).expect(401);
    const [a, b] = await Promise.all([
      request(server).post(`/api/admin/shops/${shop.id}/sync`).set(auth).expect(202),
      request(server).post(`/api/admin/shops/${shop.id}/sync`).set(auth).expect(202),
    ]);
    expect(a.body.runId).toBe(b.body.runId);
    let runs: any[] = [];
    for (let i = 0; i < 200; i++) {
      runs = (await request(server).get(`/api/admin/sync-runs?shopId=${shop.id}`).set(auth).expect(200)).body.runs;
      if (runs[0]?.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: a.body.runId, shopId: shop.id, status: 'succeeded', fetched: expect.any(Number), created: expect.any(Number), skipped: 0, error: null });
    const health = await request(server).get('/api/admin/health').set(auth).expect(200);
    expect(health.body.shops.find((s: any) => s.shopId === shop.id)).toMatchObject({ state: 'healthy', consecutiveFailures: 0 });
    await request(server).post('/api/admin/shops/not-a-uuid/sync').set(auth).expect(400);
    await request(server).post('/api/admin/shops/00000000-0000-4000-8000-000000000000/sync').set(auth).expect(404);
  });

  it('rebuilds the index from stored products and swaps it in, keeping every document and the settings', async () => {
    const before = (await index().getStats()).numberOfDocuments;
    expect(before).toBeGreaterThan(0);
    const res = await request(app.getHttpServer())
      .post('/api/admin/reindex')
      .set('Authorization', `Bearer ${env.config.adminToken}`)
      .expect(200);
    expect(res.body.documents).toBe(before);
    expect((await index().getStats()).numberOfDocuments).toBe(before);
    expect((await index().getSettings()).filterableAttributes).toEqual(expect.arrayContaining(['shop.id', 'commune']));
    const indexes = (await app.get(SearchEngine).client.getIndexes({ limit: 1000 })).results.map((i) => i.uid);
    expect(indexes.filter((uid) => uid.startsWith(`${env.config.meili.index}_rebuild_`))).toEqual([]);
  });

  it('marks a run left behind by a killed process as abandoned at the next start, and syncs the shop again', async () => {
    const shop = await insertShop(app, { platform: 'woocommerce', sourceUrl: woo.url });
    const prisma = app.get(PrismaService);
    // What a process killed mid-run leaves: its run still "running", its lease expired.
    await prisma.shop.update({ where: { id: shop.id }, data: { leaseOwner: 'dead-process', leaseExpiresAt: new Date(Date.now() - 1000) } });
    const orphan = await prisma.syncRun.create({ data: { shopId: shop.id, owner: 'dead-process', status: 'running' } });
    await app.close();
    app = await env.start();
    const abandoned = await app.get(PrismaService).syncRun.findUniqueOrThrow({ where: { id: orphan.id } });
    expect(abandoned.status).toBe('abandoned');
    expect(abandoned.finishedAt).not.toBeNull();
    // The first test removed one product from this shop.
    expect(await syncNow(shop.id)).toMatchObject({ status: 'succeeded', created: published.length - 1 });
  });

  it('gives a reading slot back when a run only waits for the engine, and bounds the runs waiting so', async () => {
    const prisma = app.get(PrismaService);
    const shops = [];
    for (let i = 0; i < 3; i++) shops.push(await insertShop(app, { platform: 'feed', sourceUrl: `http://127.0.0.1:9/${i}.csv` }));
    await prisma.shop.updateMany({ where: { id: { in: shops.map((s) => s.id) } }, data: { nextSyncAt: new Date(Date.now() + 3_600_000) } });
    // The runner is the part under our control here: each run reads until told, then waits
    // for "the engine" until told. Leases and runs are the real ones, in the real database.
    const phases = new Map<string, { readDone: () => void; finish: () => void }>();
    const runner = {
      execute: (shop: { id: string }, run: unknown, owner: string, stop: AbortSignal, readDone: () => void) =>
        new Promise((resolve) => phases.set(shop.id, { readDone, finish: () => resolve(run) })),
    } as unknown as SyncRunner;
    const launcher = new SyncLauncher(app.get(CONNECTORS), app.get(ShopSyncRepository), app.get(ShopLeaseRepository), app.get(SyncRunRepository), runner);
    const freed: number[] = [];
    launcher.onSlotFreed(() => freed.push(launcher.freeSlots(1)));
    try {
      expect(launcher.freeSlots(1)).toBe(1);
      await launcher.launch(shops[0].id, { trigger: 'schedule' });
      expect(launcher.freeSlots(1)).toBe(0);
      phases.get(shops[0].id)!.readDone();
      expect(freed).toEqual([1]);
      await launcher.launch(shops[1].id, { trigger: 'schedule' });
      expect(launcher.freeSlots(1)).toBe(0);
      // Two runs now, one of them waiting for the engine: a second waiting one would pass the bound.
      phases.get(shops[1].id)!.readDone();
      expect(launcher.freeSlots(1)).toBe(0);
      phases.get(shops[0].id)!.finish();
      await new Promise((r) => setTimeout(r, 50));
      expect(launcher.freeSlots(1)).toBe(1);
      phases.get(shops[1].id)!.finish();
      await new Promise((r) => setTimeout(r, 50));
      expect(launcher.freeSlots(1)).toBe(1);
      expect(phases.has(shops[2].id)).toBe(false);
    } finally {
      for (const p of phases.values()) p.finish();
      await launcher.onApplicationShutdown();
    }
  });

  if (target === 'postgres') {
    it('shares the due shops between two servers ticking on one database: each shop once, SYNC_CONCURRENCY at a time, expired leases taken over', async () => {
      const prisma = app.get(PrismaService);
      // Only this test's shops are due.
      await prisma.shop.updateMany({ data: { nextSyncAt: new Date(Date.now() + 3_600_000) } });
      const products = demoCatalogue(12, 5).filter((p) => p.published);
      const feed = await startFeedServer({ products, format: 'csv' });
      const csv = await (await fetch(feed.url)).text();
      // Each merchant's feed answers only when the test lets it: runs stay "reading" meanwhile.
      const held: Array<() => void> = [];
      let holding = true;
      const gate = createServer((req, res) => {
        const answer = () => res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8' }).end(csv);
        if (holding) held.push(answer);
        else answer();
      });
      const port = await listenOnLoopback(gate);
      const other = await env.start();
      const concurrency = env.config.syncConcurrency;
      try {
        const due = [];
        for (let i = 0; i < 2 * concurrency + 2; i++) due.push(await insertShop(app, { platform: 'feed', sourceUrl: `http://127.0.0.1:${port}/${i}.csv` }));
        await prisma.shop.updateMany({ where: { id: { in: due.map((s) => s.id) } }, data: { nextSyncAt: new Date(Date.now() - 60_000) } });
        // A server that died mid-run: its lease has expired, the shop is taken over.
        await prisma.shop.update({ where: { id: due[0].id }, data: { leaseOwner: 'dead-server', leaseExpiresAt: new Date(Date.now() - 1000) } });
        // A server still alive holds this one: nobody else touches it.
        const busy = await insertShop(app, { platform: 'feed', sourceUrl: `http://127.0.0.1:${port}/busy.csv` });
        await prisma.shop.update({ where: { id: busy.id }, data: { nextSyncAt: new Date(Date.now() - 60_000), leaseOwner: 'live-server', leaseExpiresAt: new Date(Date.now() + 60_000) } });

        const waitHeld = async (n: number) => {
          for (let i = 0; i < 200 && held.length < n; i++) await new Promise((r) => setTimeout(r, 25));
          await new Promise((r) => setTimeout(r, 100));
          return held.length;
        };
        const first = app.get(SyncScheduler);
        const second = other.get(SyncScheduler);
        expect(await first.tick()).toBe(concurrency);
        expect(await waitHeld(concurrency)).toBe(concurrency);
        // The first server is full: another tick starts nothing there.
        expect(await first.tick()).toBe(0);
        // The second server takes the next due shops, not those the first one holds.
        expect(await second.tick()).toBe(concurrency);
        expect(await waitHeld(2 * concurrency)).toBe(2 * concurrency);

        holding = false;
        for (const answer of held.splice(0)) answer();
        for (let i = 0; i < 200; i++) {
          await Promise.all([first.tick(), second.tick()]);
          const done = await prisma.shop.count({ where: { id: { in: due.map((s) => s.id) }, lastSuccessAt: { not: null } } });
          if (done === due.length) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        const runs = await prisma.syncRun.findMany({ where: { shopId: { in: [...due, busy].map((s) => s.id) } } });
        expect(runs).toHaveLength(due.length);
        expect(new Set(runs.map((r) => r.shopId)).size).toBe(due.length);
        expect(runs.every((r) => r.status === 'succeeded' && r.created === products.length)).toBe(true);
        expect(new Set(runs.map((r) => r.owner)).size).toBe(2);
        expect(runs.map((r) => r.owner)).not.toContain('dead-server');
        expect(await prisma.shop.findUniqueOrThrow({ where: { id: busy.id } })).toMatchObject({ leaseOwner: 'live-server', lastSyncedAt: null });
      } finally {
        holding = false;
        for (const answer of held.splice(0)) answer();
        await other.close();
        await new Promise((r) => gate.close(r));
        await feed.close();
      }
    });

    it('reads leases in UTC on a server whose own time zone is not UTC: a live run is never taken for a dead one', async () => {
      const prisma = app.get(PrismaService);
      // A server set up far from Greenwich: sessions opened from now on default to its zone.
      await prisma.$executeRawUnsafe(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'Pacific/Auckland'); END $$`);
      const other = await env.start();
      try {
        const db = other.get(PrismaService);
        expect(await db.$queryRaw`SELECT current_setting('TimeZone') AS tz`).toEqual([{ tz: 'UTC' }]);
        const shop = await insertShop(app, { platform: 'woocommerce', sourceUrl: woo.url });
        await db.shop.update({ where: { id: shop.id }, data: { nextSyncAt: new Date(Date.now() + 3_600_000), leaseOwner: 'live-server', leaseExpiresAt: new Date(Date.now() + 60_000) } });
        const live = await db.syncRun.create({ data: { shopId: shop.id, owner: 'live-server', status: 'running' } });
        await other.get(SyncRunRepository).abandonOrphans();
        expect((await db.syncRun.findUniqueOrThrow({ where: { id: live.id } })).status).toBe('running');
        await db.shop.update({ where: { id: shop.id }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
        await other.get(SyncRunRepository).abandonOrphans();
        const abandoned = await db.syncRun.findUniqueOrThrow({ where: { id: live.id } });
        expect(abandoned.status).toBe('abandoned');
        expect(Math.abs(abandoned.finishedAt!.getTime() - Date.now())).toBeLessThan(60_000);
        await db.shop.update({ where: { id: shop.id }, data: { leaseOwner: null, leaseExpiresAt: null } });
      } finally {
        await prisma.$executeRawUnsafe(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET timezone', current_database()); END $$`);
        await other.close();
      }
    });

    it('never runs the same shop in two processes at once', async () => {
      const shop = await insertShop(app, { platform: 'woocommerce', sourceUrl: woo.url });
      const other = await env.start();
      const [a, b] = await Promise.all([app.get(SyncService).requestSync(shop.id), other.get(SyncService).requestSync(shop.id)]);
      await Promise.all([a.done, b.done]);
      const runs = await app.get(PrismaService).syncRun.findMany({ where: { shopId: shop.id }, orderBy: { startedAt: 'asc' } });
      if (a.runId === b.runId) {
        // The usual case: the second request got the running run.
        expect(runs).toHaveLength(1);
        expect([a.started, b.started].filter(Boolean)).toHaveLength(1);
      } else {
        // The first run finished before the second request could see it: the second starts after it ended.
        expect(runs).toHaveLength(2);
        expect(runs[1].startedAt.getTime()).toBeGreaterThanOrEqual(runs[0].finishedAt!.getTime());
      }
      await other.close();
    });
  }
});

describe('sync scheduler of a server', () => {
  let env: TestEnvironment;
  let app: INestApplication;

  beforeAll(async () => {
    env = await testEnvironment('pglite', { SYNC_SCHEDULER: 'true', SYNC_CONCURRENCY: '1' });
    app = await env.start();
    // The scheduler's first pass runs right after start: let it find nothing due first.
    await new Promise((r) => setTimeout(r, 500));
  });
  afterAll(async () => {
    await env.dispose();
  });

  it('fills each freed slot at once: due shops sync one after another without waiting for the next tick', async () => {
    const products = demoCatalogue(20, 3).filter((p) => p.published);
    const feed = await startFeedServer({ products, format: 'csv' });
    try {
      const prisma = app.get(PrismaService);
      const shops = [];
      for (let i = 0; i < 3; i++) shops.push(await insertShop(app, { platform: 'feed', sourceUrl: feed.url }));
      const ids = shops.map((s) => s.id);
      const started = Date.now();
      expect(await app.get(SyncScheduler).tick()).toBe(1);
      // One at a time (SYNC_CONCURRENCY=1); the scheduler's own interval is 10 s.
      let done = 0;
      while (done < shops.length && Date.now() - started < 8000) {
        await new Promise((r) => setTimeout(r, 100));
        done = await prisma.shop.count({ where: { id: { in: ids }, lastSuccessAt: { not: null } } });
      }
      expect(done).toBe(shops.length);
      const runs = await prisma.syncRun.findMany({ where: { shopId: { in: ids } }, orderBy: { startedAt: 'asc' } });
      expect(runs.map((r) => r.trigger)).toEqual(['schedule', 'schedule', 'schedule']);
      expect(runs.every((r) => r.status === 'succeeded' && r.created === products.length)).toBe(true);
    } finally {
      await feed.close();
    }
  });
});
