import type { ProductBatch } from '../core/connector';
import type { NormalizedProduct, SkippedItem } from '../core/normalized-product';
import { toShopTime } from './prestashop-dates';
import type { PrestashopApi } from './prestashop-api';
import type { PrestashopLookups } from './prestashop-lookups';
import { combinationsByProduct, isListed, mapProduct, stockByKey } from './prestashop.mapper';
import type { PsCombination, PsProduct, PsStockAvailable } from './prestashop.types';

/**
 * A shop set to another time zone, or a product saved while we read, must not be missed
 * by an incremental read: re-reading a few hours of edits costs nothing (unchanged
 * products are not written again).
 */
const INCREMENTAL_MARGIN_MS = 3 * 3_600_000;
const FAR_FUTURE = '2999-12-31 23:59:59';

/** The query for one page of enabled products, oldest id first so offsets stay stable. */
export function productsQuery(offset: number, count: number, since?: Date): Record<string, string> {
  const query: Record<string, string> = {
    display: 'full',
    'filter[active]': '[1]',
    sort: '[id_ASC]',
    limit: `${offset},${count}`,
  };
  if (since) {
    const from = toShopTime(new Date(since.getTime() - INCREMENTAL_MARGIN_MS));
    // The interval needs an upper bound; a far one, so a shop whose clock runs ahead is not missed.
    query['filter[date_upd]'] = `[${from},${FAR_FUTURE}]`;
    query.date = '1';
  }
  return query;
}

/**
 * Turns one page of raw products into a batch: one request for the page's combinations
 * and one for its stock, whatever the number of products, then the cached lookups.
 */
export async function buildBatch(raws: PsProduct[], api: PrestashopApi, lookups: PrestashopLookups): Promise<ProductBatch> {
  const products: NormalizedProduct[] = [];
  const skipped: SkippedItem[] = [];
  const listed = raws.filter((r) => {
    if (r.id === undefined || r.id === null || !/^\d+$/.test(String(r.id))) {
      skipped.push({ reason: 'identifiant du produit manquant ou invalide' });
      return false;
    }
    return isListed(r);
  });
  if (!listed.length) return { products, skipped };

  const ids = listed.map((r) => String(r.id));
  const withCombinations = listed.filter((r) => (r.associations?.combinations ?? []).length > 0).map((r) => String(r.id));
  const [languageId, stock, combinations] = await Promise.all([
    lookups.languageId(),
    readStock(api, ids),
    withCombinations.length ? readCombinations(api, withCombinations) : Promise.resolve(new Map<string, PsCombination[]>()),
  ]);
  const optionLabel = combinations.size ? await lookups.optionLabel(languageId) : () => undefined;

  for (const raw of listed) {
    const id = String(raw.id);
    const [taxRate, categoryPath] = await Promise.all([
      lookups.taxRate(raw.id_tax_rules_group),
      lookups.categoryPath(raw.id_category_default, languageId),
    ]);
    const result = mapProduct(raw, {
      shopUrl: api.shopUrl,
      languageId,
      taxRate,
      categoryPath,
      combinations: combinations.get(id) ?? [],
      optionLabel,
      stock,
    });
    if ('product' in result) products.push(result.product);
    else skipped.push(result.skipped);
  }
  return { products, skipped };
}

async function readStock(api: PrestashopApi, productIds: string[]): Promise<Map<string, number>> {
  const rows = await api.list<PsStockAvailable>('stock_availables', {
    display: 'full',
    'filter[id_product]': `[${productIds.join('|')}]`,
  });
  return stockByKey(rows);
}

async function readCombinations(api: PrestashopApi, productIds: string[]): Promise<Map<string, PsCombination[]>> {
  const rows = await api.list<PsCombination>('combinations', {
    display: 'full',
    'filter[id_product]': `[${productIds.join('|')}]`,
  });
  return combinationsByProduct(rows);
}
