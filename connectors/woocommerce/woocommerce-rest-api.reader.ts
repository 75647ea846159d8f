import type { Validated } from '../core/validate-product';
import { explain } from './woocommerce.errors';
import { isRestProductPublic, mapRestProduct, restNeedsVariations, wooId } from './woocommerce.mapper';
import type { WooPage } from './woocommerce.pages';
import { listingOf, mapWithVariations, VARIATIONS_PER_PAGE, WooReader, WooRoutes } from './woocommerce.reader';
import type { WooRestSession } from './woocommerce.rest-session';

type Query = Record<string, string | number | undefined>;

/**
 * The REST API v3 (`/wc/v3/products`), read with the merchant's consumer keys. It lists
 * drafts and hidden products too, so `status=publish` is asked for and hidden ones are
 * dropped here; it can narrow a read to products modified since a date (WooCommerce ≥ 5.8).
 */
export class RestApiReader implements WooReader {
  readonly api = 'rest' as const;
  readonly filtersBySince = true;

  constructor(
    private readonly session: WooRestSession,
    private readonly routes: WooRoutes,
  ) {}

  async fetchPage(page: number, perPage: number, since?: Date): Promise<WooPage> {
    const query: Query = { per_page: perPage, page, status: 'publish', orderby: 'id', order: 'asc' };
    if (since) {
      // Whole seconds in GMT: WordPress compares `post_modified_gmt`, which has no fractions.
      query.modified_after = since.toISOString().slice(0, 19);
      query.dates_are_gmt = 'true';
    }
    return listingOf(await this.get('wc/v3/products', query));
  }

  isPublic(raw: unknown): boolean {
    return isRestProductPublic(raw);
  }

  async map(raw: unknown): Promise<Validated> {
    if (!restNeedsVariations(raw) || !wooId(raw)) return mapRestProduct(raw);
    const route = `wc/v3/products/${wooId(raw)}/variations`;
    const fetchPage = async (page: number) => listingOf(await this.get(route, { per_page: VARIATIONS_PER_PAGE, page, orderby: 'id', order: 'asc' }));
    return mapWithVariations(raw, fetchPage, (items) => mapRestProduct(raw, items));
  }

  async countAll(): Promise<number | undefined> {
    return listingOf(await this.get('wc/v3/products', { per_page: 1, page: 1, status: 'publish' })).total;
  }

  private async get(route: string, query: Query) {
    try {
      return await this.routes.get(route, (url) => this.session.get<unknown>(url, query));
    } catch (e) {
      throw explain(e, 'rest');
    }
  }
}
