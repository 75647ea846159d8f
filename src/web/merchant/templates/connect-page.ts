import type { PermissionCheck } from '../../../connect/prestashop-wizard.service';
import { html, HtmlValue, SafeHtml } from '../../templates/html';
import { SPACE } from '../merchant-page-session';
import { csrfInput, field, noticeBlock, Notice } from './form-fields';
import { pageHead } from './profile-form';
import { previewBlock, SaveAction } from './connection-preview';
import type { ConnectionPreview } from '../../../connect/connection-preview';
import { platformName, statusBadge } from './shop-status';

export type ConnectPlatform = 'shopify' | 'woocommerce' | 'prestashop' | 'feed';

export interface ConnectPageView {
  shop: { id: string; name: string; platform: string; sourceUrl: string; status: string; hasCredentials: boolean };
  platform: ConnectPlatform;
  csrf: string;
  shopifyApp: boolean;
  /** True right after the profile was created: the page is step 3 of the wizard. */
  wizard: boolean;
  notice?: Notice;
  /** Why the last attempt did not connect, in French. */
  error?: string;
  preview?: { preview: ConnectionPreview; save: SaveAction | null };
  values: { url: string; consumerKey?: string; consumerSecret?: string; apiKey?: string; shopDomain?: string };
  prestashop?: { steps: string[]; permissions: Array<{ resource: string; label: string }>; check?: PermissionCheck[] };
}

function secretField(name: string, label: string, value: string | undefined, hint: HtmlValue): SafeHtml {
  // Kept after a test so "Enregistrer" can follow it; the page is never cached.
  return html`<div class="field">
  <label for="${name}">${label}</label>
  <p class="hint" id="${name}-aide">${hint}</p>
  <input id="${name}" name="${name}" type="password" autocomplete="off" spellcheck="false" value="${value ?? ''}" aria-describedby="${name}-aide">
</div>`;
}

function testButton(base: string, label = 'Tester la connexion'): SafeHtml {
  return html`<button type="submit" class="button button--secondary" formaction="${base}/tester" data-busy="Test en cours…">${label}</button>`;
}

function urlField(v: ConnectPageView, id: string, label = 'Adresse de la boutique'): SafeHtml {
  return field({ name: 'url', id, label, type: 'url', value: v.values.url, required: true });
}

function woocommerce(v: ConnectPageView, base: string): SafeHtml {
  return html`<section class="panel connect-option" aria-labelledby="titre-woo-autoriser">
  <h2 id="titre-woo-autoriser">Autoriser Vitrines <span class="tag">recommandé</span></h2>
  <p>Vous êtes envoyé sur votre site WooCommerce, qui vous demande d'accorder à Vitrines un accès <strong>en lecture seule</strong>. Les clés nous sont transmises directement : rien à recopier. Vous revenez ensuite ici.</p>
  <form method="post" action="${base}/woocommerce">${csrfInput(v.csrf)}<input type="hidden" name="url" value="${v.values.url}">
    <button type="submit" class="button">Autoriser Vitrines sur ma boutique</button>
  </form>
</section>
<section class="panel connect-option" aria-labelledby="titre-woo-public">
  <h2 id="titre-woo-public">Sans clés : le catalogue public</h2>
  <p>Vitrines lit les produits que votre boutique publie déjà pour tous les visiteurs (Store API de WooCommerce). Aucun identifiant n'est nécessaire ; les stocks sont indiqués « en stock » ou « rupture ».</p>
  <form method="post" action="${base}/woocommerce-sans-cles">
    ${csrfInput(v.csrf)}<input type="hidden" name="platform" value="woocommerce">
    ${urlField(v, 'url-public')}
    <div class="form-actions">${testButton(base)}<button type="submit" class="button" data-busy="Connexion…">Connecter sans clés</button></div>
  </form>
</section>
<section class="panel connect-option" aria-labelledby="titre-woo-cles">
  <h2 id="titre-woo-cles">Avec des clés API saisies à la main</h2>
  <p>Dans WooCommerce, ouvrez <strong>Réglages › Avancé › API REST</strong>, cliquez sur « Ajouter une clé », choisissez les droits <strong>Lecture</strong>, puis collez ici la clé et le secret.</p>
  <form method="post" action="${base}/woocommerce-cles">
    ${csrfInput(v.csrf)}<input type="hidden" name="platform" value="woocommerce">
    ${urlField(v, 'url-cles')}
    ${secretField('consumerKey', 'Clé client (consumer key)', v.values.consumerKey, 'Commence par ck_')}
    ${secretField('consumerSecret', 'Secret client (consumer secret)', v.values.consumerSecret, 'Commence par cs_')}
    <div class="form-actions">${testButton(base)}<button type="submit" class="button" data-busy="Vérification…">Enregistrer ces clés</button></div>
  </form>
</section>`;
}

function shopify(v: ConnectPageView, base: string): SafeHtml {
  const domain = field({ name: 'shop', id: 'shop-domain', label: 'Adresse Shopify de la boutique', value: v.values.shopDomain ?? v.values.url, required: true, hint: 'Celle en .myshopify.com, visible dans Shopify › Paramètres › Domaines.' });
  return html`${v.shopifyApp
    ? html`<section class="panel connect-option" aria-labelledby="titre-shopify-app">
  <h2 id="titre-shopify-app">Installer l'application Vitrines <span class="tag">recommandé</span></h2>
  <p>Shopify vous demandera d'autoriser la <strong>lecture seule</strong> de vos produits et de vos stocks. Vous revenez ensuite ici.</p>
  <form method="post" action="${base}/shopify">${csrfInput(v.csrf)}${domain}<button type="submit" class="button">Installer l'application Vitrines</button></form>
</section>`
    : ''}
<section class="panel connect-option" aria-labelledby="titre-shopify-public">
  <h2 id="titre-shopify-public">${v.shopifyApp ? 'Ou seulement le catalogue public' : 'Le catalogue public de votre boutique'}</h2>
  <p>Vitrines lit les produits que votre boutique Shopify publie pour tous les visiteurs : aucun identifiant n'est nécessaire${v.shopifyApp ? ', mais les stocks exacts ne sont pas connus' : ''}.</p>
  <form method="post" action="${base}/shopify-vitrine">
    ${csrfInput(v.csrf)}<input type="hidden" name="platform" value="shopify">
    ${urlField(v, 'url-shopify')}
    <div class="form-actions">${testButton(base)}<button type="submit" class="button" data-busy="Connexion…">Connecter le catalogue public</button></div>
  </form>
</section>`;
}

function prestashop(v: ConnectPageView, base: string): SafeHtml {
  const p = v.prestashop;
  return html`<section class="panel connect-option" aria-labelledby="titre-presta">
  <h2 id="titre-presta">Créer une clé de webservice en lecture seule</h2>
  ${p ? html`<ol class="wizard-steps">${p.steps.map((s) => html`<li>${s}</li>`)}</ol>
  <h3>Les cases à cocher, colonne « Voir (GET) » uniquement</h3>
  <ul class="permissions">${p.permissions.map((perm) => {
    const checked = p.check?.find((c) => c.resource === perm.resource);
    return html`<li data-permission="${perm.resource}"${checked ? html` data-granted="${checked.granted ? 'oui' : 'non'}"` : ''}>${checked ? html`<span class="perm perm--${checked.granted ? 'ok' : 'missing'}">${checked.granted ? 'Accordée' : 'Manquante'}</span> ` : ''}<code>${perm.resource}</code> — ${perm.label}</li>`;
  })}</ul>` : ''}
  <form method="post" action="${base}/prestashop">
    ${csrfInput(v.csrf)}<input type="hidden" name="platform" value="prestashop">
    ${urlField(v, 'url-presta')}
    ${secretField('apiKey', 'Clé du webservice', v.values.apiKey, '32 caractères, copiés depuis « Paramètres avancés › Webservice ».')}
    <div class="form-actions">${testButton(base)}<button type="submit" class="button" data-busy="Vérification…">Vérifier les droits et connecter</button></div>
  </form>
</section>`;
}

function feed(v: ConnectPageView, base: string): SafeHtml {
  return html`<section class="panel connect-option" aria-labelledby="titre-flux">
  <h2 id="titre-flux">Un flux produits (CSV, TSV ou XML)</h2>
  <p>L'adresse d'un fichier de produits publié par votre logiciel de caisse ou votre site (par exemple un flux Google Shopping). Il sera relu à chaque synchronisation.</p>
  <form method="post" action="${base}/flux">
    ${csrfInput(v.csrf)}<input type="hidden" name="platform" value="feed">
    ${urlField(v, 'url-flux', 'Adresse du flux')}
    <div class="form-actions">${testButton(base)}<button type="submit" class="button" data-busy="Connexion…">Connecter ce flux</button></div>
  </form>
</section>`;
}

const SECTIONS: Record<ConnectPlatform, (v: ConnectPageView, base: string) => SafeHtml> = { woocommerce, shopify, prestashop, feed };

export function connectPage(v: ConnectPageView): SafeHtml {
  const base = `${SPACE}/boutiques/${v.shop.id}/connexion`;
  const others = (Object.keys(SECTIONS) as ConnectPlatform[]).filter((p) => p !== v.platform);
  return html`<div class="wrap page connect-page">
  <nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="${SPACE}">Mes boutiques</a></li><li><a href="${SPACE}/boutiques/${v.shop.id}">${v.shop.name}</a></li><li><a href="${base}" aria-current="page">Connexion du catalogue</a></li></ol></nav>
  ${pageHead(`Connecter le catalogue de ${v.shop.name}`, html`Plateforme : <strong>${platformName(v.platform)}</strong>. Testez la connexion pour voir vos produits avant d'enregistrer.`, v.wizard ? { current: 3 } : undefined)}
  <p>${statusBadge(v.shop.status)}${v.shop.hasCredentials ? html` <span class="muted">· identifiants enregistrés (jamais affichés)</span>` : ''}</p>
  ${noticeBlock(v.notice)}
  ${v.error ? html`<div class="alert alert--error" id="diagnostic" role="alert" tabindex="-1" autofocus><p data-diagnosis>${v.error}</p></div>` : ''}
  ${v.preview ? previewBlock(v.preview.preview, v.csrf, v.preview.save) : ''}
  ${SECTIONS[v.platform](v, base)}
  <p class="muted">Ce n'est pas la bonne plateforme ? ${others.map((p, i) => html`${i ? ' · ' : ''}<a href="${base}?plateforme=${p}">${platformName(p)}</a>`)}</p>
  <p><a href="${SPACE}/boutiques/${v.shop.id}">Revenir à la page de la boutique sans rien changer</a></p>
</div>`;
}
