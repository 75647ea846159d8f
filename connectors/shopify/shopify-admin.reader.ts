import type { ConnectorContext, ProductBatch } from '../core/connector';
import { ConnectorError } from '../core/errors';
import { cursorPages } from '../core/paginators';
import { GraphqlClientOptions, QueryTooCostlyError, ShopifyGraphqlClient } from './shopify-graphql.client';
import { mapAdminProduct } from './shopify.mapper';
import { MAX_VARIANTS_PER_PRODUCT, PRODUCT_VARIANTS_QUERY, productSearch, productsQuery } from './shopify.queries';
import type { AdminProductNode, AdminVariantConnection, AdminVariantNode, PageInfo } from './shopify.types';

interface ProductsData {
  shop?: { currencyCode?: unknown } | null;
  productsCount?: { count?: unknown; precision?: unknown } | null;
  products?: { nodes?: unknown; pageInfo?: PageInfo } | null;
}

export interface AdminPage {
  /** Ids of the page's product nodes, for the paginator's loop check. */
  items: string[];
  batch: ProductBatch;
  pageInfo: PageInfo;
  /** Only when asked for (the probe). */
  productCount?: number;
}

export interface AdminReaderOptions extends GraphqlClientOptions {
  /** Products per request. Each product carries up to 100 variants, so the query cost grows fast. */
  pageSize?: number;
}

/**
 * Reads active products published to the online store through the Admin GraphQL API,
 * one page of products per request, completing products that have more than one page
 * of variants before the page is handed over.
 */
export class ShopifyAdminReader {
  private readonly gql: ShopifyGraphqlClient;
  private pageSize: number;

  constructor(
    private readonly shopBase: string,
    accessToken: string,
    private readonly ctx: ConnectorContext,
    options: AdminReaderOptions = {},
  ) {
    this.gql = new ShopifyGraphqlClient(shopBase, accessToken, ctx, options);
    this.pageSize = Math.max(1, Math.min(250, Math.floor(options.pageSize ?? 8)));
  }

  async *read(since?: Date): AsyncGenerator<ProductBatch, void, void> {
    const search = productSearch(since);
    const pages = cursorPages({
      fetchPage: async (after) => {
        const page = await this.readPage(search, after, false);
        const { hasNextPage, endCursor } = page.pageInfo;
        if (hasNextPage && (typeof endCursor !== 'string' || !endCursor)) {
          throw new ConnectorError('bad_format', 'hasNextPage without endCursor', { url: this.shopBase });
        }
        return { ...page, next: hasNextPage ? endCursor : null };
      },
      fingerprint: (page) => page.items.join(','),
    });
    let n = 0;
    for await (const { batch } of pages) {
      this.ctx.log?.(`Shopify page ${++n}: ${batch.products.length} products, ${batch.skipped.length} skipped`);
      yield batch;
    }
  }

  async readPage(search: string, after: string | undefined, withCount: boolean): Promise<AdminPage> {
    const data = await this.queryProducts(search, after, withCount);
    const products = data.products;
    if (!products || !Array.isArray(products.nodes)) {
      throw new ConnectorError('bad_format', 'GraphQL answer without products.nodes', { url: this.shopBase });
    }
    const currency = typeof data.shop?.currencyCode === 'string' ? data.shop.currencyCode : 'EUR';
    const batch: ProductBatch = { products: [], skipped: [] };
    for (const node of products.nodes as AdminProductNode[]) {
      const variants = await this.allVariants(node);
      const result = mapAdminProduct(node, this.shopBase, currency, variants);
      if (result === null) continue;
      if ('product' in result) batch.products.push(result.product);
      else batch.skipped.push(result.skipped);
    }
    const count = data.productsCount?.count;
    return {
      items: (products.nodes as AdminProductNode[]).map((n) => String(n?.id)),
      batch,
      pageInfo: products.pageInfo ?? { hasNextPage: false },
      productCount: typeof count === 'number' && Number.isFinite(count) ? count : undefined,
    };
  }

  /** Shopify refuses a query whose calculated cost is too high: halve the page and ask again. */
  private async queryProducts(search: string, after: string | undefined, withCount: boolean): Promise<ProductsData> {
    for (;;) {
      try {
        return await this.gql.query<ProductsData>(productsQuery(withCount), { first: this.pageSize, after: after ?? null, query: search });
      } catch (e) {
        if (!(e instanceof QueryTooCostlyError)) throw e;
        if (this.pageSize === 1) throw new ConnectorError('bad_format', `Query too costly even for one product: ${e.message}`, { url: this.shopBase });
        this.pageSize = Math.max(1, Math.floor(this.pageSize / 2));
        this.ctx.log?.(`Shopify query too costly, reading ${this.pageSize} products per page`);
      }
    }
  }

  /** The node's variants, plus the following pages when it has more than the first hundred. */
  private async allVariants(node: AdminProductNode): Promise<AdminVariantNode[] | undefined> {
    const first = node?.variants;
    if (!first?.pageInfo?.hasNextPage || typeof node.id !== 'string') return undefined;
    const variants = [...(first.nodes ?? [])];
    let after = first.pageInfo.endCursor ?? undefined;
    while (after && variants.length < MAX_VARIANTS_PER_PRODUCT) {
      const data = await this.gql.query<{ product?: { variants?: AdminVariantConnection } | null }>(PRODUCT_VARIANTS_QUERY, { id: node.id, after });
      const conn = data.product?.variants;
      if (!conn || !Array.isArray(conn.nodes)) break;
      variants.push(...conn.nodes);
      const next = conn.pageInfo?.hasNextPage ? conn.pageInfo.endCursor ?? undefined : undefined;
      if (next === after) throw new ConnectorError('pagination_loop', `Variant cursor repeats for ${node.id}`, { url: this.shopBase });
      after = next;
    }
    return variants.slice(0, MAX_VARIANTS_PER_PRODUCT);
  }
}
