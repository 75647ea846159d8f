import type { ProductHit } from '../../search/product-hit';
import { formatDistance, formatPrice } from './format';
import { html, raw, SafeHtml } from './html';

/**
 * The search service sends titles already escaped with matches in <mark>. That string is
 * only trusted if it holds no other tag; otherwise the plain title is escaped here.
 */
export function highlightedTitle(hit: Pick<ProductHit, 'title' | 'highlight'>): SafeHtml {
  const h = hit.highlight?.title;
  if (typeof h === 'string' && !/<(?!\/?mark>)/.test(h) && !/&(?!(?:amp|lt|gt|quot|#39|#96);)/.test(h)) return raw(h);
  return html`${hit.title}`;
}

const PLACEHOLDER = raw(
  '<svg class="placeholder-icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"><path d="M8 18h32l-3 22H11z" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round"/><path d="M17 18v-4a7 7 0 0 1 14 0v4" fill="none" stroke="currentColor" stroke-width="2.5"/></svg>',
);

export function productImage(url: string | null): SafeHtml {
  if (url && /^https?:\/\//i.test(url)) {
    return html`<div class="card-media"><img src="${url}" alt="" loading="lazy" decoding="async" width="320" height="240"></div>`;
  }
  return html`<div class="card-media card-media--empty">${PLACEHOLDER}<span class="visually-hidden">Pas de photo</span></div>`;
}

export function productCard(hit: ProductHit): SafeHtml {
  const markdown = hit.compareAtPrice && hit.compareAtPrice > hit.price;
  return html`<li class="card">
  <article class="card-inner">
    ${productImage(hit.imageUrl)}
    <div class="card-body">
      <h3 class="card-title"><a class="card-link" href="${hit.url}" rel="nofollow">${highlightedTitle(hit)}</a></h3>
      <p class="card-price"><span class="price">${formatPrice(hit.price, hit.currency)}</span>${markdown ? html` <del class="price-before"><span class="visually-hidden">au lieu de </span>${formatPrice(hit.compareAtPrice!, hit.currency)}</del>` : ''}</p>
      <p class="card-shop"><a href="/boutiques/${encodeURIComponent(hit.shop.slug)}">${hit.shop.name}</a><span class="card-place"> · ${hit.shop.commune}${hit.distanceKm !== undefined ? html` · ${formatDistance(hit.distanceKm)}` : ''}</span></p>
      <p class="card-meta">${hit.inStock ? html`<span class="badge badge--ok">En stock</span>` : html`<span class="badge badge--out">Rupture</span>`}${hit.verifiedAgo ? html` <span class="verified">vérifié ${hit.verifiedAgo}</span>` : ''}</p>
    </div>
  </article>
</li>`;
}

