import { isConnectorError } from '../core/errors';
import type { HttpResponse } from '../core/http-client';
import type { Validated } from '../core/validate-product';
import { DIAGNOSIS, WooCommerceError } from './woocommerce.errors';
import { wooId } from './woocommerce.mapper';
import { headerInt, WooPage, wooPages } from './woocommerce.pages';

/** One way of reading a shop (public Store API or REST API v3 with keys). */
export interface WooReader {
  readonly api: 'store' | 'rest';
  /** The server can narrow the listing to products modified since a date. */
  readonly filtersBySince: boolean;
  fetchPage(page: number, perPage: number, since?: Date): Promise<WooPage>;
  /** Published and visible: what a visitor of the shop can find. */
  isPublic(raw: unknown): boolean;
  /** Normalizes one listed item, reading its variations first when it has some. */
  map(raw: unknown): Promise<Validated>;
  /** Size of the whole public catalogue, to tell an ignored `since` from an honoured one. */
  countAll(): Promise<number | undefined>;
}

export const VARIATIONS_PER_PAGE = 100;

/**
 * WordPress serves its REST API under /wp-json/ when permalinks are enabled, and only as
 * `?rest_route=/…` when they are not. Try the first; on a 404 try the second once and keep
 * whichever answered for the rest of the run.
 */
export class WooRoutes {
  private style: 'pretty' | 'plain' | undefined;

  constructor(readonly base: string) {}

  async get<T>(route: string, send: (url: string) => Promise<T>): Promise<T> {
    if (this.style === 'plain') return send(this.plainUrl(route));
    try {
      const res = await send(new URL(`wp-json/${route}`, this.base).toString());
      this.style = 'pretty';
      return res;
    } catch (e) {
      if (this.style || !(isConnectorError(e) && e.kind === 'not_found')) throw e;
      let res: T;
      try {
        res = await send(this.plainUrl(route));
      } catch {
        throw e;
      }
      this.style = 'plain';
      return res;
    }
  }

  private plainUrl(route: string): string {
    const u = new URL(this.base);
    u.searchParams.set('rest_route', `/${route}`);
    return u.toString();
  }
}

/** A listing response → its items and pagination headers; anything but a JSON array is refused. */
export function listingOf(res: HttpResponse<unknown>): WooPage {
  if (!Array.isArray(res.data)) {
    throw new WooCommerceError('bad_format', `Expected a JSON array of products from ${res.status} response`, DIAGNOSIS.notAList);
  }
  return { items: res.data, total: headerInt(res.headers, 'x-wp-total'), totalPages: headerInt(res.headers, 'x-wp-totalpages') };
}

/**
 * Reads every variation of one product (they are few, so they are gathered) and maps the
 * product with them. A product whose variations cannot be read is skipped, not the run.
 */
export async function mapWithVariations(
  raw: unknown,
  fetchPage: (page: number) => Promise<WooPage>,
  map: (variations: unknown[]) => Validated,
): Promise<Validated> {
  const items: unknown[] = [];
  try {
    for await (const page of wooPages(fetchPage, VARIATIONS_PER_PAGE, 20)) items.push(...page.items);
  } catch (e) {
    if (isConnectorError(e) && (e.kind === 'not_found' || e.kind === 'bad_format' || e.kind === 'pagination_loop')) {
      return { skipped: { externalId: wooId(raw), reason: 'variantes du produit illisibles (taille, couleur…) : produit ignoré' } };
    }
    throw e;
  }
  return map(items);
}
