import type { Connector, ConnectorContext, ProbeResult, ProductBatch, ReadOptions, ReadSummary, ShopSource } from '../core/connector';
import { ConnectorError, isConnectorError } from '../core/errors';
import { AdminReaderOptions, ShopifyAdminReader } from './shopify-admin.reader';
import { readStorefront, readStorefrontPage, STOREFRONT_MAX_PAGE_SIZE } from './shopify-storefront.reader';
import { productSearch } from './shopify.queries';
import { shopifyBaseUrl } from './shopify-url';

export interface ShopifyConnectorOptions {
  /** `limit` on the public `products.json` (at most 250). */
  storefrontPageSize?: number;
  /** Admin API: products per GraphQL request, cost-bucket waits and throttle retries. */
  admin?: AdminReaderOptions;
}

const PROBE_SAMPLES = 5;

/** What only a Shopify merchant needs to hear, added to the general diagnosis. */
const STOREFRONT_HINTS: Partial<Record<string, string>> = {
  not_found: "Cette adresse ne semble pas être une boutique Shopify : indiquez l'adresse de votre boutique en ligne (par exemple ma-boutique.myshopify.com).",
  bad_format: "Si votre boutique Shopify est protégée par un mot de passe, retirez-le ou connectez-la avec une clé d'accès de l'API Admin.",
  auth_refused: "Si votre boutique Shopify est protégée par un mot de passe, retirez-le ou connectez-la avec une clé d'accès de l'API Admin.",
};
const ADMIN_HINTS: Partial<Record<string, string>> = {
  auth_refused: "Dans Shopify : Paramètres › Applications et canaux de vente › Développer des applications, puis une clé avec l'accès « read_products ».",
};
const PROBE_STOREFRONT_LIMIT = 10;

/**
 * Shopify, in one of two modes chosen by the credentials:
 * - no access token: the public storefront `products.json`, which every Shopify shop
 *   serves and which lists what is published to the online store; full passes only;
 * - `credentials.accessToken`: the Admin GraphQL API (read_products), which gives stock
 *   quantities, the shop's currency and incremental reads by `updated_at`.
 */
export class ShopifyConnector implements Connector {
  readonly platform = 'shopify' as const;
  /** Incremental reads need an access token; `products()` reports whether `since` was used. */
  readonly supportsIncremental = true;

  constructor(private readonly options: ShopifyConnectorOptions = {}) {}

  async *products(source: ShopSource, options: ReadOptions, ctx: ConnectorContext): AsyncGenerator<ProductBatch, ReadSummary, void> {
    const base = shopifyBaseUrl(source.url);
    const token = accessToken(source);
    if (!token) {
      yield* readStorefront(base, this.options.storefrontPageSize ?? STOREFRONT_MAX_PAGE_SIZE, ctx);
      return { incremental: false };
    }
    yield* new ShopifyAdminReader(base, token, ctx, this.options.admin).read(options.since);
    return { incremental: !!options.since };
  }

  async probe(source: ShopSource, ctx: ConnectorContext): Promise<ProbeResult> {
    const token = accessToken(source);
    try {
      const base = shopifyBaseUrl(source.url);
      if (!token) {
        const limit = PROBE_STOREFRONT_LIMIT;
        const { batch, items } = await readStorefrontPage(base, 1, limit, ctx);
        // The storefront gives no total; a first page that is not full is the whole shop.
        return result(batch, items.length < limit ? items.length : undefined);
      }
      const reader = new ShopifyAdminReader(base, token, ctx, { ...this.options.admin, pageSize: PROBE_SAMPLES });
      const page = await reader.readPage(productSearch(), undefined, true);
      return result(page.batch, page.productCount);
    } catch (e) {
      const err = isConnectorError(e) ? e : new ConnectorError('bad_format', e instanceof Error ? e.message : String(e));
      ctx.log?.(`Shopify probe failed: ${err.kind}: ${err.message}`);
      const hint = (token ? ADMIN_HINTS : STOREFRONT_HINTS)[err.kind];
      return { ok: false, platform: 'shopify', samples: [], skippedSamples: [], diagnosis: hint ? `${err.diagnosis} ${hint}` : err.diagnosis, errorKind: err.kind };
    }
  }
}

function result(batch: ProductBatch, productCount: number | undefined): ProbeResult {
  return {
    ok: true,
    platform: 'shopify',
    productCount,
    samples: batch.products.slice(0, PROBE_SAMPLES),
    skippedSamples: batch.skipped.slice(0, PROBE_SAMPLES),
  };
}

function accessToken(source: ShopSource): string | undefined {
  const token = source.credentials?.accessToken;
  return typeof token === 'string' && token.trim() ? token.trim() : undefined;
}

export const shopifyConnector = new ShopifyConnector();
