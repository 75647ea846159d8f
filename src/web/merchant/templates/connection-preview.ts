import type { ConnectionPreview } from '../../../connect/connection-preview';
import { formatCount } from '../../templates/format';
import { html, SafeHtml } from '../../templates/html';
import { productCard } from '../../templates/product-card';
import { csrfInput } from './form-fields';
import { platformName } from './shop-status';

/** The form that saves exactly what was just tested. */
export interface SaveAction {
  action: string;
  fields: Record<string, string>;
  label: string;
}

const PREVIEW_CARDS = 8;

/**
 * "Tester la connexion": the first products exactly as residents will see them (the
 * street's own card), how many were found, what would be left out and why. Nothing is
 * saved until the merchant presses the save button under it.
 */
export function previewBlock(preview: ConnectionPreview, csrf: string, save: SaveAction | null): SafeHtml {
  const cards = preview.products.slice(0, PREVIEW_CARDS);
  if (!preview.ok) {
    return html`<section class="panel preview preview--failed" aria-labelledby="titre-apercu" data-preview="failed">
  <h2 id="titre-apercu">Test de la connexion : la boutique n'a pas pu être lue</h2>
  <div class="alert alert--error" role="alert"><p data-diagnosis>${preview.diagnosis ?? 'La boutique n’a pas pu être lue.'}</p></div>
  <p>Rien n'a été enregistré. Corrigez le point ci-dessus, puis testez à nouveau.</p>
</section>`;
  }
  return html`<section class="panel preview" aria-labelledby="titre-apercu" data-preview="ok">
  <h2 id="titre-apercu">Aperçu : vos produits tels que les habitants les verront</h2>
  <div class="alert alert--ok" role="status"><p><strong data-preview-count>${preview.productCount !== null ? `${formatCount(preview.productCount)} produit${preview.productCount > 1 ? 's' : ''} trouvé${preview.productCount > 1 ? 's' : ''}` : 'Produits trouvés'}</strong> sur votre boutique ${platformName(preview.platform)}. Rien n'est encore enregistré.</p></div>
  ${cards.length
    ? html`<ul class="cards preview-cards">${cards.map((hit) => productCard(hit))}</ul>`
    : html`<p class="empty">Aucun produit publié n'a été trouvé pour l'instant : la boutique sera relue à chaque synchronisation.</p>`}
  ${preview.skipped.length
    ? html`<h3>${preview.skipped.length > 1 ? `${preview.skipped.length} produits seront laissés de côté` : 'Un produit sera laissé de côté'}</h3>
  <ul class="skipped">${preview.skipped.map((s) => html`<li>${s.externalId ? html`<span class="muted">Produit ${s.externalId} :</span> ` : ''}${s.reason}</li>`)}</ul>`
    : html`<p class="muted">Aucun produit ne sera laissé de côté.</p>`}
  ${save
    ? html`<form method="post" action="${save.action}" class="save-connection" data-busy="Enregistrement…">
    ${csrfInput(csrf)}
    ${Object.entries(save.fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
    <button type="submit" class="button">${save.label}</button>
  </form>`
    : ''}
</section>`;
}
