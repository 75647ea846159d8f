import type { ShopSource } from '../connectors/core/connector';
import { demoCatalogue, DemoProduct } from '../test/servers/demo-catalogue';
import { startFeedServer } from '../test/servers/feed-server';
import { DEMO_PRESTASHOP_KEY, startPrestashopServer } from '../test/servers/prestashop-server';
import { SHOPIFY_DEMO_TOKEN, startShopifyServer } from '../test/servers/shopify-server';
import { startWooCommerceServer } from '../test/servers/woocommerce-server';

/**
 * One local shop in a process of its own, so that the memory and CPU the benchmark
 * measures are the connector's, not the shop's. Usage:
 *   node connector-server.js <shopify|shopify-admin|woocommerce|woocommerce-rest|prestashop|feed> <products>
 *   node connector-server.js feed-rows <rows>     a generated CSV feed of exactly <rows> rows, never held in memory
 * Prints one JSON line `{ source, products, rows }` once the shop listens.
 */
export type BenchShopKind = 'shopify' | 'shopify-admin' | 'woocommerce' | 'woocommerce-rest' | 'prestashop' | 'feed' | 'feed-rows';

export interface BenchShop {
  source: ShopSource;
  /** Products the shop publishes (a connector should read exactly these). */
  products: number;
  /** Feeds: lines of the file besides its header (one per offer, so one per variant). */
  rows?: number;
}

const WOO_KEYS = { consumerKey: 'ck_bench00000000000000000000000000000000001', consumerSecret: 'cs_bench00000000000000000000000000000000001' };

/**
 * A feed of exactly `rows` offers, generated again on each request in chunks of demo
 * products; the last product loses its variants if they would overflow the count.
 */
function generatedFeed(rows: number): { products(): Iterable<DemoProduct>; count: number } {
  const CHUNK = 1000;
  function* products(): Generator<DemoProduct> {
    let left = rows;
    for (let seed = 1; left > 0; seed++) {
      for (const p of demoCatalogue(CHUNK, seed)) {
        if (left <= 0) return;
        const offers = Math.max(1, p.variants.length);
        const product = { ...p, published: true, variants: offers <= left ? p.variants : [] };
        left -= Math.max(1, product.variants.length);
        yield product;
      }
    }
  }
  let count = 0;
  for (const _ of products()) count++;
  return { products, count };
}

async function start(kind: BenchShopKind, size: number): Promise<BenchShop> {
  if (kind === 'feed-rows') {
    const feed = generatedFeed(size);
    const shop = await startFeedServer({ products: feed.products, format: 'csv' });
    return { source: { url: shop.url }, products: feed.count, rows: size };
  }
  const catalogue = demoCatalogue(size, 1);
  const published = catalogue.filter((p) => p.published).length;
  switch (kind) {
    case 'shopify':
      return { source: { url: (await startShopifyServer({ products: catalogue })).url }, products: published };
    case 'shopify-admin': {
      // The shop's cost bucket would pace the read at Shopify's own rate; the connector's cost is what is measured.
      const shop = await startShopifyServer({ products: catalogue, bucket: { maximumAvailable: 1_000_000_000, restoreRate: 1_000_000_000 } });
      return { source: { url: shop.url, credentials: { accessToken: SHOPIFY_DEMO_TOKEN } }, products: published };
    }
    case 'woocommerce':
      return { source: { url: (await startWooCommerceServer({ products: catalogue })).url }, products: published };
    case 'woocommerce-rest': {
      const shop = await startWooCommerceServer({ products: catalogue, ...WOO_KEYS });
      return { source: { url: shop.url, credentials: { ...WOO_KEYS } }, products: published };
    }
    case 'prestashop': {
      const shop = await startPrestashopServer({ products: catalogue });
      return { source: { url: shop.url, credentials: { apiKey: DEMO_PRESTASHOP_KEY } }, products: published };
    }
    case 'feed': {
      const shop = await startFeedServer({ products: catalogue, format: 'csv' });
      const rows = catalogue.filter((p) => p.published).reduce((n, p) => n + Math.max(1, p.variants.length), 0);
      return { source: { url: shop.url }, products: published, rows };
    }
    default:
      throw new Error(`Unknown shop kind ${kind as string}`);
  }
}

if (require.main === module) {
  const [kind, size] = process.argv.slice(2);
  start(kind as BenchShopKind, Number(size)).then(
    (shop) => process.stdout.write(JSON.stringify(shop) + '\n'),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
