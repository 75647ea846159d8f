import type { Connector, ConnectorContext, ProbeResult, ProductBatch, ReadOptions, ReadSummary, ShopSource } from '../core/connector';
import { isConnectorError } from '../core/errors';
import type { NormalizedProduct, SkippedItem } from '../core/normalized-product';
import { baseUrl } from '../core/url';
import { RestApiReader } from './woocommerce-rest-api.reader';
import { StoreApiReader } from './woocommerce-store-api.reader';
import { DIAGNOSIS, WooCommerceError } from './woocommerce.errors';
import { restModifiedAt } from './woocommerce.mapper';
import { wooPages } from './woocommerce.pages';
import { WooReader, WooRoutes } from './woocommerce.reader';
import { WooRestSession } from './woocommerce.rest-session';

/** WooCommerce caps `per_page` at 100. */
const PER_PAGE = 100;
const PROBE_PER_PAGE = 10;
const PROBE_SAMPLES = 5;

/**
 * WooCommerce shops. Without credentials the public Store API is read; with
 * `consumerKey` + `consumerSecret` the REST API v3, which also allows incremental reads.
 */
export class WooCommerceConnector implements Connector {
  readonly platform = 'woocommerce' as const;
  readonly supportsIncremental = true;

  async probe(source: ShopSource, ctx: ConnectorContext): Promise<ProbeResult> {
    try {
      const reader = openReader(source, ctx);
      const page = await reader.fetchPage(1, PROBE_PER_PAGE);
      const samples: NormalizedProduct[] = [];
      const skippedSamples: SkippedItem[] = [];
      for (const raw of page.items) {
        if (samples.length >= PROBE_SAMPLES) break;
        if (!reader.isPublic(raw)) continue;
        const result = await reader.map(raw);
        if ('product' in result) samples.push(result.product);
        else if (skippedSamples.length < PROBE_SAMPLES) skippedSamples.push(result.skipped);
      }
      return { ok: true, platform: this.platform, productCount: page.total, samples, skippedSamples };
    } catch (e) {
      if (!isConnectorError(e)) throw e;
      return { ok: false, platform: this.platform, samples: [], skippedSamples: [], diagnosis: e.diagnosis, errorKind: e.kind };
    }
  }

  async *products(source: ShopSource, options: ReadOptions, ctx: ConnectorContext): AsyncGenerator<ProductBatch, ReadSummary, void> {
    const reader = openReader(source, ctx);
    const since = reader.filtersBySince ? options.since : undefined;
    // The server compares whole seconds and answers strictly after `since`.
    const sinceSecond = since ? Math.floor(since.getTime() / 1000) * 1000 : 0;
    let listedTotal: number | undefined;
    let olderItemSeen = false;

    let pageNumber = 0;
    for await (const page of wooPages((n) => reader.fetchPage(n, PER_PAGE, since), PER_PAGE)) {
      pageNumber++;
      listedTotal ??= page.total;
      const batch: ProductBatch = { products: [], skipped: [] };
      for (const raw of page.items) {
        if (since && !olderItemSeen) {
          const modified = restModifiedAt(raw);
          olderItemSeen = !!modified && modified.getTime() <= sinceSecond;
        }
        if (!reader.isPublic(raw)) continue;
        const result = await reader.map(raw);
        if ('product' in result) batch.products.push(result.product);
        else batch.skipped.push(result.skipped);
      }
      ctx.log?.(`woocommerce: page ${pageNumber}/${page.totalPages ?? '?'}: ${batch.products.length} products, ${batch.skipped.length} skipped`);
      yield batch;
    }

    if (!since) return { incremental: false };
    if (!olderItemSeen) return { incremental: true };
    return { incremental: !(await listedWholeCatalogue(reader, listedTotal, ctx)) };
  }
}

/**
 * The shop answered `modified_after` with products older than `since`: either it ignores the
 * filter (WooCommerce < 5.8, a plugin rewriting queries) and listed everything, which makes
 * this read a full pass, or it filtered with another clock. Only matching totals prove the
 * former; when in doubt the read stays incremental, so nothing is removed on its account.
 */
async function listedWholeCatalogue(reader: WooReader, listedTotal: number | undefined, ctx: ConnectorContext): Promise<boolean> {
  const all = await reader.countAll();
  const whole = listedTotal !== undefined && all !== undefined && listedTotal >= all;
  ctx.log?.(`woocommerce: modified_after returned older products; listed ${listedTotal ?? '?'} of ${all ?? '?'} → ${whole ? 'full pass' : 'incremental'}`);
  return whole;
}

function openReader(source: ShopSource, ctx: ConnectorContext): WooReader {
  const routes = new WooRoutes(shopBase(source.url));
  const key = source.credentials?.consumerKey?.trim() ?? '';
  const secret = source.credentials?.consumerSecret?.trim() ?? '';
  if (!key && !secret) return new StoreApiReader(ctx.http, routes, ctx.signal);
  if (!key || !secret) throw new WooCommerceError('invalid_source', 'Incomplete WooCommerce keys', DIAGNOSIS.incompleteKeys);
  return new RestApiReader(new WooRestSession(ctx.http, key, secret, ctx.log, ctx.signal), routes);
}

/** The WordPress root: a pasted API address is cut back to the site it belongs to. */
function shopBase(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new WooCommerceError('invalid_source', 'Shop URL is not a URL', DIAGNOSIS.badAddress);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new WooCommerceError('invalid_source', 'Shop URL is not http(s)', DIAGNOSIS.badAddress);
  u.username = '';
  u.password = '';
  u.pathname = u.pathname.replace(/\/wp-json(\/.*)?$/, '/');
  return baseUrl(u.toString());
}
