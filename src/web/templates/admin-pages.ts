import { formatCount, formatDateTime, formatDuration } from './format';
import { html, SafeHtml } from './html';
import { ChartRun, runChart } from './run-chart';

export function adminSignInPage(error?: string): SafeHtml {
  return html`<div class="wrap page narrow">
  <h1>Administration</h1>
  <p class="lead">Réservé à l'équipe de la Métropole. Saisissez le jeton d'administration.</p>
  ${error ? html`<div class="alert alert--error" role="alert"><p>${error}</p></div>` : ''}
  <form class="panel form" method="post" action="/admin/connexion">
    <div class="field">
      <label for="jeton">Jeton d'administration</label>
      <input id="jeton" name="token" type="password" autocomplete="current-password" required${error ? html` aria-invalid="true"` : ''}>
    </div>
    <button type="submit" class="button">Se connecter</button>
  </form>
</div>`;
}

export interface FleetRow {
  shopId: string;
  slug: string;
  name: string;
  platform: string;
  status: string;
  state: string;
  productCount: number;
  lastSuccessAt: Date | null;
  consecutiveFailures: number;
  nextSyncAt: Date;
  pausedReason: string | null;
  heldDeletions: number | null;
  lastRun: (ChartRun & { error: string | null; errorClass: string | null }) | null;
  runs: ChartRun[];
}

export type FleetSort = 'etat' | 'nom' | 'produits';

const STATES: Record<string, { label: string; rank: number }> = {
  failing: { label: 'En échec', rank: 0 },
  stale: { label: 'En retard', rank: 1 },
  'never-synced': { label: 'Jamais synchronisée', rank: 2 },
  healthy: { label: 'En forme', rank: 3 },
};

export function sortFleet(rows: FleetRow[], sort: FleetSort): FleetRow[] {
  const byName = (a: FleetRow, b: FleetRow) => a.name.localeCompare(b.name, 'fr');
  if (sort === 'nom') return [...rows].sort(byName);
  if (sort === 'produits') return [...rows].sort((a, b) => b.productCount - a.productCount || byName(a, b));
  return [...rows].sort((a, b) => (STATES[a.state]?.rank ?? 9) - (STATES[b.state]?.rank ?? 9) || byName(a, b));
}

export interface AdminView {
  csrf: string;
  fleet: FleetRow[];
  pending: FleetRow[];
  sort: FleetSort;
  notice?: { kind: 'ok' | 'error'; text: string };
}

function postButton(action: string, csrf: string, label: string, variant = 'button--secondary', extra: SafeHtml | string = ''): SafeHtml {
  return html`<form method="post" action="${action}" class="inline-form"><input type="hidden" name="_csrf" value="${csrf}">${extra}<button type="submit" class="button ${variant} button--small">${label}</button></form>`;
}

function runSummary(run: ChartRun): string {
  const ms = run.finishedAt ? new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime() : null;
  const outcome = run.status === 'failed' ? 'échec' : run.status === 'running' ? 'en cours' : 'réussie';
  return `${outcome}${ms !== null ? `, ${formatDuration(ms)}` : ''} · ${formatCount(run.fetched)} lus, ${formatCount(run.created + run.updated)} écrits, ${formatCount(run.deleted)} supprimés${run.skipped ? `, ${formatCount(run.skipped)} ignorés` : ''}`;
}

function stateBadge(state: string): SafeHtml {
  return html`<span class="state state--${state}">${STATES[state]?.label ?? state}</span>`;
}

function fleetRow(r: FleetRow, csrf: string): SafeHtml {
  const base = `/admin/boutiques/${r.shopId}`;
  const err = r.lastRun?.status === 'failed' ? r.lastRun.error : null;
  return html`<tr data-shop="${r.slug}" data-state="${r.state}">
  <th scope="row" data-label="Boutique"><span class="shop-name">${r.name}</span><span class="muted small">${r.platform} · ${r.status === 'approved' ? 'en ligne' : r.status}</span></th>
  <td data-label="État">${stateBadge(r.state)}${r.consecutiveFailures ? html`<span class="muted small">${r.consecutiveFailures} échec(s) de suite</span>` : ''}</td>
  <td data-label="Produits" class="num">${formatCount(r.productCount)}</td>
  <td data-label="Dernier succès">${formatDateTime(r.lastSuccessAt)}</td>
  <td data-label="Dernières synchronisations" class="chart">${runChart(r.runs)}${r.lastRun ? html`<span class="run-summary">Dernière : ${runSummary(r.lastRun)}</span>` : ''}</td>
  <td data-label="Actions" class="actions">
    ${postButton(`${base}/synchroniser`, csrf, 'Synchroniser maintenant')}
    ${r.heldDeletions ? postButton(`${base}/confirmer-suppressions`, csrf, `Confirmer ${r.heldDeletions} suppression(s)`, 'button--danger') : ''}
  </td>
</tr>
${err || r.pausedReason
  ? html`<tr class="error-row" data-error-for="${r.slug}"><td colspan="6"><details><summary>Détails de l'erreur${r.lastRun?.errorClass ? html` (${r.lastRun.errorClass})` : ''}</summary><p class="error-text">${err ?? ''}</p>${r.pausedReason ? html`<p><strong>Synchronisation suspendue :</strong> ${r.pausedReason}</p>` : ''}<p class="muted small">Dernier essai : ${formatDateTime(r.lastRun?.startedAt)} · prochain : ${formatDateTime(r.nextSyncAt)}</p></details></td></tr>`
  : ''}`;
}

function pendingItem(r: FleetRow, csrf: string): SafeHtml {
  const base = `/admin/boutiques/${r.shopId}`;
  return html`<li class="panel pending-item" data-pending="${r.slug}">
  <h3>${r.name}</h3>
  <p class="muted">${r.platform} · inscrite, en attente de validation</p>
  <div class="pending-actions">
    ${postButton(`${base}/approuver`, csrf, 'Approuver', '')}
    <form method="post" action="${base}/refuser" class="reject-form">
      <input type="hidden" name="_csrf" value="${csrf}">
      <div class="field"><label for="motif-${r.shopId}">Motif du refus</label><input id="motif-${r.shopId}" name="reason" type="text" maxlength="500" required></div>
      <button type="submit" class="button button--danger button--small">Refuser</button>
    </form>
  </div>
</li>`;
}

export function adminDashboard(v: AdminView): SafeHtml {
  const counts = v.fleet.reduce<Record<string, number>>((acc, r) => ((acc[r.state] = (acc[r.state] ?? 0) + 1), acc), {});
  const sortLink = (s: FleetSort, label: string) => html`<a href="/admin?tri=${s}"${v.sort === s ? html` aria-current="true"` : ''}>${label}</a>`;
  return html`<div class="wrap page admin">
  <div class="admin-head">
    <h1>Administration</h1>
    ${postButton('/admin/deconnexion', v.csrf, 'Se déconnecter')}
  </div>
  ${v.notice ? html`<div class="alert alert--${v.notice.kind}" role="${v.notice.kind === 'error' ? 'alert' : 'status'}"><p>${v.notice.text}</p></div>` : ''}
  <section aria-labelledby="titre-attente">
    <h2 id="titre-attente">Boutiques à valider <span class="count">(${v.pending.length})</span></h2>
    ${v.pending.length ? html`<ul class="pending-list">${v.pending.map((r) => pendingItem(r, v.csrf))}</ul>` : html`<p class="muted">Aucune boutique en attente.</p>`}
  </section>
  <section aria-labelledby="titre-flotte">
    <h2 id="titre-flotte">Santé des synchronisations</h2>
    <ul class="summary">
      ${Object.keys(STATES).map((s) => html`<li>${stateBadge(s)} <strong>${counts[s] ?? 0}</strong></li>`)}
    </ul>
    <p class="sort-links">Trier : ${sortLink('etat', 'par état')} · ${sortLink('nom', 'par nom')} · ${sortLink('produits', 'par nombre de produits')}</p>
    <div class="table-wrap">
      <table class="fleet">
        <caption class="visually-hidden">Une ligne par boutique : état, produits, dernières synchronisations</caption>
        <thead><tr><th scope="col">Boutique</th><th scope="col">État</th><th scope="col" class="num">Produits</th><th scope="col">Dernier succès</th><th scope="col">Dernières synchronisations</th><th scope="col">Actions</th></tr></thead>
        <tbody>${v.fleet.map((r) => fleetRow(r, v.csrf))}</tbody>
      </table>
    </div>
  </section>
</div>`;
}
