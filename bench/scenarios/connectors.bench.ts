import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createHttpClient } from '../../connectors/core/axios-http-client';
import type { Platform } from '../../connectors/core/connector';
import type { HttpClientOptions } from '../../connectors/core/http-client';
import { createConnectorRegistry } from '../../connectors/registry';
import { BenchRow, Scenario, timed } from '../bench-kit';
import type { BenchShop, BenchShopKind } from '../connector-server';

const PRODUCTS = Number(process.env.BENCH_CONNECTOR_PRODUCTS ?? 5000);
const FEED_ROWS = Number(process.env.BENCH_FEED_ROWS ?? 200_000);
const FEED_RSS_TARGET_MB = 150;

/** Shops answering through an API are read with the politeness raised: the limits are per shop, not the connector's speed. */
const RAISED: HttpClientOptions = { allowPrivateHosts: true, requestsPerSecond: 0, concurrency: 2 };
const RAISED_NOTE = 'client politeness raised: requestsPerSecond 0, concurrency 2';

interface Reading {
  platform: Platform;
  kind: BenchShopKind;
  label: string;
  size: number;
  client: HttpClientOptions;
  note?: string;
}

/** The feed at scale first, while the process is fresh, so that its RSS growth is its own. */
const READINGS: Reading[] = [
  { platform: 'feed', kind: 'feed-rows', label: `feed, ${FEED_ROWS.toLocaleString('en-US')}-row CSV`, size: FEED_ROWS, client: { allowPrivateHosts: true } },
  { platform: 'shopify', kind: 'shopify', label: 'shopify, public storefront', size: PRODUCTS, client: RAISED, note: RAISED_NOTE },
  { platform: 'shopify', kind: 'shopify-admin', label: 'shopify, Admin GraphQL API', size: PRODUCTS, client: RAISED, note: `${RAISED_NOTE}; shop's cost bucket unlimited` },
  { platform: 'woocommerce', kind: 'woocommerce', label: 'woocommerce, Store API', size: PRODUCTS, client: RAISED, note: RAISED_NOTE },
  { platform: 'woocommerce', kind: 'woocommerce-rest', label: 'woocommerce, REST API v3', size: PRODUCTS, client: RAISED, note: RAISED_NOTE },
  { platform: 'prestashop', kind: 'prestashop', label: 'prestashop, webservice', size: PRODUCTS, client: RAISED, note: RAISED_NOTE },
  { platform: 'feed', kind: 'feed', label: 'feed, CSV', size: PRODUCTS, client: { allowPrivateHosts: true }, note: 'default client (one request)' },
];

/**
 * Full `products()` reads of each connector against its local shop running in a child
 * process: products (or feed rows) per second, and how much this process's RSS grew while
 * reading, the figure that shows whether a connector holds a catalogue in memory.
 */
export const connectors: Scenario = {
  name: 'connectors',
  description: `full reads of ${PRODUCTS} products per connector, and a ${FEED_ROWS}-row CSV feed streamed`,
  async run(): Promise<BenchRow[]> {
    const gc = exposeGc();
    const registry = createConnectorRegistry();
    const rows: BenchRow[] = [];
    // Unmeasured: loads the parsers and the HTTP stack once, so the first figure is not their start-up.
    await warmUp(registry);
    for (const reading of READINGS) {
      const shop = await startShop(reading.kind, reading.size);
      try {
        const connector = registry.get(reading.platform)!;
        const http = createHttpClient(reading.client);
        gc();
        const heapBefore = process.memoryUsage().heapUsed;
        const rss = rssGrowth();
        let products = 0;
        let skipped = 0;
        let batches = 0;
        const { ms } = await timed(async () => {
          for await (const batch of connector.products(shop.info.source, {}, { http })) {
            batches++;
            products += batch.products.length;
            skipped += batch.skipped.length;
          }
        });
        const growth = rss.stop();
        http.close();
        gc();
        // Garbage a collection would have freed counts in the RSS peak; what the read kept does not go away.
        const retained = `heap kept after the read and a GC: ${((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024).toFixed(1)} MB`;
        if (products !== shop.info.products) throw new Error(`${reading.label}: read ${products} products, the shop publishes ${shop.info.products}`);
        const seconds = ms / 1000;
        const read = `${products} products in ${batches} batches, ${skipped} skipped, ${seconds.toFixed(1)} s`;
        if (reading.kind === 'feed-rows') {
          rows.push({ scenario: 'connectors', metric: `${reading.label}: rows per second`, value: shop.info.rows! / seconds, unit: 'rows/s', note: read });
          rows.push({ scenario: 'connectors', metric: `${reading.label}: peak RSS growth`, value: growth, unit: 'MB', note: `target < ${FEED_RSS_TARGET_MB} MB; ${retained}` });
        } else {
          rows.push({ scenario: 'connectors', metric: `${reading.label}: products per second`, value: products / seconds, unit: 'products/s', note: [reading.note, read].filter(Boolean).join('; ') });
          rows.push({ scenario: 'connectors', metric: `${reading.label}: peak RSS growth`, value: growth, unit: 'MB', note: retained });
        }
      } finally {
        shop.stop();
      }
    }
    return rows;
  },
};

async function warmUp(registry: ReturnType<typeof createConnectorRegistry>): Promise<void> {
  const shop = await startShop('feed', 200);
  const http = createHttpClient({ allowPrivateHosts: true });
  try {
    for await (const batch of registry.get('feed')!.products(shop.info.source, {}, { http })) void batch;
  } finally {
    http.close();
    shop.stop();
  }
}

/** Starts bench/connector-server.js in a child process; resolves with what the shop serves. */
async function startShop(kind: BenchShopKind, size: number): Promise<{ info: BenchShop; stop(): void }> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'connector-server.js'), kind, String(size)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${kind} shop exited with ${code}`)));
  });
  return { info: JSON.parse(line) as BenchShop, stop: () => child.kill('SIGTERM') };
}

/** Peak RSS above the level at start, in MB, sampled every 20 ms. */
function rssGrowth(): { stop(): number } {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return {
    stop() {
      clearInterval(timer);
      return (Math.max(peak, process.memoryUsage().rss) - start) / 1024 / 1024;
    },
  };
}

/** A full garbage collection before each read, so one read's garbage is not counted against the next. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return () => gc?.();
}
