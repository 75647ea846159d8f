import type { HttpClient } from '../core/http-client';
import type { Validated } from '../core/validate-product';
import { explain } from './woocommerce.errors';
import { mapStoreProduct, storeNeedsVariations, wooId } from './woocommerce.mapper';
import type { WooPage } from './woocommerce.pages';
import { listingOf, mapWithVariations, VARIATIONS_PER_PAGE, WooReader, WooRoutes } from './woocommerce.reader';

type Query = Record<string, string | number | undefined>;

/**
 * The public Store API (`/wc/store/v1/products`), which every recent WooCommerce exposes
 * without keys. It lists only what the shop shows visitors, so nothing needs filtering; it
 * has no "modified since" filter, so every read is a full pass.
 */
export class StoreApiReader implements WooReader {
  readonly api = 'store' as const;
  readonly filtersBySince = false;

  constructor(
    private readonly http: HttpClient,
    private readonly routes: WooRoutes,
    private readonly signal?: AbortSignal,
  ) {}

  async fetchPage(page: number, perPage: number): Promise<WooPage> {
    // Sorted by id so that pages stay stable while the merchant edits products.
    return listingOf(await this.get({ per_page: perPage, page, orderby: 'id', order: 'asc' }));
  }

  isPublic(): boolean {
    return true;
  }

  async map(raw: unknown): Promise<Validated> {
    if (!storeNeedsVariations(raw) || !wooId(raw)) return mapStoreProduct(raw);
    // Variation items carry the prices and stock the parent only summarises.
    const fetchPage = async (page: number) =>
      listingOf(await this.get({ type: 'variation', parent: wooId(raw), per_page: VARIATIONS_PER_PAGE, page, orderby: 'id', order: 'asc' }));
    return mapWithVariations(raw, fetchPage, (items) => mapStoreProduct(raw, items));
  }

  async countAll(): Promise<number | undefined> {
    return listingOf(await this.get({ per_page: 1, page: 1 })).total;
  }

  private async get(query: Query) {
    try {
      return await this.routes.get('wc/store/v1/products', (url) => this.http.request<unknown>({ url, query, signal: this.signal }));
    } catch (e) {
      throw explain(e, 'store');
    }
  }
}
