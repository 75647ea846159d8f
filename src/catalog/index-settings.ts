import type { Settings } from 'meilisearch';
import stopWords from './data/stop-words-fr.json';
import synonymsFile from './data/synonyms-fr.json';

/**
 * Settings of the products index, applied at every start (Meilisearch ignores identical
 * settings, so this is idempotent).
 *
 * Geo design: there is no `_geo` in the index. Every product sits at its shop's location
 * and shops are few, so "within X km" and "nearest first" are resolved in the application
 * from the shops table and sent as `shopId IN [...]` filters. PERFORMANCE.md measured a
 * filterable/sortable `_geo` making single-document updates ~10× slower and geo queries
 * the slowest type, while our syncs write many small updates.
 */
export function productIndexSettings(): Settings {
  const synonyms = Object.fromEntries(Object.entries(synonymsFile as Record<string, unknown>).filter(([k]) => !k.startsWith('_'))) as Record<string, string[]>;
  return {
    // Priority order: a match in the title beats one in the brand, and so on.
    searchableAttributes: ['title', 'brand', 'category', 'tags', 'shop.name', 'description'],
    displayedAttributes: ['*'],
    filterableAttributes: ['shop.id', 'shop.slug', 'commune', 'category', 'brand', 'inStock', 'price'],
    sortableAttributes: ['price', 'updatedAt'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    localizedAttributes: [{ attributePatterns: ['title', 'description', 'category', 'tags', 'brand', 'shop.name'], locales: ['fra'] }],
    stopWords: stopWords as string[],
    synonyms,
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { '*': 'count' } },
    // Every hit of a query must be reachable by paging (a shop's whole catalogue).
    pagination: { maxTotalHits: 100_000 },
  };
}
