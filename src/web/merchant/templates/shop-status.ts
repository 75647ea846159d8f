import { html, SafeHtml } from '../../templates/html';

const STATUSES: Record<string, { label: string; explain: string }> = {
  pending: { label: 'En attente de validation', explain: "L'équipe Vitrines vérifie que la boutique a bien une adresse dans la Métropole. Ses produits seront visibles dès sa validation et sa première synchronisation." },
  approved: { label: 'Validée', explain: 'La boutique est en ligne : ses produits apparaissent dans la recherche des habitants.' },
  rejected: { label: 'Refusée', explain: "L'équipe Vitrines n'a pas validé cette boutique." },
  suspended: { label: 'Suspendue', explain: "La boutique n'est plus visible des habitants et ses produits ont été retirés de la recherche." },
};

export function statusLabel(status: string): string {
  return STATUSES[status]?.label ?? status;
}

export function statusBadge(status: string): SafeHtml {
  return html`<span class="status status--${status}" data-status="${status}">${statusLabel(status)}</span>`;
}

/** The status with what it means for the merchant and, for a refusal or suspension, the reason given. */
export function statusBlock(status: string, reason: string | null): SafeHtml {
  const known = STATUSES[status];
  return html`<div class="status-block status-block--${status}">
  <p>${statusBadge(status)}</p>
  <p>${known?.explain ?? ''}</p>
  ${reason && (status === 'rejected' || status === 'suspended') ? html`<p><strong>Motif :</strong> ${reason}</p>` : ''}
</div>`;
}

const PLATFORMS: Record<string, string> = { shopify: 'Shopify', woocommerce: 'WooCommerce', prestashop: 'PrestaShop', feed: 'Flux produits' };

export function platformName(platform: string | null | undefined): string {
  return platform ? (PLATFORMS[platform] ?? platform) : 'Plateforme inconnue';
}
