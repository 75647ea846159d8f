import { html, SafeHtml } from '../../templates/html';
import { SPACE } from '../merchant-page-session';
import { ProfileValues } from '../profile-form.input';
import { csrfInput, errorSummary, field, FieldErrors } from './form-fields';
import { pageHead, profileForm } from './profile-form';
import { platformName } from './shop-status';

/** What detection means for the merchant, per platform. */
const DETECTED: Record<string, string> = {
  shopify: 'Son catalogue public peut être lu sans identifiants ; l’application Vitrines, quand elle est proposée, donne aussi les stocks exacts.',
  woocommerce: 'Vous pourrez autoriser Vitrines en un clic, saisir des clés en lecture seule, ou laisser Vitrines lire le catalogue public sans clés.',
  prestashop: 'Vous créerez une clé de webservice en lecture seule : les cases à cocher vous seront indiquées une à une.',
  feed: 'Ce flux sera relu à chaque synchronisation.',
};

const CHOICES = ['shopify', 'woocommerce', 'prestashop', 'feed'] as const;

/** Step 1: paste the shop's address; when the platform is not recognised, choose it. */
export function addressStep(o: { csrf: string; url?: string; error?: string; unrecognised?: string }): SafeHtml {
  const errors: FieldErrors = o.error ? { url: o.error } : {};
  return html`<div class="wrap page narrow-wide">
  ${pageHead('Ajouter ma boutique', 'Collez l’adresse de votre boutique en ligne : Vitrines reconnaît sa plateforme et vous indique la suite.', { current: 1 })}
  ${errorSummary(errors, { url: 'Adresse de la boutique' })}
  <form class="panel form" method="post" action="${SPACE}/boutiques/nouvelle" novalidate>
    ${csrfInput(o.csrf)}
    ${field({ name: 'url', label: 'Adresse de la boutique', type: 'url', value: o.url, error: o.error, required: true, autofocus: true, autocomplete: 'url', hint: 'Par exemple https://www.ma-boutique.fr, ou l’adresse d’un flux produits (CSV ou XML).' })}
    ${o.unrecognised
      ? html`<div class="alert" role="status"><p>${o.unrecognised}</p></div>
    <fieldset class="choices">
      <legend>Votre plateforme</legend>
      ${CHOICES.map((p) => html`<div class="field field--check"><input type="radio" id="plateforme-${p}" name="plateforme" value="${p}"><label for="plateforme-${p}">${platformName(p)}</label></div>`)}
    </fieldset>`
      : ''}
    <button type="submit" class="button" data-busy="Détection en cours…">${o.unrecognised ? 'Continuer' : 'Détecter la plateforme'}</button>
  </form>
</div>`;
}

/** Step 2: what was detected, then the profile form (the shop is created pending approval). */
export function profileStep(o: { csrf: string; platform: string; url: string; detected: boolean; nextStep: string; values: ProfileValues; errors: FieldErrors }): SafeHtml {
  return html`<div class="wrap page narrow-wide">
  ${pageHead('La fiche de votre commerce', 'Ces informations apparaissent sur la page de votre boutique. L’équipe Vitrines vérifie l’adresse avant la mise en ligne.', { current: 2 })}
  <div class="panel detected" data-detected-platform="${o.platform}">
    <p><strong>${o.detected ? `Boutique ${platformName(o.platform)} détectée` : `Plateforme choisie : ${platformName(o.platform)}`}</strong> à l’adresse <span class="url">${o.url}</span>.</p>
    ${o.detected ? html`<p>${DETECTED[o.platform] ?? ''}</p>` : ''}
    <p class="muted">Étape suivante : ${o.nextStep}</p>
    <p><a href="${SPACE}/boutiques/nouvelle">Changer d’adresse</a></p>
  </div>
  ${profileForm({ action: `${SPACE}/boutiques/nouvelle/fiche`, csrf: o.csrf, values: o.values, errors: o.errors, submitLabel: 'Enregistrer la fiche et continuer', hidden: { plateforme: o.platform, adresse: o.url, detectee: o.detected ? '1' : '' } })}
</div>`;
}
