import { ConnectorError } from '../core/errors';
import { wooId } from './woocommerce.mapper';

export interface WooPage {
  items: unknown[];
  /** X-WP-Total: items the listing says it holds. */
  total?: number;
  /** X-WP-TotalPages. */
  totalPages?: number;
}

export interface PageLoopOptions {
  perPage: number;
  /** Absolute ceiling, whatever the headers claim. */
  maxPages?: number;
  signal?: AbortSignal;
}

/** 100,000 products at 100 a page: far above a local shop, low enough to end a runaway loop. */
const DEFAULT_MAX_PAGES = 1000;

/**
 * WordPress page-number pagination that refuses to loop. Stops at X-WP-TotalPages (or at
 * a short page when the header is missing), and fails with `pagination_loop` when a page
 * only repeats products already read (a cache serving page 1 forever) or when the shop
 * keeps claiming far more pages than it announced at first.
 */
export async function* wooPages(fetchPage: (page: number) => Promise<WooPage>, options: PageLoopOptions): AsyncGenerator<WooPage & { page: number }> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const seen = new Set<string>();
  let announced: number | undefined;
  for (let page = 1; ; page++) {
    options.signal?.throwIfAborted();
    if (page > maxPages) throw new ConnectorError('pagination_loop', `More than ${maxPages} pages of products`);
    if (announced !== undefined && page > announced + Math.max(2, Math.ceil(announced / 10))) {
      throw new ConnectorError('pagination_loop', `Page ${page} requested although the shop announced ${announced} pages`);
    }
    const res = await fetchPage(page);
    announced ??= res.totalPages;
    const ids = res.items.map(wooId).filter((id): id is string => !!id);
    if (ids.length > 0 && ids.every((id) => seen.has(id))) {
      throw new ConnectorError('pagination_loop', `Page ${page} only repeats products already read`);
    }
    ids.forEach((id) => seen.add(id));
    yield { ...res, page };
    if (res.items.length === 0) return;
    if (res.totalPages !== undefined ? page >= res.totalPages : res.items.length < options.perPage) return;
  }
}

/** Header value as a non-negative integer, or undefined when absent or garbled. */
export function headerInt(headers: Record<string, string>, name: string): number | undefined {
  const v = headers[name.toLowerCase()];
  return v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;
}
