import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type { MultiSearchQuery, MultiSearchResult } from 'meilisearch';
import { productIndexSettings } from '../catalog/index-settings';
import { ProductIndexService } from '../catalog/product-index.service';
import { SearchEngine } from '../catalog/search-engine';
import { DirectoryShop, ShopDirectory } from '../shops/shop-directory.service';
import { planDistancePage } from './distance-pager';
import { HIGHLIGHT_POST, HIGHLIGHT_PRE } from './highlight';
import { EngineHit, HIT_ATTRIBUTES, HitContext, ProductHit, toProductHit } from './product-hit';
import { buildFilter, FACET_ATTRIBUTES, FACET_GROUPS, FacetGroup, filterClauses, inList, scopeClause, SearchFilter, selectedGroups } from './search-filter';
import type { SearchParams } from './search-params';
import { scopeShops, ScopedShop } from './search-scope';

export type Facets = Record<FacetGroup, Record<string, number>>;

export interface SearchResult {
  hits: ProductHit[];
  total: number;
  page: number;
  perPage: number;
  facets: Facets;
  processingTimeMs: number;
}

type Result = MultiSearchResult<Record<string, any>>;

interface Scope {
  scoped: ScopedShop[];
  byId: Map<string, DirectoryShop>;
  clause: string;
}

function toScope(scoped: ScopedShop[]): Scope {
  return { scoped, byId: new Map(scoped.map((s) => [s.shop.id, s.shop])), clause: scopeClause(scoped.map((s) => s.shop.id)) };
}

/**
 * The residents' search. One multi-search carries the hits query (every filter) and one
 * facet query per selected facet group without that group's own filter, so choosing a
 * commune still shows how many products the other communes have.
 */
@Injectable()
export class SearchService {
  private readonly logger = new Logger('Search');
  /** The engine returns at most this many values per facet: count queries stay below it. */
  private readonly facetValueLimit = productIndexSettings().faceting?.maxValuesPerFacet ?? 100;
  private everywhere?: { shops: readonly DirectoryShop[]; scope: Scope };

  constructor(
    private readonly engine: SearchEngine,
    private readonly products: ProductIndexService,
    private readonly directory: ShopDirectory,
  ) {}

  async search(params: SearchParams): Promise<SearchResult> {
    const started = performance.now();
    const origin = params.lat !== undefined && params.lng !== undefined ? { lat: params.lat, lng: params.lng } : undefined;
    const { scoped, byId, clause } = this.scope(await this.directory.all(), origin, params.radiusKm);
    const ctx: HitContext = { shops: (id) => byId.get(id), origin, now: new Date() };
    const done = (hits: ProductHit[], total: number, facets: Facets): SearchResult => ({
      hits,
      total,
      page: params.page,
      perPage: params.perPage,
      facets,
      processingTimeMs: Math.round(performance.now() - started),
    });
    if (!scoped.length) return done([], 0, emptyFacets());

    const filter = buildFilter(params, clause);
    const map = (results: Result[]) =>
      results.flatMap((r) => r.hits).flatMap((h) => toProductHit(h as EngineHit, ctx) ?? []);
    if (params.sort === 'distance') {
      const { hits, total, facets } = await this.byDistance(params, filter, scoped);
      return done(map(hits), total, facets);
    }
    const [main, ...facetResults] = await this.run([
      {
        ...this.hitsQuery(params, filterClauses(filter)),
        hitsPerPage: params.perPage,
        page: params.page,
        sort: SORT[params.sort],
        facets: unselected(filter).map((g) => FACET_ATTRIBUTES[g]),
      },
      ...this.facetQueries(params, filter),
    ]);
    return done(map([main]), main.totalHits ?? 0, collectFacets(main, facetResults));
  }

  /**
   * The shops a search may show. Most searches give no position: their scope is the same
   * for every request until the directory reloads, so it is built once per directory list.
   */
  private scope(shops: readonly DirectoryShop[], origin?: { lat: number; lng: number }, radiusKm?: number): Scope {
    if (origin) return toScope(scopeShops(shops, origin, radiusKm));
    if (this.everywhere?.shops !== shops) this.everywhere = { shops, scope: toScope(scopeShops(shops)) };
    return this.everywhere.scope;
  }

  /**
   * Nearest shop first, relevance within a shop. The list is the shops' hit lists laid end
   * to end in distance order, so a page is found from each shop's hit count (a facet on
   * shop.id), then fetched as one slice per shop it spans, all in one multi-search.
   */
  private async byDistance(params: SearchParams, filter: SearchFilter, scoped: ScopedShop[]) {
    const ids = scoped.map((s) => s.shop.id);
    // Facet values are capped per query: count the shops in chunks below that cap.
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += this.facetValueLimit) chunks.push(ids.slice(i, i + this.facetValueLimit));
    const countInMain = chunks.length === 1;
    const facetQueries = this.facetQueries(params, filter);
    const [main, ...rest] = await this.run([
      {
        indexUid: this.products.uid,
        q: params.q,
        filter: filterClauses(filter),
        limit: 0,
        facets: [...unselected(filter).map((g) => FACET_ATTRIBUTES[g]), ...(countInMain ? ['shop.id'] : [])],
      },
      ...facetQueries,
      ...(countInMain
        ? []
        : chunks.map((chunk) => ({
            indexUid: this.products.uid,
            q: params.q,
            filter: filterClauses(filter, { scope: inList('shop.id', chunk) }),
            limit: 0,
            facets: ['shop.id'],
          }))),
    ]);
    const facetResults = rest.slice(0, facetQueries.length);
    const countResults = countInMain ? [main] : rest.slice(facetQueries.length);
    const perShop = new Map<string, number>();
    for (const r of countResults) for (const [id, n] of Object.entries(r.facetDistribution?.['shop.id'] ?? {})) perShop.set(id, n);
    const counts = ids.map((shopId) => ({ shopId, count: perShop.get(shopId) ?? 0 }));
    const total = counts.reduce((sum, c) => sum + c.count, 0);

    const slices = planDistancePage(counts, (params.page - 1) * params.perPage, params.perPage);
    const pages = slices.length
      ? await this.run(
          slices.map((s) => ({
            ...this.hitsQuery(params, filterClauses(filter, { scope: inList('shop.id', [s.shopId]) })),
            offset: s.offset,
            limit: s.limit,
          })),
        )
      : [];
    return { hits: pages, total, facets: collectFacets(main, facetResults) };
  }

  private hitsQuery(params: SearchParams, filter: string[]): MultiSearchQuery {
    return {
      indexUid: this.products.uid,
      q: params.q,
      filter,
      attributesToRetrieve: HIT_ATTRIBUTES,
      attributesToHighlight: ['title'],
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
    };
  }

  /** Disjunctive facets: each selected group counted without its own clause. */
  private facetQueries(params: SearchParams, filter: SearchFilter): MultiSearchQuery[] {
    return selectedGroups(filter).map((group) => ({
      indexUid: this.products.uid,
      q: params.q,
      filter: filterClauses(filter, { without: group }),
      limit: 0,
      facets: [FACET_ATTRIBUTES[group]],
    }));
  }

  private async run(queries: MultiSearchQuery[]): Promise<Result[]> {
    try {
      return await this.engine.multiSearch(queries);
    } catch (e) {
      this.logger.error(`Search failed: ${(e as Error).message}`);
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'La recherche est momentanément indisponible. Réessayez dans un instant.',
      });
    }
  }
}

const SORT: Record<Exclude<SearchParams['sort'], 'distance'>, string[] | undefined> = {
  relevance: undefined,
  'price:asc': ['price:asc'],
  'price:desc': ['price:desc'],
  newest: ['updatedAt:desc'],
};

function unselected(filter: SearchFilter): FacetGroup[] {
  const selected = new Set(selectedGroups(filter));
  return FACET_GROUPS.filter((g) => !selected.has(g));
}

export function emptyFacets(): Facets {
  return { commune: {}, category: {}, shop: {}, inStock: {} };
}

/** Unselected groups come from the hits query, each selected group from its own query. */
function collectFacets(main: Result, facetResults: Result[]): Facets {
  const facets = emptyFacets();
  for (const r of [main, ...facetResults]) {
    for (const group of FACET_GROUPS) {
      const values = r.facetDistribution?.[FACET_ATTRIBUTES[group]];
      if (values) facets[group] = values;
    }
  }
  return facets;
}
