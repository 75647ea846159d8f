import type { SearchParams } from '../../search/search-params';
import type { SearchResult } from '../../search/search.service';
import { searchQuery } from '../search-query';
import { formatCount, plural } from './format';
import { html, SafeHtml } from './html';
import { productCard } from './product-card';

/** How many values a facet shows before the rest are left to the search box. */
const FACET_VALUES = 12;

export const SORT_LABELS: Record<SearchParams['sort'], string> = {
  relevance: 'Pertinence',
  'price:asc': 'Prix croissant',
  'price:desc': 'Prix décroissant',
  newest: 'Nouveautés',
  distance: 'Distance',
};

export function sortSelect(p: SearchParams): SafeHtml {
  const located = p.lat !== undefined && p.lng !== undefined;
  return html`<div class="field field--inline">
  <label for="tri">Trier par</label>
  <select id="tri" name="sort">
    ${(Object.keys(SORT_LABELS) as Array<SearchParams['sort']>).map((s) =>
      s === 'distance' && !located ? '' : html`<option value="${s}"${p.sort === s ? html` selected` : ''}>${SORT_LABELS[s]}</option>`,
    )}
  </select>
  <noscript><button type="submit" class="button button--secondary">Trier</button></noscript>
</div>`;
}

/** Hidden fields that carry the resident's position from one submission to the next. */
export function positionFields(p: SearchParams): SafeHtml {
  const located = p.lat !== undefined && p.lng !== undefined;
  return html`<input type="hidden" name="lat" value="${located ? p.lat : ''}" data-geo="lat"><input type="hidden" name="lng" value="${located ? p.lng : ''}" data-geo="lng">${p.radiusKm !== undefined ? html`<input type="hidden" name="radiusKm" value="${p.radiusKm}">` : ''}`;
}

function facetGroup(name: 'commune' | 'category' | 'shop', legend: string, counts: Record<string, number>, selected: string[], label: (v: string) => string): SafeHtml {
  const values = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'));
  const shown = values.slice(0, FACET_VALUES);
  for (const s of selected) if (!shown.some(([v]) => v === s)) shown.push([s, counts[s] ?? 0]);
  return html`<fieldset class="facet" data-facet="${name}"${shown.length ? '' : html` hidden`}>
  <legend>${legend}</legend>
  <ul class="facet-values" data-values>
    ${shown.map(
      ([value, n], i) => html`<li><input type="checkbox" id="f-${name}-${i}" name="${name}" value="${value}"${selected.includes(value) ? html` checked` : ''}>
      <label for="f-${name}-${i}">${label(value)} <span class="count">${formatCount(n)}</span></label></li>`,
    )}
  </ul>
</fieldset>`;
}

/** The filters: disjunctive facets, price range, stock. A <details> so phones see results first. */
export function facetsPanel(r: SearchResult, p: SearchParams, shopName: (slug: string) => string, options: { withShop: boolean; withCommune: boolean }): SafeHtml {
  const inStockCount = r.facets.inStock?.['true'] ?? 0;
  const active = activeFilterCount(p) - (options.withShop ? 0 : p.shop.length);
  return html`<details class="filters" id="filtres" data-filters>
  <summary>Filtres${active ? html` <span class="count">(${active})</span>` : ''}</summary>
  <div class="filters-body" id="facettes">
    ${options.withCommune ? facetGroup('commune', 'Commune', r.facets.commune, p.commune, (v) => v) : ''}
    ${facetGroup('category', 'Catégorie', r.facets.category, p.category, (v) => v)}
    ${options.withShop ? facetGroup('shop', 'Boutique', r.facets.shop, p.shop, shopName) : ''}
    <fieldset class="facet">
      <legend>Prix (€)</legend>
      <div class="price-range">
        <div class="field"><label for="prix-min">Min.</label><input id="prix-min" name="priceMin" type="text" inputmode="decimal" autocomplete="off" size="6" value="${p.priceMin ?? ''}"></div>
        <div class="field"><label for="prix-max">Max.</label><input id="prix-max" name="priceMax" type="text" inputmode="decimal" autocomplete="off" size="6" value="${p.priceMax ?? ''}"></div>
      </div>
    </fieldset>
    <fieldset class="facet">
      <legend>Disponibilité</legend>
      <ul class="facet-values"><li><input type="checkbox" id="f-stock" name="inStock" value="true"${p.inStock ? html` checked` : ''}>
      <label for="f-stock">En stock uniquement <span class="count" data-stock-count>${formatCount(inStockCount)}</span></label></li></ul>
    </fieldset>
    <button type="submit" class="button button--secondary apply-filters">Appliquer les filtres</button>
  </div>
</details>`;
}

function activeFilterCount(p: SearchParams): number {
  return p.commune.length + p.category.length + p.shop.length + (p.inStock ? 1 : 0) + (p.priceMin !== undefined ? 1 : 0) + (p.priceMax !== undefined ? 1 : 0);
}

export function resultCount(r: SearchResult, p: SearchParams): string {
  if (!r.total) return p.q ? `Aucun produit ne correspond à « ${p.q} ».` : 'Aucun produit ne correspond à ces filtres.';
  const first = (r.page - 1) * r.perPage + 1;
  const last = Math.min(r.total, first + r.hits.length - 1);
  const range = r.total > r.perPage && r.hits.length ? ` (${formatCount(first)} à ${formatCount(last)})` : '';
  return `${plural(r.total, 'produit', 'produits')}${p.q ? ` pour « ${p.q} »` : ''}${range}`;
}

/** The part of the page the script re-renders: count, cards, pagination. */
export function resultsRegion(r: SearchResult, p: SearchParams, basePath: string, omit: Array<keyof SearchParams> = []): SafeHtml {
  return html`<div class="results" id="resultats" data-results>
  <p class="result-count" role="status" data-count>${resultCount(r, p)}</p>
  ${r.hits.length ? html`<ul class="cards" data-cards>${r.hits.map(productCard)}</ul>` : html`<ul class="cards" data-cards></ul>${emptyHelp(p)}`}
  ${pagination(r, p, basePath, omit)}
</div>`;
}

function emptyHelp(p: SearchParams): SafeHtml {
  return html`<div class="empty" data-empty><p>Essayez un autre mot, retirez un filtre${p.lat !== undefined ? ' ou élargissez la zone' : ''}.</p></div>`;
}

/** Page count shown; the engine can page through at most 10,000 hits. */
export function lastPage(total: number, perPage: number): number {
  return Math.max(1, Math.min(Math.ceil(total / perPage), Math.floor(10_000 / perPage)));
}

export function pagination(r: SearchResult, p: SearchParams, basePath: string, omit: Array<keyof SearchParams> = []): SafeHtml {
  const last = lastPage(r.total, r.perPage);
  if (last <= 1) return html`<nav class="pagination" aria-label="Pagination" data-pagination hidden></nav>`;
  const href = (page: number) => `${basePath}${searchQuery(p, { page }, omit)}`;
  const pages = pageWindow(r.page, last);
  return html`<nav class="pagination" aria-label="Pagination" data-pagination>
  <ul>
    ${r.page > 1 ? html`<li><a href="${href(r.page - 1)}" rel="prev">‹ Précédente</a></li>` : ''}
    ${pages.map((n) => (n === null ? html`<li class="gap" aria-hidden="true">…</li>` : n === r.page ? html`<li><a href="${href(n)}" aria-current="page">${n}</a></li>` : html`<li><a href="${href(n)}">${n}</a></li>`))}
    ${r.page < last ? html`<li><a href="${href(r.page + 1)}" rel="next">Suivante ›</a></li>` : ''}
  </ul>
</nav>`;
}

/** 1 … 4 5 6 … 20: the first, the last and the pages around the current one. */
export function pageWindow(current: number, last: number): Array<number | null> {
  const set = new Set([1, last, current - 1, current, current + 1].filter((n) => n >= 1 && n <= last));
  const sorted = [...set].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  for (const n of sorted) {
    if (out.length && n - (out[out.length - 1] as number) > 1) out.push(null);
    out.push(n);
  }
  return out;
}
