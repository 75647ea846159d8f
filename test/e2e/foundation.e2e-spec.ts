import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.factory';
import { SearchEngine } from '../../src/catalog/search-engine';
import { loadConfig } from '../../src/config/config.loader';
import { PrismaService } from '../../src/database/prisma.service';
import { databaseTargets } from '../support/test-database';
import { testEnvironment, TestEnvironment } from '../support/test-app';
import { isProcessRunning } from '../../src/common/process-signal';

/**
 * Real: the whole Nest application, Meilisearch (bundled binary), PGlite on disk and
 * PostgreSQL (when TEST_DATABASE_URL is set). Nothing is mocked.
 */
describe.each(databaseTargets)('foundation on %s', (target) => {
  let env: TestEnvironment;
  beforeAll(async () => (env = await testEnvironment(target)));
  afterAll(async () => env.dispose());

  it('reports health, applies the index settings, serves metrics, and keeps data across restarts', async () => {
    const app = await env.start();
    const server = app.getHttpServer();

    const health = await request(server).get('/health').expect(200);
    expect(health.body).toEqual({ status: 'ok', database: 'up', search: 'up' });

    const engine = app.get(SearchEngine);
    const settings = await engine.client.index(env.config.meili.index).getSettings();
    expect(settings.searchableAttributes?.[0]).toBe('title');
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['shop.slug', 'commune', 'category', 'brand', 'inStock', 'price']));
    expect(settings.sortableAttributes).toEqual(expect.arrayContaining(['price', 'updatedAt']));
    expect(settings.stopWords).toEqual(expect.arrayContaining(['le', 'la', 'les', 'de']));
    expect(settings.synonyms?.['vélo']).toEqual(expect.arrayContaining(['bicyclette']));
    expect(settings.localizedAttributes?.[0].locales).toEqual(['fra']);
    expect(settings.typoTolerance?.enabled).toBe(true);

    const metrics = await request(server).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.text).toMatch(/vitrines_http_requests_total\{method="GET",route="\/health",status="200"\} 1/);
    expect(metrics.text).toContain('vitrines_sync_runs_total');

    const notFound = await request(server).get('/no/such/route').expect(404);
    expect(notFound.body).toMatchObject({ statusCode: 404, error: 'Not Found' });

    const shop = await app.get(PrismaService).shop.create({
      data: {
        slug: 'fournil-croix-rousse',
        name: 'Fournil de la Croix-Rousse',
        address: '12 rue d’Austerlitz',
        postalCode: '69004',
        communeCode: '69384',
        communeName: 'Lyon',
        lat: 45.7772,
        lng: 4.8302,
        platform: 'feed',
        sourceUrl: 'https://fournil.example/flux.csv',
        syncIntervalMinutes: 360,
      },
    });
    await app.close();

    // Same DATA_DIR / database, same index: a restart applies nothing twice and loses nothing.
    const again = await env.start();
    const found = await again.get(PrismaService).shop.findUnique({ where: { id: shop.id } });
    expect(found?.name).toBe('Fournil de la Croix-Rousse');
    await request(again.getHttpServer()).get('/health').expect(200);
    const stats = await again.get(SearchEngine).client.index(env.config.meili.index).getStats();
    expect(stats.numberOfDocuments).toBe(0);
  });
});

if (databaseTargets.includes('postgres')) {
  describe('two servers starting together on one PostgreSQL', () => {
    let env: TestEnvironment;
    beforeAll(async () => (env = await testEnvironment('postgres')));
    afterAll(async () => env.dispose());

    it('both come up, and the schema is migrated once', async () => {
      const [a, b] = await Promise.all([env.start(), env.start()]);
      await request(a.getHttpServer()).get('/health').expect(200);
      await request(b.getHttpServer()).get('/health').expect(200);
      const rows = await a.get(PrismaService).$queryRawUnsafe<Array<{ migration_name: string }>>(
        'SELECT migration_name FROM "_prisma_migrations"',
      );
      const names = rows.map((r) => r.migration_name);
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
    });
  });
}

describe('bundled Meilisearch', () => {
  it('is started with the server, restarted if it dies, and stopped with it, leaving no process behind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vitrines-bundled-'));
    let app: INestApplication | undefined;
    try {
      const config = loadConfig({ DATA_DIR: dataDir, SYNC_SCHEDULER: 'false', LOG_LEVEL: 'warn' });
      app = await createApp(config, { logger: false });
      await app.init();
      const engine = app.get(SearchEngine);
      expect(engine.host).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok', database: 'up', search: 'up' });
      const first = (engine as any).child.process.pid as number;
      expect(isProcessRunning(first)).toBe(true);

      // Killed from outside (e.g. for memory): health says so, and the engine comes back on its own.
      process.kill(first, 'SIGKILL');
      let down = false;
      let back = false;
      for (let i = 0; i < 600 && !back; i++) {
        const res = await request(app.getHttpServer()).get('/health');
        if (res.status === 503) {
          expect(res.body).toEqual({ status: 'error', database: 'up', search: 'down' });
          down = true;
        }
        back = down && res.status === 200;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(down).toBe(true);
      expect(back).toBe(true);
      // The engine answers a moment before the supervisor records the new process.
      let second = first;
      for (let i = 0; i < 100 && second === first; i++) {
        await new Promise((r) => setTimeout(r, 50));
        second = (engine as any).child.process.pid as number;
      }
      expect(second).not.toBe(first);

      await app.close();
      app = undefined;
      expect(isProcessRunning(second)).toBe(false);
    } finally {
      // Even when an assertion failed: no engine may outlive the test.
      await app?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
