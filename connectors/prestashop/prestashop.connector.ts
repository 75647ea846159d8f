import type { Connector, ConnectorContext, ProbeResult, ProductBatch, ReadOptions, ReadSummary, ShopSource } from '../core/connector';
import { offsetPages } from '../core/paginators';
import { PrestashopApi } from './prestashop-api';
import { missingPermissionsDiagnosis, prestashopDiagnosis, REQUIRED_RESOURCES } from './prestashop-diagnosis';
import { PrestashopLookups } from './prestashop-lookups';
import { buildBatch, productsQuery } from './prestashop-page-reader';
import type { PsProduct } from './prestashop.types';

const PAGE_SIZE = 100;
const SAMPLE_SIZE = 5;

/**
 * PrestaShop 1.7 / 8 through its webservice, with a read-only key the merchant creates
 * in the back office. Prices are stored tax excluded and made tax included with the
 * French VAT of each product's tax rules group.
 */
export class PrestashopConnector implements Connector {
  readonly platform = 'prestashop' as const;
  readonly supportsIncremental = true;

  async *products(source: ShopSource, options: ReadOptions, ctx: ConnectorContext): AsyncGenerator<ProductBatch, ReadSummary, void> {
    const api = PrestashopApi.open(source, ctx);
    const lookups = new PrestashopLookups(api, ctx.log);
    const pages = offsetPages<{ items: PsProduct[] }>({
      limit: PAGE_SIZE,
      fingerprint: (page) => page.items.map((p) => String(p.id)).join(','),
      fetchPage: async (offset, limit) => ({ items: await api.list<PsProduct>('products', productsQuery(offset, limit, options.since)) }),
    });
    for await (const page of pages) yield await buildBatch(page.items, api, lookups);
    return { incremental: !!options.since };
  }

  async probe(source: ShopSource, ctx: ConnectorContext): Promise<ProbeResult> {
    const failed = (e: unknown): ProbeResult => ({ ok: false, platform: this.platform, samples: [], skippedSamples: [], ...prestashopDiagnosis(e) });
    try {
      const api = PrestashopApi.open(source, ctx);
      const readable = await api.readableResources();
      const missing = REQUIRED_RESOURCES.filter((r) => !readable.has(r));
      if (missing.length) {
        return { ok: false, platform: this.platform, samples: [], skippedSamples: [], errorKind: 'auth_refused', diagnosis: missingPermissionsDiagnosis(missing) };
      }
      // Ids only: cheap even for a large catalogue.
      const ids = await api.list<PsProduct>('products', { display: '[id]', 'filter[active]': '[1]' });
      const page = await api.list<PsProduct>('products', productsQuery(0, SAMPLE_SIZE));
      const batch = await buildBatch(page, api, new PrestashopLookups(api, ctx.log));
      return { ok: true, platform: this.platform, productCount: ids.length, samples: batch.products, skippedSamples: batch.skipped };
    } catch (e) {
      ctx.log?.(`PrestaShop probe failed: ${e instanceof Error ? e.message : String(e)}`);
      return failed(e);
    }
  }
}

export const prestashopConnector = new PrestashopConnector();
