import { createHash } from 'node:crypto';
import type { ConnectorContext, ProductBatch } from '../core/connector';
import { ConnectorError } from '../core/errors';
import { mapStorefrontProduct } from './shopify.mapper';

/** Shopify's ceiling for `limit` on `products.json`. */
export const STOREFRONT_MAX_PAGE_SIZE = 250;

export interface StorefrontPage {
  batch: ProductBatch;
  /** Raw products on the page, before mapping: an empty page ends the read. */
  rawCount: number;
}

/** Reads one page of the public `products.json` and maps it. */
export async function readStorefrontPage(shopBase: string, page: number, limit: number, ctx: ConnectorContext): Promise<StorefrontPage & { ids: string }> {
  const url = new URL('products.json', shopBase).toString();
  const res = await ctx.http.request<{ products?: unknown }>({ url, query: { limit, page }, signal: ctx.signal });
  const list = typeof res.data === 'object' && res.data !== null ? res.data.products : undefined;
  if (!Array.isArray(list)) {
    throw new ConnectorError('bad_format', `No "products" list in ${url}`, { url });
  }
  const batch: ProductBatch = { products: [], skipped: [] };
  for (const raw of list) {
    const result = mapStorefrontProduct(raw, shopBase);
    if ('product' in result) batch.products.push(result.product);
    else batch.skipped.push(result.skipped);
  }
  const ids = list.map((p) => (typeof p === 'object' && p !== null ? String((p as { id?: unknown }).id) : '?')).join(',');
  // A digest, so that remembering every page of a large shop costs a few bytes per page.
  return { batch, rawCount: list.length, ids: createHash('sha1').update(ids).digest('hex') };
}

/**
 * Every page of the storefront, numbered from 1 until an empty page. A shop (or a cache
 * in front of it) that ignores `page` would serve page 1 forever: a page already seen
 * stops the read as a pagination loop instead.
 */
export async function* readStorefront(shopBase: string, pageSize: number, ctx: ConnectorContext): AsyncGenerator<ProductBatch, void, void> {
  const limit = Math.max(1, Math.min(STOREFRONT_MAX_PAGE_SIZE, Math.floor(pageSize)));
  const seen = new Set<string>();
  for (let page = 1; ; page++) {
    ctx.signal?.throwIfAborted();
    const { batch, rawCount, ids } = await readStorefrontPage(shopBase, page, limit, ctx);
    if (rawCount === 0) return;
    if (seen.has(ids)) {
      throw new ConnectorError('pagination_loop', `Page ${page} of products.json repeats an earlier page`, { url: shopBase });
    }
    seen.add(ids);
    ctx.log?.(`Shopify storefront page ${page}: ${batch.products.length} products, ${batch.skipped.length} skipped`);
    yield batch;
  }
}
