import type { ConnectorContext, ProductBatch } from '../core/connector';
import { ConnectorError } from '../core/errors';
import { pageNumberPages } from '../core/paginators';
import { mapStorefrontProduct } from './shopify.mapper';

/** Shopify's ceiling for `limit` on `products.json`. */
export const STOREFRONT_MAX_PAGE_SIZE = 250;

export interface StorefrontPage {
  /** Raw products on the page, before mapping: an empty page ends the read. */
  items: unknown[];
  batch: ProductBatch;
}

/** Reads one page of the public `products.json` and maps it. */
export async function readStorefrontPage(shopBase: string, page: number, limit: number, ctx: ConnectorContext): Promise<StorefrontPage> {
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
  return { items: list, batch };
}

/**
 * Every page of the storefront, numbered from 1 until an empty page. A shop (or a cache
 * in front of it) that ignores `page` serves page 1 forever: the shared paginator stops
 * that as a pagination loop. No short-page stop: some themes and apps trim pages.
 */
export async function* readStorefront(shopBase: string, pageSize: number, ctx: ConnectorContext): AsyncGenerator<ProductBatch, void, void> {
  const limit = Math.max(1, Math.min(STOREFRONT_MAX_PAGE_SIZE, Math.floor(pageSize)));
  const pages = pageNumberPages<StorefrontPage>({
    fetchPage: (page) => {
      ctx.signal?.throwIfAborted();
      return readStorefrontPage(shopBase, page, limit, ctx);
    },
    fingerprint: (page) => page.items.map((p) => (typeof p === 'object' && p !== null ? String((p as { id?: unknown }).id) : '?')).join(','),
  });
  let n = 0;
  for await (const { batch } of pages) {
    ctx.log?.(`Shopify storefront page ${++n}: ${batch.products.length} products, ${batch.skipped.length} skipped`);
    yield batch;
  }
}
