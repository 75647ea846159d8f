import { frenchAgo } from '../../search/relative-time';
import type { ShopDetails } from '../../shops/shop-views';
import { DAYS, formatRanges, OpeningHours, openState, parisNow } from '../opening-hours';
import { formatPrice, plural } from './format';
import { html, SafeHtml } from './html';
import { searchBox, SearchView } from './rue-page';
import { facetsPanel, resultsRegion, sortSelect } from './search-parts';

/** Profile fields a shop may have beyond the listing (filled in by its merchant). */
export interface ShopExtras {
  openingHours?: unknown;
  pickupPolicy?: string | null;
  localDelivery?: unknown;
  phone?: string | null;
  description?: string | null;
}

export interface ShopPageView extends SearchView {
  shop: ShopDetails & ShopExtras;
  hours: OpeningHours | null;
  now: Date;
}

function hoursBlock(hours: OpeningHours, now: Date): SafeHtml {
  const state = openState(hours, now);
  const today = parisNow(now).day;
  return html`<section class="panel" aria-labelledby="titre-horaires">
  <h2 id="titre-horaires">Horaires</h2>
  <p class="open-state ${state.open ? 'open-state--open' : 'open-state--closed'}" data-open-state>
    <strong>${state.open ? 'Ouvert maintenant' : 'Fermé actuellement'}</strong>${state.detail ? html` · ${state.detail}` : ''}
  </p>
  <table class="hours">
    <caption class="visually-hidden">Horaires d'ouverture</caption>
    <tbody>
      ${DAYS.map((d) => html`<tr${d === today ? html` class="today"` : ''}><th scope="row">${d[0].toUpperCase() + d.slice(1)}${d === today ? html` <span class="visually-hidden">(aujourd'hui)</span>` : ''}</th><td>${formatRanges(hours[d])}</td></tr>`)}
    </tbody>
  </table>
</section>`;
}

function deliveryText(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const d = value as { communes?: unknown; fee?: unknown; delay?: unknown };
  const parts: string[] = [];
  if (Array.isArray(d.communes) && d.communes.length) parts.push(`Livraison à ${d.communes.filter((c) => typeof c === 'string').join(', ')}`);
  else parts.push('Livraison locale');
  if (typeof d.fee === 'number') parts.push(d.fee === 0 ? 'gratuite' : formatPrice(d.fee));
  if (typeof d.delay === 'string' && d.delay) parts.push(d.delay);
  return parts.join(' · ');
}

export function shopPage(v: ShopPageView): SafeHtml {
  const s = v.shop;
  const delivery = deliveryText(s.localDelivery);
  const base = `/boutiques/${encodeURIComponent(s.slug)}`;
  const website = s.website && /^https?:\/\//i.test(s.website) ? s.website : null;
  return html`<div class="wrap shop-head">
  <nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/communes">Communes</a></li><li><a href="/communes/${encodeURIComponent(s.commune)}">${s.commune}</a></li><li><a href="${base}" aria-current="page">${s.name}</a></li></ol></nav>
  <h1>${s.name}</h1>
  ${s.description ? html`<p class="lead">${s.description}</p>` : ''}
  <div class="shop-grid">
    <section class="panel" aria-labelledby="titre-infos">
      <h2 id="titre-infos">La boutique</h2>
      <dl class="facts">
        <dt>Adresse</dt><dd>${s.address}<br>${s.postalCode} ${s.commune}</dd>
        ${s.phone ? html`<dt>Téléphone</dt><dd><a href="tel:${s.phone.replace(/[^+\d]/g, '')}">${s.phone}</a></dd>` : ''}
        ${s.pickupPolicy ? html`<dt>Retrait</dt><dd>${s.pickupPolicy}</dd>` : ''}
        ${delivery ? html`<dt>Livraison</dt><dd>${delivery}</dd>` : ''}
        <dt>Catalogue</dt><dd>${plural(s.productCount, 'produit', 'produits')}${s.lastSuccessAt ? html`, vérifié ${frenchAgo(new Date(s.lastSuccessAt), v.now)}` : ''}</dd>
      </dl>
      ${website ? html`<p><a class="button button--secondary" href="${website}" rel="noopener">Site de la boutique<span class="visually-hidden"> ${s.name}</span> <span aria-hidden="true">↗</span></a></p>` : ''}
    </section>
    ${v.hours ? hoursBlock(v.hours, v.now) : ''}
  </div>
</div>
<form class="search-page" action="${base}" method="get" data-search-form data-api="/api/search" data-fixed-shop="${s.slug}">
  <div class="wrap">
    <h2 id="titre-produits">Les produits de la boutique</h2>
    ${searchBox(v.params, `Chercher chez ${s.name}`, 'Un produit, une marque…')}
  </div>
  <div class="wrap search-layout">
    <aside class="sidebar" aria-label="Filtres">
      ${facetsPanel(v.result, v.params, (slug) => slug, { withShop: false, withCommune: false })}
    </aside>
    <section class="results-col" aria-labelledby="titre-produits">
      ${v.error ? html`<div class="alert alert--error" role="alert"><p>${v.error}</p></div>` : ''}
      <div class="toolbar">${sortSelect(v.params)}</div>
      ${resultsRegion(v.result, v.params, base, ['shop'])}
    </section>
  </div>
</form>`;
}
