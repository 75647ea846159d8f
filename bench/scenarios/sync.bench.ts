import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Meilisearch } from 'meilisearch';
import { createHttpClient } from '../../connectors/core/axios-http-client';
import { FeedConnector } from '../../connectors/feed/feed.connector';
import { SearchEngine } from '../../src/catalog/search-engine';
import { ProductIndexService } from '../../src/catalog/product-index.service';
import { PrismaService } from '../../src/database/prisma.service';
import { ProductStateRepository } from '../../src/sync/product-state.repository';
import { SyncService } from '../../src/sync/sync.service';
import { SyncScheduler } from '../../src/sync/sync-scheduler.service';
import { BenchRow, cpuMeter, median, processCpuSeconds, Scenario, timed } from '../bench-kit';
import { rssSampler, startBenchApp, startFleet } from '../bench-app';

const SHOPS = Number(process.env.BENCH_SYNC_SHOPS ?? 100);
const PRODUCTS = Number(process.env.BENCH_SYNC_PRODUCTS ?? 1000);
const BIG_SHOP = 3000;
const RESYNC_ROUNDS = 5;
/** Product texts: "realistic" (~1.2 KB documents, as behind PERFORMANCE.md's figures) or the demo's "short" ones. */
const TEXTS = process.env.BENCH_SYNC_TEXTS === 'short' ? 'short' : 'realistic';

/**
 * Full sync of a fleet of local feed shops through the real application (scheduler,
 * connectors, diff, index), against the engine's own bulk-indexing rate for the very
 * same documents; then an unchanged re-sync of one large shop against merely reading it.
 */
export const sync: Scenario = {
  name: 'sync',
  description: `full sync of ${SHOPS} shops × ${PRODUCTS} products vs raw Meilisearch; unchanged re-sync of a ${BIG_SHOP}-product shop`,
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const fleet = await startFleet('feed', SHOPS, PRODUCTS, TEXTS);
    const big = await startFleet('feed', 1, BIG_SHOP, TEXTS);
    const bench = await startBenchApp({ SYNC_SCHEDULER: 'true', SYNC_CONCURRENCY: process.env.BENCH_SYNC_CONCURRENCY ?? '4' });
    try {
      const prisma = bench.app.get(PrismaService);
      const shops = [];
      for (const [i, url] of fleet.urls.entries()) {
        shops.push(
          await prisma.shop.create({
            data: {
              slug: `bench-${i}`, name: `Boutique ${i}`, address: '1 rue de la République', postalCode: '69002', communeCode: '69123',
              communeName: 'Lyon', lat: 45.76, lng: 4.83, platform: 'feed', sourceUrl: url, status: 'approved', syncIntervalMinutes: 360,
              nextSyncAt: new Date(Date.now() + 3_600_000),
            },
          }),
        );
      }
      // Everything due at once: the scheduler takes them SYNC_CONCURRENCY at a time.
      const rssBefore = process.memoryUsage().rss / 1024 / 1024;
      // The embedded database's own process, when there is one (no DATABASE_URL).
      const driver = prisma.driver;
      const embeddedPid = driver.kind === 'postgres' ? driver.embedded?.pid : undefined;
      const rss = rssSampler(embeddedPid);
      const dbCpuStart = embeddedPid ? processCpuSeconds(embeddedPid) : 0;
      const engine = bench.app.get(SearchEngine).client;
      const productsIndex = bench.config.meili.index;
      const syncQueueBefore = await engineQueue(engine, productsIndex);
      const fullCpu = cpuMeter('meilisearch');
      // How long the server's event loop stalls while it syncs: every stall delays the
      // searches and pages served at the same time.
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      const full = await timed(async () => {
        await prisma.shop.updateMany({ where: { slug: { startsWith: 'bench-' } }, data: { nextSyncAt: new Date() } });
        // Start now rather than at the scheduler's next tick (up to 10 s away); it refills freed slots itself.
        await bench.app.get(SyncScheduler).tick();
        for (;;) {
          const done = await prisma.shop.count({ where: { slug: { startsWith: 'bench-' }, lastSyncedAt: { not: null } } });
          if (done === SHOPS) break;
          await new Promise((r) => setTimeout(r, 200));
        }
      });
      const peakRss = rss.stop();
      const syncQueue = queueSince(await engineQueue(engine, productsIndex), syncQueueBefore);
      loopDelay.disable();
      const fullCpuUsed = fullCpu.stop();
      const dbCpuUsed = embeddedPid ? processCpuSeconds(embeddedPid) - dbCpuStart : 0;
      const failed = await prisma.syncRun.count({ where: { status: { not: 'succeeded' } } });
      const indexed = await prisma.productState.count();
      const syncRate = indexed / (full.ms / 1000);

      // The same documents, straight into a fresh index with the same settings. They go to
      // files first: the raw run pays only for sending them, and this process never holds
      // the whole catalogue (which would weigh on every later figure of this process).
      const rawDir = mkdtempSync(join(tmpdir(), 'vitrines-raw-'));
      const bodies: string[] = [];
      let docCount = 0;
      let docBytesTotal = 0;
      for await (const page of bench.app.get(ProductStateRepository).allDocuments(1000)) {
        const body = JSON.stringify(page);
        const file = join(rawDir, `${bodies.length}.json`);
        writeFileSync(file, body);
        bodies.push(file);
        docCount += page.length;
        // The documents' own bytes: the body less its brackets and commas.
        docBytesTotal += Buffer.byteLength(body) - 1 - page.length;
      }
      await bench.app.get(ProductIndexService).ensureIndex('raw_baseline');
      const rawCpu = cpuMeter('meilisearch');
      const raw = await timed(async () => {
        const tasks = [];
        for (const file of bodies) tasks.push(await engine.index('raw_baseline').addDocumentsFromString(readFileSync(file, 'utf8'), 'application/json', { primaryKey: 'id' }));
        for (const t of tasks) await engine.tasks.waitForTask(t.taskUid, { timeout: 3_600_000, interval: 100 });
      });
      rmSync(rawDir, { recursive: true, force: true });
      const rawRate = docCount / (raw.ms / 1000);
      const rawQueue = await engineQueue(engine, 'raw_baseline');
      const rawCpuUsed = rawCpu.stop();
      const docBytes = docBytesTotal / Math.max(1, docCount);
      rows.push({ scenario: 'sync', metric: `full sync, ${SHOPS} shops × ${PRODUCTS} (${indexed} docs, ${failed} failed runs)`, value: syncRate, unit: 'docs/s', baseline: rawRate, note: `target ≥ 0.70×; ${TEXTS} texts, documents of ${Math.round(docBytes)} bytes on average` });
      rows.push({ scenario: 'sync', metric: 'full sync wall time', value: full.ms / 1000, unit: 's', baseline: raw.ms / 1000 });
      rows.push({ scenario: 'sync', metric: 'CPU of the server process (connectors, diff, database)', value: fullCpuUsed.own, unit: 'cpu-s', baseline: rawCpuUsed.own });
      rows.push({ scenario: 'sync', metric: 'CPU of the engine', value: fullCpuUsed.child, unit: 'cpu-s', baseline: rawCpuUsed.child, note: '2 cores shared by both' });
      rows.push({
        scenario: 'sync',
        metric: 'index writes merged per engine batch',
        value: syncQueue.tasks / Math.max(1, syncQueue.batches),
        unit: 'tasks',
        baseline: rawQueue.tasks / Math.max(1, rawQueue.batches),
        note: `${syncQueue.tasks} tasks in ${syncQueue.batches} batches against ${rawQueue.tasks} in ${rawQueue.batches}: the engine's work per document falls as it merges more`,
      });
      rows.push({ scenario: 'sync', metric: 'peak RSS of the server process during the sync', value: peakRss, unit: 'MB', note: `target < 300 MB; ${Math.round(rssBefore)} MB before the sync, V8 heap peak ${Math.round(rss.heapPeakMb())} MB; ${rss.atPeak()}` });
      rows.push({
        scenario: 'sync',
        metric: 'event loop delay of the server during the sync, p99',
        value: loopDelay.percentile(99) / 1e6,
        unit: 'ms',
        note: `max ${(loopDelay.max / 1e6).toFixed(0)} ms: what a search served meanwhile may wait`,
      });
      if (embeddedPid) {
        rows.push({ scenario: 'sync', metric: 'CPU of the embedded database process (PGlite)', value: dbCpuUsed, unit: 'cpu-s' });
        rows.push({ scenario: 'sync', metric: 'peak RSS of the embedded database process (PGlite)', value: rss.otherPeakMb(), unit: 'MB', note: 'its own process, like the engine' });
      }

      // Unchanged re-sync of one large shop vs only reading its pages.
      const bigShop = await prisma.shop.create({
        data: {
          slug: 'bench-big', name: 'Grande boutique', address: '1 rue de la République', postalCode: '69002', communeCode: '69123', communeName: 'Lyon',
          lat: 45.76, lng: 4.83, platform: 'feed', sourceUrl: big.urls[0], status: 'approved', syncIntervalMinutes: 360, nextSyncAt: new Date(Date.now() + 3_600_000),
        },
      });
      const syncService = bench.app.get(SyncService);
      const first = await syncService.requestSync(bigShop.id, { forceFull: true });
      await first.done;
      // No conditional GET for these measurements: the whole feed is read and compared.
      const unchangedResync = async () => {
        await prisma.shop.update({ where: { id: bigShop.id }, data: { sourceEtag: null, sourceLastModified: null } });
        return timed(async () => (await syncService.requestSync(bigShop.id, { forceFull: true })).done);
      };
      const fetchOnly = () =>
        timed(async () => {
          const http = createHttpClient({ allowPrivateHosts: true });
          for await (const batch of new FeedConnector().products({ url: big.urls[0] }, {}, { http })) void batch;
          http.close();
        });
      // One untimed round first: the first unchanged pass of a process compiles the paths
      // that only unchanged products take. Then the median of a few rounds of each, as
      // single half-second measurements on a shared machine vary by a quarter.
      const tasksBefore = (await engineQueue(engine, productsIndex)).tasks;
      await unchangedResync();
      await fetchOnly();
      const resyncs: number[] = [];
      const fetches: number[] = [];
      for (let round = 0; round < RESYNC_ROUNDS; round++) {
        resyncs.push((await unchangedResync()).ms);
        fetches.push((await fetchOnly()).ms);
      }
      const tasksAfter = (await engineQueue(engine, productsIndex)).tasks;
      rows.push({ scenario: 'sync', metric: `unchanged re-sync of ${BIG_SHOP} products`, value: median(resyncs) / 1000, unit: 's', baseline: median(fetches) / 1000, note: `target < 1.5× reading only; median of ${RESYNC_ROUNDS} after one warm-up round (all: ${resyncs.map((m) => m.toFixed(0)).join(', ')} ms against ${fetches.map((m) => m.toFixed(0)).join(', ')} ms)` });
      rows.push({ scenario: 'sync', metric: `index writes during ${RESYNC_ROUNDS + 1} unchanged re-syncs`, value: tasksAfter - tasksBefore, unit: 'tasks', note: 'target 0' });
    } finally {
      await bench.dispose();
      fleet.stop();
      big.stop();
    }
    return rows;
  },
};

interface EngineQueue {
  tasks: number;
  batches: number;
}

/** How many tasks an index has had, and in how many batches the engine processed them. */
async function engineQueue(engine: Meilisearch, index: string): Promise<EngineQueue> {
  const [tasks, batches] = await Promise.all([engine.tasks.getTasks({ indexUids: [index], limit: 1 }), engine.batches.getBatches({ indexUids: [index], limit: 1 })]);
  return { tasks: tasks.total, batches: batches.total };
}

function queueSince(now: EngineQueue, before: EngineQueue): EngineQueue {
  return { tasks: now.tasks - before.tasks, batches: now.batches - before.batches };
}
