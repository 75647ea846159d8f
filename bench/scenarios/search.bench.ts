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
/** The search latency and throughput targets are set at this concurrency. */
const TARGET_CONCURRENCY = 8;
const ROUNDS = Math.max(1, Number(process.env.BENCH_SEARCH_ROUNDS ?? 3));
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
      const perRequest = (cpuSeconds: number, requests: number) => (cpuSeconds * 1000) / Math.max(1, requests);
      for (const c of CONCURRENCY) {
        // At the targets' level, alternating pairs: a slow spell of the machine then
        // shows as one odd pair instead of moving the figure (see medianPair).
        const rounds = c === TARGET_CONCURRENCY ? ROUNDS : 1;
        const pairs: Pair[] = [];
        let directCpu = 0, appCpu = 0, appEngineCpu = 0;
        for (let round = 0; round < rounds; round++) {
          // Every other pair starts with our API, so drift over the run favours neither side.
          const oursFirst = round % 2 === 1;
          const measure = async (side: 'engine' | 'ours') => {
            const meter = cpuMeter('meilisearch');
            const figures = side === 'engine' ? await direct(directFile, c) : await app(c);
            const used = meter.stop();
            if (side === 'engine') directCpu += used.child;
            else {
              appCpu += used.own;
              appEngineCpu += used.child;
            }
            return figures;
          };
          const first = await measure(oursFirst ? 'ours' : 'engine');
          const second = await measure(oursFirst ? 'engine' : 'ours');
          const pair = oursFirst ? { ours: first, engine: second } : { ours: second, engine: first };
          pairs.push(pair);
          const label = rounds > 1 ? `c=${c} pair ${round + 1}/${rounds}` : `c=${c}`;
          log(`${label} engine alone`, pair.engine);
          log(`${label} GET /api/search`, pair.ours);
        }
        rows.push(...loadRows(`search c=${c}`, pairs, c === TARGET_CONCURRENCY));
        // Where the two cores went: our process's CPU per request is what search throughput pays for.
        const sum = (side: 'ours' | 'engine') => pairs.reduce((n, p) => n + p[side].requests, 0);
        rows.push({ scenario: 'search', metric: `search c=${c}: server process CPU per request`, value: perRequest(appCpu, sum('ours')), unit: 'cpu-ms' });
        rows.push({ scenario: 'search', metric: `search c=${c}: engine CPU per request`, value: perRequest(appEngineCpu, sum('ours')), unit: 'cpu-ms', baseline: perRequest(directCpu, sum('engine')) });
      }

      // The floor of any Node.js front at the targets' concurrency (see bare-proxy.ts),
      // each against an engine-alone run of its own, just before it.
      const bodies = new Map(searches.map((s) => [s.path, directBody(s)]));
      for (const mode of ['forward', 'json'] as const) {
        const proxy = await startBareProxy(engine.host, masterKey, bodies, mode);
        try {
          await runWrk({ url: proxy.url, script: 'search-get.lua', args: [appFile], connections: TARGET_CONCURRENCY, seconds: 3 });
          const engineAlone = await direct(directFile, TARGET_CONCURRENCY);
          const cpu = cpuMeter('meilisearch');
          const figures = await runWrk({ url: proxy.url, script: 'search-get.lua', args: [appFile], connections: TARGET_CONCURRENCY, seconds: SECONDS });
          const used = cpu.stop();
          const label = `${mode === 'forward' ? 'bare Node proxy, answer forwarded' : 'bare Node proxy, answer parsed and re-serialised'}, c=${TARGET_CONCURRENCY}`;
          log(`${label}: engine alone`, engineAlone);
          log(label, figures);
          const note = 'what any Node.js front costs here (bench/search/bare-proxy.ts)';
          rows.push({ scenario: 'search', metric: `${label}: p50`, value: figures.p50Ms, unit: 'ms', baseline: engineAlone.p50Ms, note });
          rows.push({ scenario: 'search', metric: `${label}: p99`, value: figures.p99Ms, unit: 'ms', baseline: engineAlone.p99Ms });
          rows.push({ scenario: 'search', metric: `${label}: throughput`, value: figures.reqPerSec, unit: 'req/s', baseline: engineAlone.reqPerSec, note: errorNote(figures, engineAlone) });
          rows.push({ scenario: 'search', metric: `${label}: its CPU per request`, value: perRequest(used.own, figures.requests), unit: 'cpu-ms' });
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

interface Pair {
  ours: LoadFigures;
  engine: LoadFigures;
}

/** The pair whose ratio of the given figure is the median one (the lower middle for an even count). */
function medianPair(pairs: Pair[], figure: (f: LoadFigures) => number): Pair {
  const sorted = [...pairs].sort((a, b) => figure(a.ours) / figure(a.engine) - figure(b.ours) / figure(b.engine));
  return sorted[(sorted.length - 1) >> 1];
}

function loadRows(label: string, pairs: Pair[], targets: boolean): BenchRow[] {
  const row = (metric: string, unit: string, figure: (f: LoadFigures) => number, target?: string): BenchRow => {
    const { ours, engine } = medianPair(pairs, figure);
    const spread = pairs.length > 1 ? `median of ${pairs.length} pairs (${pairs.map((p) => `${(figure(p.ours) / figure(p.engine)).toFixed(2)}×`).join(', ')})` : '';
    const errors = metric === 'throughput' ? errorNote(ours, engine) : '';
    const note = [targets ? target : '', spread, errors].filter(Boolean).join('; ');
    return { scenario: 'search', metric: `${label}: ${metric}`, value: figure(ours), unit, baseline: figure(engine), note: note || undefined };
  };
  return [
    row('p50', 'ms', (f) => f.p50Ms, 'target ≤ 1.25×'),
    row('p99', 'ms', (f) => f.p99Ms, 'target ≤ 1.3×'),
    row('throughput', 'req/s', (f) => f.reqPerSec, 'target ≥ 0.75×'),
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
