import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ProductIndexService } from '../catalog/product-index.service';
import { ShopDirectory } from '../shops/shop-directory.service';
import { inList } from './search-filter';

export interface Suggestion {
  type: 'product' | 'category' | 'shop';
  label: string;
  url?: string;
  /** For a shop: its slug, so the page can filter on it. */
  slug?: string;
}

const MAX_SUGGESTIONS = 8;
const MAX_SHOPS = 2;
const MAX_CATEGORIES = 3;

/**
 * Suggestions while a resident types: shop names (from the in-memory directory), matching
 * categories (facet search) and product titles (prefix search on titles only), each kept
 * small so the box stays fast. Only visible shops and their products are ever suggested.
 */
@Injectable()
export class SuggestService {
  private readonly logger = new Logger('Search');

  constructor(
    private readonly products: ProductIndexService,
    private readonly directory: ShopDirectory,
  ) {}

  async suggest(q: string): Promise<Suggestion[]> {
    if (q.length < 2) return [];
    const visible = (await this.directory.all()).filter((s) => s.visible);
    if (!visible.length) return [];
    const scope = [inList('shop.id', visible.map((s) => s.id))];

    const needle = fold(q);
    const shops: Suggestion[] = visible
      .map((s) => ({ s, at: fold(s.name).indexOf(needle) }))
      .filter((m) => m.at >= 0)
      .sort((a, b) => a.at - b.at || a.s.name.localeCompare(b.s.name, 'fr'))
      .slice(0, MAX_SHOPS)
      .map(({ s }) => ({ type: 'shop', label: s.name, slug: s.slug }));

    const [titles, categories] = await Promise.all([
      this.products.index
        .search(q, { filter: scope, limit: MAX_SUGGESTIONS, attributesToRetrieve: ['id', 'title'], attributesToSearchOn: ['title'] })
        .then((r) => r.hits as Array<{ id: string; title: string }>)
        .catch((e: Error) => {
          this.logger.error(`Suggestions failed: ${e.message}`);
          throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'Les suggestions sont momentanément indisponibles.' });
        }),
      this.products.index
        .searchForFacetValues({ facetName: 'category', facetQuery: q, filter: scope })
        .then((r) => r.facetHits)
        // Categories are a nicety: the box still answers with titles if this part fails.
        .catch((e: Error) => {
          this.logger.warn(`Category suggestions failed: ${e.message}`);
          return [];
        }),
    ]);

    const out: Suggestion[] = [...shops, ...categories.slice(0, MAX_CATEGORIES).map((c) => ({ type: 'category' as const, label: c.value }))];
    const seen = new Set(out.map((s) => `${s.type}:${fold(s.label)}`));
    for (const hit of titles) {
      if (out.length >= MAX_SUGGESTIONS) break;
      const key = `product:${fold(hit.title)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ type: 'product', label: hit.title, url: `/go/${hit.id}` });
    }
    return out.slice(0, MAX_SUGGESTIONS);
  }
}

/** Case and accents ignored, as the engine does: "cafe" finds "Café". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
