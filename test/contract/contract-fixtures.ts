/**
 * The broken fixtures of each platform (test/fixtures/<platform>/not-ok/), read the way the
 * platform's own specs read them: raw API answers through the platform's mapper functions,
 * feed files through the feed connector with the file as the response body. The contract
 * suite only sees what came out: products, skipped items, or the whole file refused.
 */
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProductBatch } from '../../connectors/core/connector';
import type { HttpClient } from '../../connectors/core/http-client';
import type { NormalizedProduct, SkippedItem } from '../../connectors/core/normalized-product';
import type { Validated } from '../../connectors/core/validate-product';
import { FeedConnector } from '../../connectors/feed/feed.connector';
import { combinationsByProduct, mapProduct, optionLabels, stockByKey } from '../../connectors/prestashop/prestashop.mapper';
import type { PsProduct } from '../../connectors/prestashop/prestashop.types';
import { mapAdminProduct, mapStorefrontProduct } from '../../connectors/shopify/shopify.mapper';
import { mapRestProduct, mapStoreProduct, restNeedsVariations, storeNeedsVariations } from '../../connectors/woocommerce/woocommerce.mapper';

const FIXTURES = join(__dirname, '..', 'fixtures');
const SHOP = 'https://boutique.example/';

export interface FixtureOutcome {
  products: NormalizedProduct[];
  skipped: SkippedItem[];
}

export interface FixtureSet {
  dir: string;
  /** One not-ok file, read as the connector would read it; throws when the file is refused as a whole. */
  read(file: string): Promise<FixtureOutcome>;
  /** Files that are not a catalogue at all (a web page, a header without prices): refused, not skipped row by row. */
  refusedAsAWhole: string[];
  /** Feeds hold good rows beside the broken ones; an API fixture holds only the broken product(s). */
  mixesGoodRows: boolean;
}

export function notOkFiles(set: FixtureSet): string[] {
  return readdirSync(join(set.dir, 'not-ok')).sort();
}

function outcome(results: Validated[]): FixtureOutcome {
  return {
    products: results.flatMap((r) => ('product' in r ? [r.product] : [])),
    skipped: results.flatMap((r) => ('skipped' in r ? [r.skipped] : [])),
  };
}

const json = (platform: string, file: string) => JSON.parse(readFileSync(join(FIXTURES, platform, 'not-ok', file), 'utf8'));

/** As shopify.mapper.spec.ts: a storefront page or an Admin GraphQL answer. */
const shopify: FixtureSet = {
  dir: join(FIXTURES, 'shopify'),
  refusedAsAWhole: [],
  mixesGoodRows: false,
  async read(file) {
    const body = json('shopify', file);
    if (file.startsWith('storefront-')) return outcome(body.products.map((p: unknown) => mapStorefrontProduct(p, SHOP)));
    const currency = body.data.shop?.currencyCode ?? 'EUR';
    return outcome(body.data.products.nodes.map((n: unknown) => mapAdminProduct(n, SHOP, currency)).filter((r: Validated | null) => r !== null));
  },
};

/** As woocommerce.mapper.spec.ts: a listing page plus the variations the connector would read next. */
const woocommerce: FixtureSet = {
  dir: join(FIXTURES, 'woocommerce'),
  refusedAsAWhole: [],
  mixesGoodRows: false,
  async read(file) {
    const body = json('woocommerce', file) as { products: unknown[]; variations?: Record<string, unknown[]> };
    const variationsOf = (raw: unknown) => body.variations?.[String((raw as { id?: unknown } | null)?.id)];
    if (file.startsWith('store-')) return outcome(body.products.map((raw) => mapStoreProduct(raw, storeNeedsVariations(raw) ? variationsOf(raw) : undefined)));
    return outcome(body.products.map((raw) => mapRestProduct(raw, restNeedsVariations(raw) ? variationsOf(raw) : undefined)));
  },
};

/** As prestashop.mapper.spec.ts: the webservice answers for one page, plus the tax rate and language. */
const prestashop: FixtureSet = {
  dir: join(FIXTURES, 'prestashop'),
  refusedAsAWhole: [],
  mixesGoodRows: false,
  async read(file) {
    const f = json('prestashop', file);
    const listOf = <T>(body: unknown, resource: string): T[] =>
      body === undefined || (Array.isArray(body) && body.length === 0) ? [] : (body as Record<string, T[]>)[resource];
    const labels = optionLabels(listOf(f.product_options, 'product_options'), listOf(f.product_option_values, 'product_option_values'), f.languageId);
    const combinations = combinationsByProduct(listOf(f.combinations, 'combinations'));
    const stock = stockByKey(listOf(f.stock_availables, 'stock_availables'));
    return outcome(
      listOf<PsProduct>(f.products, 'products').map((raw) =>
        mapProduct(raw, {
          shopUrl: SHOP,
          languageId: f.languageId,
          taxRate: f.taxRate,
          categoryPath: f.categoryPath,
          combinations: combinations.get(String(raw.id)) ?? [],
          optionLabel: (id) => labels.get(id),
          stock,
        }),
      ),
    );
  },
};

/** As feed-fixtures.spec.ts: the feed connector, with the file handed over as the response body. */
const feed: FixtureSet = {
  dir: join(FIXTURES, 'feed'),
  refusedAsAWhole: ['html-page.html', 'missing-columns.csv'],
  mixesGoodRows: true,
  async read(file) {
    const path = join(FIXTURES, 'feed', 'not-ok', file);
    const http = {
      request: async () => ({ status: 200, headers: { 'content-type': 'text/plain' }, url: 'https://boutique.example/flux', data: createReadStream(path, { highWaterMark: 64 }) }),
    } as unknown as HttpClient;
    const batches: ProductBatch[] = [];
    for await (const batch of new FeedConnector().products({ url: 'https://boutique.example/flux' }, {}, { http })) batches.push(batch);
    return { products: batches.flatMap((b) => b.products), skipped: batches.flatMap((b) => b.skipped) };
  },
};

export const FIXTURE_SETS = { shopify, woocommerce, prestashop, feed } satisfies Record<string, FixtureSet>;
