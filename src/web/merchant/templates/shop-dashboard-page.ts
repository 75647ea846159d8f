import type { MerchantDashboard } from '../../../merchants/merchant-dashboard.service';
import type { MerchantShopView } from '../../../merchants/merchant-shop-views';
import { parseOpeningHours, DAYS, formatRanges } from '../../opening-hours';
import { formatCount, formatDateTime, formatPrice } from '../../templates/format';
import { html, SafeHtml } from '../../templates/html';
import { SPACE } from '../merchant-page-session';
import { clicksChart } from './clicks-chart';
import { csrfInput, noticeBlock, Notice, postButton } from './form-fields';
import { platformName, statusBlock } from './shop-status';

export type DashboardView = Awaited<ReturnType<MerchantDashboard['dashboard']>>;

const STATES: Record<string, { label: string; explain: string }> = {
  healthy: { label: 'En forme', explain: 'Les dernières synchronisations ont réussi : la rue montre vos produits à jour.' },
  stale: { label: 'En retard', explain: 'La dernière lecture réussie date un peu : la prochaine synchronisation devrait rattraper le retard.' },
  failing: { label: 'En échec', explain: 'Les dernières lectures de votre boutique ont échoué.' },
  'never-synced': { label: 'Pas encore synchronisée', explain: 'Votre boutique sera lue pour la première fois après sa validation.' },
  paused: { label: 'En pause', explain: 'Vous avez mis les synchronisations en pause : vos produits restent affichés tels qu’à la dernière lecture.' },
};

function runLine(run: NonNullable<DashboardView['latestRun']>): SafeHtml {
  const outcome = run.status === 'failed' ? 'échec' : run.status === 'running' ? 'en cours' : 'réussie';
  return html`<p data-latest-run>Dernière synchronisation (${formatDateTime(run.startedAt)}) : <strong>${outcome}</strong>.
  ${formatCount(run.fetched)} produits lus, ${formatCount(run.created)} ajoutés, ${formatCount(run.updated)} modifiés, ${formatCount(run.unchanged)} inchangés, ${formatCount(run.deleted)} retirés${run.skipped ? `, ${formatCount(run.skipped)} laissés de côté` : ''}.</p>`;
}

function syncSection(shop: MerchantShopView, d: DashboardView, csrf: string): SafeHtml {
  const base = `${SPACE}/boutiques/${shop.id}`;
  const state = STATES[d.state] ?? { label: d.state, explain: '' };
  return html`<section class="panel" aria-labelledby="titre-synchro">
  <h2 id="titre-synchro">Synchronisation</h2>
  <dl class="facts stats">
    <dt>Produits en ligne</dt><dd data-product-count>${formatCount(d.productCount)}</dd>
    <dt>État</dt><dd><span class="state state--${d.state}" data-sync-state="${d.state}">${state.label}</span>${d.running ? html` <span class="muted">· lecture en cours</span>` : ''}</dd>
    <dt>Dernière réussite</dt><dd>${formatDateTime(d.lastSuccessAt)}</dd>
    <dt>Prochaine</dt><dd>${d.nextSyncAt ? formatDateTime(d.nextSyncAt) : shop.status === 'approved' ? 'aucune (en pause)' : 'après la validation'}</dd>
  </dl>
  <p>${state.explain}</p>
  ${d.problem ? html`<div class="alert alert--error" role="alert"><p><strong>Ce qui ne va pas et comment le corriger :</strong> ${d.problem.fix ?? 'La boutique n’a pas pu être lue. Testez la connexion pour obtenir un diagnostic.'}</p><p><a href="${base}/connexion">Vérifier ou changer la connexion</a></p></div>` : ''}
  ${d.paused && d.pausedReason && d.state !== 'paused' ? html`<p><strong>Synchronisation suspendue :</strong> ${d.pausedReason}</p>` : ''}
  ${d.latestRun ? runLine(d.latestRun) : html`<p class="muted">Aucune synchronisation pour l’instant.</p>`}
  ${d.skippedItems.length
    ? html`<details class="skipped-details"><summary>${d.skippedItems.length} produit${d.skippedItems.length > 1 ? 's' : ''} laissé${d.skippedItems.length > 1 ? 's' : ''} de côté, et pourquoi</summary><ul class="skipped">${d.skippedItems.map((s) => html`<li>${s.externalId ? html`<span class="muted">Produit ${s.externalId} :</span> ` : ''}${s.reason}</li>`)}</ul></details>`
    : ''}
  ${d.heldDeletions
    ? html`<div class="alert" role="status"><p>Votre boutique ne liste plus ${d.heldDeletions.count !== null ? formatCount(d.heldDeletions.count) : 'de nombreux'} produits d’un coup. Par précaution, ils restent affichés jusqu’à ce que vous confirmiez.</p></div>
  ${postButton(`${base}/confirmer-suppressions`, csrf, 'Confirmer le retrait de ces produits', 'button--danger')}`
    : ''}
  <div class="actions-row">
    ${shop.status === 'approved' ? postButton(`${base}/synchroniser`, csrf, 'Synchroniser maintenant', '') : ''}
    ${d.paused ? postButton(`${base}/reprendre`, csrf, 'Reprendre les synchronisations') : postButton(`${base}/pause`, csrf, 'Mettre en pause')}
  </div>
</section>`;
}

function deliveryText(value: unknown): string | null {
  const d = value as { communes?: string[]; fee?: number; delay?: string } | null;
  if (!d?.communes?.length) return null;
  return `${d.communes.join(', ')} · ${d.fee ? formatPrice(d.fee) : 'gratuite'}${d.delay ? ` · ${d.delay}` : ''}`;
}

function profileSection(shop: MerchantShopView): SafeHtml {
  const hours = parseOpeningHours(shop.openingHours);
  const delivery = deliveryText(shop.localDelivery);
  return html`<section class="panel" aria-labelledby="titre-fiche">
  <h2 id="titre-fiche">Fiche du commerce</h2>
  <dl class="facts">
    <dt>Adresse</dt><dd>${shop.address}, ${shop.postalCode} ${shop.commune}</dd>
    <dt>SIRET</dt><dd>${shop.siret ?? '—'}</dd>
    ${shop.phone ? html`<dt>Téléphone</dt><dd>${shop.phone}</dd>` : ''}
    ${shop.website ? html`<dt>Site</dt><dd><a href="${shop.website}" rel="nofollow noopener">${shop.website}</a></dd>` : ''}
    <dt>Horaires</dt><dd>${hours ? html`<ul class="plain">${DAYS.filter((d) => hours[d]).map((d) => html`<li>${d} : ${formatRanges(hours[d])}</li>`)}</ul>` : 'non renseignés'}</dd>
    <dt>Retrait</dt><dd>${shop.pickupPolicy ?? '—'}</dd>
    <dt>Livraison</dt><dd>${delivery ?? 'non'}</dd>
  </dl>
  <p><a class="button button--secondary" href="${SPACE}/boutiques/${shop.id}/fiche">Modifier la fiche</a></p>
</section>`;
}

function connectionSection(shop: MerchantShopView, csrf: string): SafeHtml {
  const base = `${SPACE}/boutiques/${shop.id}`;
  return html`<section class="panel" aria-labelledby="titre-connexion">
  <h2 id="titre-connexion">Catalogue connecté</h2>
  <p>${platformName(shop.platform)} · <span class="url">${shop.sourceUrl}</span>${shop.hasCredentials ? ' · avec identifiants en lecture seule (jamais affichés)' : ' · sans identifiants'}</p>
  <p><a class="button button--secondary" href="${base}/connexion">Tester ou changer la connexion</a></p>
  <form method="post" action="${base}/deconnecter" class="disconnect-form">
    ${csrfInput(csrf)}
    <div class="field field--check"><input type="checkbox" id="confirmer-deconnexion" name="confirmer" value="oui" required><label for="confirmer-deconnexion">Je comprends : les identifiants sont effacés et mes produits quittent la rue.</label></div>
    <button type="submit" class="button button--danger">Déconnecter la boutique</button>
  </form>
</section>`;
}

export function shopDashboardPage(o: { shop: MerchantShopView; dashboard: DashboardView; csrf: string; notice?: Notice }): SafeHtml {
  const { shop, dashboard: d } = o;
  return html`<div class="wrap page shop-space" data-shop-status="${shop.status}">
  <nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="${SPACE}">Mes boutiques</a></li><li><a href="${SPACE}/boutiques/${shop.id}" aria-current="page">${shop.name}</a></li></ol></nav>
  <h1>${shop.name}</h1>
  ${noticeBlock(o.notice)}
  ${statusBlock(shop.status, shop.statusReason)}
  ${shop.status === 'approved' ? html`<p><a href="/boutiques/${shop.slug}">Voir la page publique de la boutique</a></p>` : ''}
  <div class="shop-grid">
    ${syncSection(shop, d, o.csrf)}
    <section class="panel" aria-labelledby="titre-clics">
      <h2 id="titre-clics">Visites envoyées vers votre site</h2>
      ${clicksChart(d.clicks)}
    </section>
    ${connectionSection(shop, o.csrf)}
    ${profileSection(shop)}
  </div>
</div>`;
}
