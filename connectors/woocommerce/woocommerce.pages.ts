import { pageNumberPages } from '../core/paginators';
import { wooId } from './woocommerce.mapper';

export interface WooPage {
  items: unknown[];
  /** X-WP-Total: items the listing says it holds. */
  total?: number;
  /** X-WP-TotalPages. */
  totalPages?: number;
}

/**
 * WordPress `?page=N` listings through the shared loop-refusing paginator: stops after
 * X-WP-TotalPages (or at a short page when the header is missing), and fails with
 * `pagination_loop` when a page repeats the previous one (a cache serving page 1 forever).
 */
export function wooPages(fetchPage: (page: number) => Promise<WooPage>, perPage: number, maxPages?: number): AsyncGenerator<WooPage> {
  return pageNumberPages<WooPage>({
    fetchPage,
    pageSize: perPage,
    maxPages,
    // Ids are enough to recognise a repeated page, and cheaper than hashing whole products.
    fingerprint: (page) => {
      const ids = page.items.map(wooId);
      return ids.every(Boolean) ? ids.join(',') : JSON.stringify(page.items);
    },
  });
}

/** Header value as a non-negative integer, or undefined when absent or garbled. */
export function headerInt(headers: Record<string, string>, name: string): number | undefined {
  const v = headers[name.toLowerCase()];
  return v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;
}
