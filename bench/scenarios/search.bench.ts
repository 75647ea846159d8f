import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Meilisearch, MultiSearchQuery } from 'meilisearch';
import { CatalogWriter } from '../../src/catalog/catalog-writer.service';
import { SearchEngine } from '../../src/catalog/search-engine';
import { PrismaService } from '../../src/database/prisma.service';
import { BenchRow, cpuMeter, Scenario, timed } from '../bench-kit';
import { startBenchApp } from '../bench-app';
import { startBareProxy } from '../search/bare-proxy';
import { addGeoDocuments, createGeoIndex, GEO_INDEX, geoDesignQueries, sameTotals, singleUpdateMs } from '../search/geo-design';
import { queryMix, vocabulary } from '../search/query-mix';
import { directBody, recordSearches, RecordedSearch } from '../search/query-recorder';
import { COMMUNES, planShops, shopDocuments, shopRows } from '../search/search-fixture';
import { LoadFigures, runWrk, WRK_MISSING, wrkAvailable } from '../search/wrk-runner';

const DOCS = Number(process.env.BENCH_SEARCH_DOCS ?? 100_000);
const SHOPS = Number(process.env.BENCH_SEARCH_SHOPS ?? 100);
const SECONDS = Number(process.env.BENCH_SEARCH_SECONDS ?? 20);
const CONCURRENCY = (process.env.BENCH_SEARCH_CONCURRENCY ?? '1,8,32').split(',').map(Number);
const GEO_CONCURRENCY = 8;
const MIX_SIZE = 300;
const UPDATES = 9;
const PER_SHOP = Math.ceil(DOCS / SHOPS);

/**
 * GET /api/search of the real application under wrk, with a realistic query mix, against
 * the very same multi-searches sent straight to Meilisearch in the same run; then the geo
 * design we chose (shop lists resolved in the application) against `_geo` in the engine.
 */
export const search: Scenario = {
  name: 'search',
  description: `search load on ${SHOPS} shops × ${PER_SHOP} products, c=${CONCURRENCY.join('/')} for ${SECONDS} s each, vs Meilisearch alone; geo design vs _geo`,
  async run(): Promise<BenchRow[]> {
    if (!wrkAvailable()) {
      console.error(`  wrk is not installed: ${WRK_MISSING}`);
      return [];
    }
    const rows: BenchRow[] = [];
    const work = mkdtempSync(join(tmpdir(), 'vitrines-search-bench-'));
    const bench = await startBenchApp();
    try {
      const server = await bench.app.listen(0, '127.0.0.1');
      const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const engine = bench.app.get(SearchEngine);
      const client = engine.client;
      const masterKey = client.config.apiKey ?? '';

      // Shops in the table, their products in the index, as a finished sync leaves them.
      const shops = planShops(SHOPS);
      await bench.app.get(PrismaService).shop.createMany({ data: shopRows(shops) });
      const writer = bench.app.get(CatalogWriter);
      const indexing = await timed(async () => {
        for (const shop of shops) await writer.replace(shopDocuments(shop, PER_SHOP));
      });
      const docs = (await client.index(bench.config.meili.index).getStats()).numberOfDocuments;
      console.log(`  indexed ${docs} products of ${SHOPS} shops in ${(indexing.ms / 1000).toFixed(1)} s`);

      const searches = await recordSearches(appUrl, engine, queryMix(vocabulary(), COMMUNES, MIX_SIZE));
      const withHits = searches.filter((s) => s.total > 0).length;
      console.log(`  query mix: ${searches.length} searches, ${withHits} with results, ${countBy(searches)}`);
      const appFile = write(work, 'app.txt', searches.map((s) => s.path));
      const directFile = write(work, 'direct.txt', searches.map((s) => `/multi-search\t${directBody(s)}`));
      const app = (c: number, seconds = SECONDS) => runWrk({ url: appUrl, script: 'search-get.lua', args: [appFile], connections: c, seconds });
      const direct = (file: string, c: number, seconds = SECONDS) => runWrk({ url: engine.host, script: 'search-post.lua', args: [file, masterKey], connections: c, seconds });

      rows.push({ scenario: 'search', metric: 'products indexed for the load', value: docs, unit: 'docs', note: `${SHOPS} shops in ${COMMUNES.length} communes; mix of ${searches.length} searches (${withHits} with results); engine alone gets each search's queries as one multi-search` });
      await direct(directFile, 8, 3);
      await app(8, 3);
      const perRequest = (cpuSeconds: number, f: LoadFigures) => (cpuSeconds * 1000) / Math.max(1, f.requests);
      let engineAtTargets: LoadFigures | undefined;
      for (const c of CONCURRENCY) {
        const directCpu = cpuMeter('meilisearch');
        const engineAlone = await direct(directFile, c);
        if (c === 8) engineAtTargets = engineAlone;
        const directUsed = directCpu.stop();
        const appCpu = cpuMeter('meilisearch');
        const ours = await app(c);
        const appUsed = appCpu.stop();
        log(`c=${c} engine alone`, engineAlone);
        log(`c=${c} GET /api/search`, ours);
        rows.push(...loadRows(`search c=${c}`, ours, engineAlone, c === 8));
        // Where the two cores went: our process's CPU per request is what search throughput pays for.
        rows.push({ scenario: 'search', metric: `search c=${c}: server process CPU per request`, value: perRequest(appUsed.own, ours), unit: 'cpu-ms' });
        rows.push({ scenario: 'search', metric: `search c=${c}: engine CPU per request`, value: perRequest(appUsed.child, ours), unit: 'cpu-ms', baseline: perRequest(directUsed.child, engineAlone) });
      }

      // The floor of any Node.js front at the targets' concurrency (see bare-proxy.ts).
      const bodies = new Map(searches.map((s) => [s.path, directBody(s)]));
      for (const mode of ['forward', 'json'] as const) {
        if (!engineAtTargets) break;
        const proxy = await startBareProxy(engine.host, masterKey, bodies, mode);
        try {
          await runWrk({ url: proxy.url, script: 'search-get.lua', args: [appFile], connections: 8, seconds: 3 });
          const cpu = cpuMeter('meilisearch');
          const figures = await runWrk({ url: proxy.url, script: 'search-get.lua', args: [appFile], connections: 8, seconds: SECONDS });
          const used = cpu.stop();
          const label = mode === 'forward' ? 'bare Node proxy, answer forwarded' : 'bare Node proxy, answer parsed and re-serialised';
          log(`c=8 ${label}`, figures);
          rows.push({ scenario: 'search', metric: `${label}, c=8: p50`, value: figures.p50Ms, unit: 'ms', baseline: engineAtTargets.p50Ms, note: 'what any Node.js front costs here (bench/search/bare-proxy.ts)' });
          rows.push({ scenario: 'search', metric: `${label}, c=8: throughput`, value: figures.reqPerSec, unit: 'req/s', baseline: engineAtTargets.reqPerSec, note: errorNote(figures, engineAtTargets) });
          rows.push({ scenario: 'search', metric: `${label}, c=8: its CPU per request`, value: perRequest(used.own, figures), unit: 'cpu-ms' });
        } finally {
          await proxy.close();
        }
      }

      rows.push(...(await geoComparison(client, bench.config.meili.index, shops, searches, indexing.ms, work, (file) => direct(file, GEO_CONCURRENCY))));
    } finally {
      await bench.dispose();
      rmSync(work, { recursive: true, force: true });
    }
    return rows;
  },
};

/** Our geo design against `_geo` in the engine: query load, totals, one-document updates, bulk indexing. */
async function geoComparison(
  client: Meilisearch,
  productsUid: string,
  shops: ReturnType<typeof planShops>,
  searches: RecordedSearch[],
  ourIndexingMs: number,
  work: string,
  load: (file: string) => Promise<LoadFigures>,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  await createGeoIndex(client);
  const geoIndexing = await timed(async () => {
    for (const shop of shops) await addGeoDocuments(client, shopDocuments(shop, PER_SHOP), shop);
  });
  const geoDocs = (await client.index(GEO_INDEX).getStats()).numberOfDocuments;
  rows.push({
    scenario: 'search',
    metric: 'bulk indexing, no _geo (ours) vs _geo',
    value: geoDocs / (ourIndexingMs / 1000),
    unit: 'docs/s',
    baseline: geoDocs / (geoIndexing.ms / 1000),
    note: 'same batching (per shop, ≤ 1000 a task); baseline here: the _geo index',
  });

  const radius = searches.filter((s) => s.query.kind === 'geo-radius');
  const nearest = searches.filter((s) => s.query.kind === 'geo-distance' && s.query.params.radiusKm !== undefined);
  for (const [label, set] of [
    ['geo radius', radius],
    ['geo radius + nearest first', nearest],
  ] as const) {
    if (!set.length) continue;
    const same = await sameTotals(client, set);
    const ours = await load(write(work, `${label}-ours.txt`, set.map((s) => `/multi-search\t${directBody(s)}`)));
    const geo = await load(write(work, `${label}-geo.txt`, set.map((s) => `/multi-search\t${JSON.stringify({ queries: geoDesignQueries(s) as MultiSearchQuery[] })}`)));
    log(`${label}: shop.id IN`, ours);
    log(`${label}: _geo`, geo);
    const rounds = label === 'geo radius' ? '' : '; our two round trips sent as one multi-search';
    const note = `engine only, shop.id IN [...] vs _geo (baseline); ${set.length} searches, ${same} with equal totals${rounds}`;
    rows.push({ scenario: 'search', metric: `${label}, c=${GEO_CONCURRENCY}: p50`, value: ours.p50Ms, unit: 'ms', baseline: geo.p50Ms, note });
    rows.push({ scenario: 'search', metric: `${label}, c=${GEO_CONCURRENCY}: p99`, value: ours.p99Ms, unit: 'ms', baseline: geo.p99Ms });
    rows.push({ scenario: 'search', metric: `${label}, c=${GEO_CONCURRENCY}: throughput`, value: ours.reqPerSec, unit: 'req/s', baseline: geo.reqPerSec, note: errorNote(ours, geo) });
  }

  // One-document updates, alternating between the indexes so both see the same conditions.
  const ids = (await client.index(productsUid).getDocuments({ limit: UPDATES, fields: ['id'] })).results.map((d) => String(d.id));
  const ourUpdate = await singleUpdateMs(client, productsUid, ids);
  const geoUpdate = await singleUpdateMs(client, GEO_INDEX, ids);
  rows.push({ scenario: 'search', metric: `update 1 document → task succeeded (median of ${UPDATES})`, value: ourUpdate, unit: 'ms', baseline: geoUpdate, note: 'no _geo (ours) vs _geo (baseline)' });
  return rows;
}

function loadRows(label: string, ours: LoadFigures, engine: LoadFigures, targets: boolean): BenchRow[] {
  return [
    { scenario: 'search', metric: `${label}: p50`, value: ours.p50Ms, unit: 'ms', baseline: engine.p50Ms, note: targets ? 'target ≤ 1.25×' : undefined },
    { scenario: 'search', metric: `${label}: p99`, value: ours.p99Ms, unit: 'ms', baseline: engine.p99Ms, note: targets ? 'target ≤ 1.3×' : undefined },
    {
      scenario: 'search',
      metric: `${label}: throughput`,
      value: ours.reqPerSec,
      unit: 'req/s',
      baseline: engine.reqPerSec,
      note: [targets ? 'target ≥ 0.75×' : '', errorNote(ours, engine)].filter(Boolean).join('; '),
    },
  ];
}

function errorNote(a: LoadFigures, b: LoadFigures): string {
  return `errors ${a.errors} / ${b.errors} of ${a.requests} / ${b.requests} requests`;
}

function log(label: string, f: LoadFigures): void {
  console.log(`  ${label}: p50 ${f.p50Ms.toFixed(2)} ms, p99 ${f.p99Ms.toFixed(2)} ms, ${f.reqPerSec.toFixed(0)} req/s, ${f.errors} errors`);
}

function write(dir: string, name: string, lines: string[]): string {
  const file = join(dir, name.replace(/[^a-z0-9.-]+/gi, '-'));
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function countBy(searches: RecordedSearch[]): string {
  const counts = new Map<string, number>();
  for (const s of searches) counts.set(s.query.kind, (counts.get(s.query.kind) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}
