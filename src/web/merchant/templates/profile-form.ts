import { WEEKDAYS } from '../../../merchants/opening-hours.schema';
import { html, HtmlValue, SafeHtml } from '../../templates/html';
import { DELIVERY_FIELDS, hourField, PROFILE_FIELD_ORDER, ProfileValues, RANGES_PER_DAY } from '../profile-form.input';
import { csrfInput, errorSummary, field, FieldErrors, firstError, sentence } from './form-fields';

const LABELS: Record<string, string> = {
  name: 'Nom de la boutique',
  siret: 'SIRET',
  address: 'Adresse (numéro et rue)',
  postalCode: 'Code postal',
  commune: 'Commune',
  phone: 'Téléphone',
  website: 'Site web',
  description: 'Présentation courte',
  pickupPolicy: 'Retrait en boutique',
  deliveryCommunes: 'Communes livrées',
  deliveryFee: 'Frais de livraison',
  deliveryDelay: 'Délai de livraison',
};

const capital = (day: string) => day[0].toUpperCase() + day.slice(1);

/** Summary labels of the hour fields: "Horaires du lundi". */
function summaryLabels(): Record<string, string> {
  const labels = { ...LABELS };
  for (const day of WEEKDAYS) for (let i = 1; i <= RANGES_PER_DAY; i++) for (const edge of ['debut', 'fin'] as const) labels[hourField(day, i, edge)] = `Horaires du ${day}`;
  return labels;
}

function dayRow(day: string, v: ProfileValues, errors: FieldErrors, first: string | undefined): SafeHtml {
  return html`<fieldset class="day" data-day="${day}">
  <legend>${capital(day)}</legend>
  ${Array.from({ length: RANGES_PER_DAY }, (_, k) => {
    const i = k + 1;
    const start = hourField(day, i, 'debut');
    const end = hourField(day, i, 'fin');
    const error = errors[start] ?? errors[end];
    const errorId = `${day}-${i}-erreur`;
    const input = (name: string, label: string) =>
      html`<span class="time-field"><label for="${name}">${label}<span class="visually-hidden"> (${day})</span></label><input id="${name}" name="${name}" type="time" step="300" value="${v[name] ?? ''}"${error ? html` aria-invalid="true" aria-describedby="${errorId}"` : ''}${first === name ? html` autofocus` : ''}></span>`;
    return html`<div class="range">
      ${input(start, i === 1 ? 'Ouvre à' : 'Rouvre à')}
      ${input(end, 'Ferme à')}
      ${error ? html`<p class="field-error" id="${errorId}"><span class="visually-hidden">Erreur : </span>${sentence(error)}</p>` : ''}
    </div>`;
  })}
</fieldset>`;
}

export interface ProfileFormOptions {
  action: string;
  csrf: string;
  values: ProfileValues;
  errors: FieldErrors;
  submitLabel: string;
  /** Hidden fields carried along (the wizard's detected platform and address). */
  hidden?: Record<string, string>;
  cancel?: { href: string; label: string };
}

/** The shop's profile: identity, address in the territory, hours with breaks, pickup and delivery. */
export function profileForm(o: ProfileFormOptions): SafeHtml {
  const v = o.values;
  const e = o.errors;
  const first = firstError(e, PROFILE_FIELD_ORDER);
  const f = (name: string, extra: Partial<Parameters<typeof field>[0]> = {}) =>
    field({ name, label: LABELS[name], value: v[name], error: e[name], autofocus: first === name, ...extra });
  const anchors: Record<string, string> = {};
  for (const day of WEEKDAYS) for (let i = 1; i <= RANGES_PER_DAY; i++) for (const edge of ['debut', 'fin'] as const) anchors[hourField(day, i, edge)] = hourField(day, i, edge);
  const deliveryError = DELIVERY_FIELDS.some((n) => e[n]);
  return html`${errorSummary(e, summaryLabels(), anchors)}
<form class="profile-form" method="post" action="${o.action}" novalidate>
  ${csrfInput(o.csrf)}
  ${Object.entries(o.hidden ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
  <fieldset class="panel">
    <legend>Votre commerce</legend>
    ${f('name', { required: true, maxlength: 120, autocomplete: 'organization' })}
    ${f('siret', { required: true, inputmode: 'numeric', hint: '14 chiffres, sur votre extrait Kbis ou votre avis de situation INSEE.' })}
    ${f('address', { required: true, maxlength: 200, autocomplete: 'address-line1', hint: 'Le magasin où les habitants peuvent venir : Vitrines est réservé aux commerces ayant une adresse dans la Métropole de Lyon.' })}
    <div class="field-row">
      ${f('postalCode', { required: true, inputmode: 'numeric', autocomplete: 'postal-code', className: 'field--short' })}
      ${f('commune', { required: true, maxlength: 100, hint: 'Par exemple Lyon, Villeurbanne, Caluire-et-Cuire.' })}
    </div>
    ${f('phone', { type: 'tel', autocomplete: 'tel', hint: 'Par exemple 04 78 12 34 56.' })}
    ${f('website', { type: 'url', autocomplete: 'url', hint: 'Adresse complète, par exemple https://www.ma-boutique.fr' })}
    ${f('description', { multiline: true, maxlength: 500, hint: '500 caractères au plus, en texte simple.' })}
  </fieldset>
  <fieldset class="panel hours-form" aria-describedby="horaires-aide">
    <legend>Horaires d'ouverture</legend>
    <p class="hint" id="horaires-aide">Heure de Paris. Laissez un jour vide s'il est fermé. Pour une pause à midi, remplissez les deux plages (par exemple 9 h – 12 h 30, puis 14 h – 19 h).</p>
    <p class="js-only" hidden><button type="button" class="button button--secondary button--small" data-copy-hours>Recopier les horaires du lundi sur les jours du mardi au samedi</button> <span id="copie-statut" class="muted" role="status"></span></p>
    ${WEEKDAYS.map((day) => dayRow(day, v, e, first))}
  </fieldset>
  <fieldset class="panel">
    <legend>Retrait et livraison</legend>
    ${f('pickupPolicy', { maxlength: 300, hint: 'Par exemple « Retrait en boutique sous 2 h, sur présentation de la commande ».' })}
    <div class="field field--check">
      <input type="checkbox" id="deliveryEnabled" name="deliveryEnabled" value="oui"${v.deliveryEnabled || deliveryError ? html` checked` : ''} aria-controls="livraison">
      <label for="deliveryEnabled">Je livre à domicile dans la Métropole</label>
    </div>
    <div id="livraison" class="delivery-fields" data-delivery>
      ${f('deliveryCommunes', { hint: 'Séparées par des virgules, par exemple Villeurbanne, Lyon, Vaulx-en-Velin.' })}
      <div class="field-row">
        ${f('deliveryFee', { inputmode: 'decimal', hint: 'En euros ; 0 si gratuite.', className: 'field--short' })}
        ${f('deliveryDelay', { maxlength: 100, hint: 'Par exemple « le jour même » ou « sous 48 h ».' })}
      </div>
    </div>
  </fieldset>
  <div class="form-actions">
    <button type="submit" class="button">${o.submitLabel}</button>
    ${o.cancel ? html`<a class="button button--secondary" href="${o.cancel.href}">${o.cancel.label}</a>` : ''}
  </div>
</form>`;
}

export function pageHead(title: string, lead?: HtmlValue, steps?: { current: number }): SafeHtml {
  const names = ['Adresse de la boutique', 'Fiche du commerce', 'Connexion du catalogue'];
  return html`${steps ? html`<ol class="steps" aria-label="Étapes">${names.map((n, i) => html`<li${i + 1 === steps.current ? html` aria-current="step"` : ''} class="${i + 1 < steps.current ? 'done' : ''}"><span class="step-num">${i + 1}</span> ${n}</li>`)}</ol>` : ''}
<h1>${title}</h1>
${lead ? html`<p class="lead">${lead}</p>` : ''}`;
}
