import type { PublicShop } from '../../shops/shop-views';
import { formatCount, plural } from './format';
import { html, SafeHtml } from './html';

export interface CommuneSummary {
  name: string;
  shops: number;
  products: number;
}

export function communesPage(communes: CommuneSummary[]): SafeHtml {
  return html`<div class="wrap page">
  <h1>Les communes de la rue</h1>
  <p class="lead">Parcourez les boutiques commune par commune.</p>
  ${communes.length
    ? html`<ul class="tiles">${communes.map(
        (c) => html`<li class="tile"><a href="/communes/${encodeURIComponent(c.name)}"><span class="tile-title">${c.name}</span>
        <span class="tile-meta">${plural(c.shops, 'boutique', 'boutiques')} · ${plural(c.products, 'produit', 'produits')}</span></a></li>`,
      )}</ul>`
    : html`<p>Aucune boutique n'est encore en ligne.</p>`}
</div>`;
}

export interface CommuneShop {
  shop: PublicShop;
  categories: Array<[string, number]>;
}

export function communePage(name: string, shops: CommuneShop[]): SafeHtml {
  return html`<div class="wrap page">
  <nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/communes">Communes</a></li><li><a href="/communes/${encodeURIComponent(name)}" aria-current="page">${name}</a></li></ol></nav>
  <h1>Boutiques à ${name}</h1>
  <p class="lead">${plural(shops.length, 'boutique', 'boutiques')} · <a href="/?commune=${encodeURIComponent(name)}">Chercher parmi leurs produits</a></p>
  <ul class="shop-list">
    ${shops.map(
      ({ shop, categories }) => html`<li class="shop-item">
      <h2><a href="/boutiques/${encodeURIComponent(shop.slug)}">${shop.name}</a></h2>
      <p class="shop-address">${shop.address}, ${shop.postalCode} ${shop.commune}</p>
      <p class="shop-count">${plural(shop.productCount, 'produit', 'produits')}</p>
      ${categories.length
        ? html`<ul class="tags" aria-label="Ce qu'elle vend">${categories.map(
            ([c, n]) => html`<li><a href="/boutiques/${encodeURIComponent(shop.slug)}?category=${encodeURIComponent(c)}">${c} <span class="count">${formatCount(n)}</span></a></li>`,
          )}</ul>`
        : ''}
    </li>`,
    )}
  </ul>
</div>`;
}
