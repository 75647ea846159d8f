import type { SearchParams } from '../search/search-params';

/** The page's own query string for a search: defaults left out, so links stay short. */
export function searchQuery(p: SearchParams, changes: Partial<SearchParams> = {}, omit: Array<keyof SearchParams> = []): string {
  const v = { ...p, ...changes };
  const out = new URLSearchParams();
  const skip = new Set(omit);
  const put = (key: keyof SearchParams, value: unknown) => {
    if (skip.has(key) || value === undefined || value === '' || value === null) return;
    for (const one of Array.isArray(value) ? value : [value]) out.append(key, String(one));
  };
  put('q', v.q);
  put('commune', v.commune);
  put('category', v.category);
  put('shop', v.shop);
  put('inStock', v.inStock === true ? 'true' : undefined);
  put('priceMin', v.priceMin);
  put('priceMax', v.priceMax);
  put('lat', v.lat);
  put('lng', v.lng);
  put('radiusKm', v.radiusKm);
  put('sort', v.sort === 'relevance' ? undefined : v.sort);
  put('page', v.page > 1 ? v.page : undefined);
  put('perPage', v.perPage !== 20 ? v.perPage : undefined);
  const s = out.toString();
  return s ? `?${s}` : '';
}
