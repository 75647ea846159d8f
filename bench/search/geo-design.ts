import type { Meilisearch, MultiSearchQuery } from 'meilisearch';
import { productIndexSettings } from '../../src/catalog/index-settings';
import type { ProductDocument } from '../../src/catalog/product-document';
import { WRITE_BATCH_SIZE } from '../../src/catalog/catalog-writer.service';
import { HIGHLIGHT_POST, HIGHLIGHT_PRE } from '../../src/search/highlight';
import { HIT_ATTRIBUTES } from '../../src/search/product-hit';
import type { RecordedSearch } from './query-recorder';
import type { FixtureShop } from './search-fixture';

/**
 * The alternative we did not choose, for comparison: the same index with `_geo` on every
 * document (its shop's position), filterable and sortable, queried with `_geoRadius` and
 * `_geoPoint` instead of `shop.id IN [...]` and our nearest-first slicing.
 */
export const GEO_INDEX = 'products_geo_bench';

const TASK = { timeout: 3_600_000, interval: 50 };

export async function createGeoIndex(client: Meilisearch): Promise<void> {
  await client.createIndex(GEO_INDEX, { primaryKey: 'id' }).waitTask(TASK);
  const settings = productIndexSettings();
  const task = await client
    .index(GEO_INDEX)
    .updateSettings({ ...settings, filterableAttributes: [...(settings.filterableAttributes as string[]), '_geo'], sortableAttributes: [...(settings.sortableAttributes ?? []), '_geo'] })
    .waitTask(TASK);
  if (task.status !== 'succeeded') throw new Error(`geo index settings: ${task.error?.message}`);
}

/** Same batching as CatalogWriter.replace (batches of WRITE_BATCH_SIZE, each waited for). */
export async function addGeoDocuments(client: Meilisearch, docs: ProductDocument[], shop: FixtureShop): Promise<void> {
  const withGeo = docs.map((d) => ({ ...d, _geo: { lat: shop.lat, lng: shop.lng } }));
  for (let i = 0; i < withGeo.length; i += WRITE_BATCH_SIZE) {
    const task = await client.index(GEO_INDEX).addDocuments(withGeo.slice(i, i + WRITE_BATCH_SIZE), { primaryKey: 'id' }).waitTask(TASK);
    if (task.status !== 'succeeded') throw new Error(`geo index write: ${task.error?.message}`);
  }
}

/**
 * The `_geo` design's multi-search for a recorded geo search (one with lat/lng/radiusKm):
 * the shop scope becomes `_geoRadius`, and nearest-first becomes one hits query sorted by
 * `_geoPoint` instead of per-shop counts plus slices. All shops are visible in this
 * fixture, so dropping the shop list changes no result.
 */
export function geoDesignQueries(search: RecordedSearch): MultiSearchQuery[] {
  const p = search.query.params as Record<string, string>;
  const radius = `_geoRadius(${p.lat}, ${p.lng}, ${Math.round(Number(p.radiusKm) * 1000)})`;
  const onGeo = (q: MultiSearchQuery): MultiSearchQuery => ({ ...q, indexUid: GEO_INDEX, filter: [radius, ...(q.filter as string[]).slice(1)] });
  const [first] = search.rounds;
  if (p.sort !== 'distance') return first.map(onGeo);
  const [count, ...others] = first;
  const page = Number(p.page ?? 1);
  const perPage = Number(p.perPage ?? 20);
  const hits: MultiSearchQuery = {
    ...onGeo(count),
    facets: (count.facets ?? []).filter((f) => f !== 'shop.id'),
    sort: [`_geoPoint(${p.lat}, ${p.lng}):asc`],
    offset: (page - 1) * perPage,
    limit: perPage,
    attributesToRetrieve: HIT_ATTRIBUTES,
    attributesToHighlight: ['title'],
    highlightPreTag: HIGHLIGHT_PRE,
    highlightPostTag: HIGHLIGHT_POST,
  };
  // Chunked shop counts (only beyond 200 shops) have no counterpart in the `_geo` design.
  const facetCounts = others.filter((q) => !(q.facets?.length === 1 && q.facets[0] === 'shop.id'));
  return [hits, ...facetCounts.map(onGeo)];
}

/** How many geo searches find as many products in both designs (boundary shops may differ). */
export async function sameTotals(client: Meilisearch, searches: RecordedSearch[]): Promise<number> {
  let same = 0;
  for (const s of searches) {
    const [r] = (await client.multiSearch({ queries: geoDesignQueries(s) })).results;
    if ((r.totalHits ?? r.estimatedTotalHits) === s.total) same++;
  }
  return same;
}

/** Median time from sending a one-document price change to its task succeeding. */
export async function singleUpdateMs(client: Meilisearch, uid: string, ids: string[]): Promise<number> {
  const times: number[] = [];
  for (const [i, id] of ids.entries()) {
    const started = performance.now();
    const task = await client
      .index(uid)
      .updateDocuments([{ id, price: 10 + i / 100 }], { primaryKey: 'id' })
      .waitTask({ timeout: 600_000, interval: 5 });
    if (task.status !== 'succeeded') throw new Error(`update on ${uid}: ${task.error?.message}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
