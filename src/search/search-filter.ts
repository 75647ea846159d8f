import type { SearchParams } from './search-params';

/** The facet groups a resident can filter on, and the index attribute behind each. */
export const FACET_ATTRIBUTES = {
  commune: 'commune',
  category: 'category',
  shop: 'shop.slug',
  inStock: 'inStock',
} as const;
export type FacetGroup = keyof typeof FACET_ATTRIBUTES;
export const FACET_GROUPS = Object.keys(FACET_ATTRIBUTES) as FacetGroup[];

/**
 * A filter string literal. Meilisearch unescapes `\"` and `\\` inside double quotes, so a
 * value can never close its quotes and add an operator (`Lyon" OR shop.id EXISTS` stays one
 * value). Control characters are dropped: no stored name holds one, and some break parsing.
 */
export function quote(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '');
  return `"${clean.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Which shops may show: `shop.id IN [...]`, an allow-list (see scopeShops). */
export function scopeClause(shopIds: readonly string[]): string {
  return inList('shop.id', shopIds);
}

export function inList(attribute: string, values: readonly string[]): string {
  return values.length === 1 ? `${attribute} = ${quote(values[0])}` : `${attribute} IN [${values.map(quote).join(', ')}]`;
}

/**
 * The clauses of one search, kept apart so a facet group's own clause can be left out of
 * its count query (disjunctive facets) and the shop scope can be swapped for one shop.
 * All clauses are ANDed: Meilisearch takes the array form of `filter` as a conjunction.
 */
export interface SearchFilter {
  /** Which shops may show at all (visible, within the radius). */
  scope: string;
  price?: string;
  facets: Partial<Record<FacetGroup, string>>;
}

/** `scope`: the clause naming the shops that may show (see scopeClause). */
export function buildFilter(params: SearchParams, scope: string): SearchFilter {
  const facets: SearchFilter['facets'] = {};
  if (params.commune.length) facets.commune = inList(FACET_ATTRIBUTES.commune, params.commune);
  if (params.category.length) facets.category = inList(FACET_ATTRIBUTES.category, params.category);
  if (params.shop.length) facets.shop = inList(FACET_ATTRIBUTES.shop, params.shop);
  if (params.inStock !== undefined) facets.inStock = `${FACET_ATTRIBUTES.inStock} = ${params.inStock}`;
  const price = [
    params.priceMin !== undefined ? `price >= ${params.priceMin}` : undefined,
    params.priceMax !== undefined ? `price <= ${params.priceMax}` : undefined,
  ].filter(Boolean);
  return { scope, price: price.length ? price.join(' AND ') : undefined, facets };
}

/** The filter as Meilisearch takes it, optionally without one facet group or with another scope. */
export function filterClauses(filter: SearchFilter, options: { without?: FacetGroup; scope?: string } = {}): string[] {
  const clauses = [options.scope ?? filter.scope];
  if (filter.price) clauses.push(filter.price);
  for (const group of FACET_GROUPS) {
    const clause = filter.facets[group];
    if (clause && group !== options.without) clauses.push(clause);
  }
  return clauses;
}

export function selectedGroups(filter: SearchFilter): FacetGroup[] {
  return FACET_GROUPS.filter((g) => filter.facets[g] !== undefined);
}
