import type { MerchantShopView } from '../../../merchants/merchant-shop-views';
import { formatCount } from '../../templates/format';
import { html, SafeHtml } from '../../templates/html';
import { SPACE } from '../merchant-page-session';
import { noticeBlock, Notice } from './form-fields';
import { platformName, statusBadge } from './shop-status';

/** The merchant's home: their shops, each with its status, and the way to add one. */
export function homePage(o: { name: string | null; shops: MerchantShopView[]; notice?: Notice }): SafeHtml {
  return html`<div class="wrap page">
  <h1>${o.name ? `Bonjour ${o.name}` : 'Mes boutiques'}</h1>
  ${noticeBlock(o.notice)}
  ${o.shops.length
    ? html`<ul class="shop-list merchant-shops">
    ${o.shops.map(
      (s) => html`<li class="shop-item" data-shop-id="${s.id}">
      <h2><a href="${SPACE}/boutiques/${s.id}">${s.name}</a></h2>
      <p>${statusBadge(s.status)}</p>
      <p class="shop-address">${s.address}, ${s.postalCode} ${s.commune}</p>
      <p class="shop-count">${platformName(s.platform)} · ${formatCount(s.productCount)} produit${s.productCount > 1 ? 's' : ''} en ligne</p>
    </li>`,
    )}
  </ul>
  <p><a class="button button--secondary" href="${SPACE}/boutiques/nouvelle">Ajouter une autre boutique</a></p>`
    : html`<div class="panel">
    <h2>Ajoutez votre boutique</h2>
    <p>Collez l'adresse de votre boutique en ligne (Shopify, WooCommerce, PrestaShop ou un flux produits) : Vitrines reconnaît la plateforme et vous guide. Vous verrez vos produits tels que les habitants les verront avant de valider.</p>
    <p><a class="button" href="${SPACE}/boutiques/nouvelle">Ajouter ma boutique</a></p>
  </div>`}
</div>`;
}
