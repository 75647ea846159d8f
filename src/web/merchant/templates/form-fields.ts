import { html, HtmlValue, SafeHtml } from '../../templates/html';

/** Field name → its error in French; `_form` for what belongs to no single field. */
export type FieldErrors = Record<string, string>;

export interface FieldOptions {
  name: string;
  label: string;
  /** Defaults to the name: ids are the field names, so error summaries link to them. */
  id?: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'tel' | 'time' | 'number' | 'search';
  value?: string | null;
  hint?: HtmlValue;
  error?: string;
  required?: boolean;
  autocomplete?: string;
  /** Set on the first field in error, so the browser puts the cursor there (no script needed). */
  autofocus?: boolean;
  inputmode?: string;
  maxlength?: number;
  multiline?: boolean;
  placeholder?: string;
  className?: string;
}

export function fieldId(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** "champ obligatoire." → "Champ obligatoire." (schema messages are written to follow a field name). */
export function sentence(message: string): string {
  return message ? message[0].toUpperCase() + message.slice(1) : message;
}

/** A labelled input whose hint and error are tied to it by aria-describedby. */
export function field(o: FieldOptions): SafeHtml {
  const id = o.id ?? fieldId(o.name);
  const hintId = o.hint ? `${id}-aide` : null;
  const errorId = o.error ? `${id}-erreur` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  const common = html` id="${id}" name="${o.name}"${o.required ? html` required` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${o.error ? html` aria-invalid="true"` : ''}${o.autofocus ? html` autofocus` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${o.placeholder ? html` placeholder="${o.placeholder}"` : ''}`;
  const control = o.multiline
    ? html`<textarea${common} rows="4">${o.value ?? ''}</textarea>`
    : html`<input${common} type="${o.type ?? 'text'}"${o.inputmode ? html` inputmode="${o.inputmode}"` : ''} value="${o.type === 'password' ? '' : (o.value ?? '')}">`;
  return html`<div class="field${o.error ? ' field--error' : ''}${o.className ? ` ${o.className}` : ''}">
  <label for="${id}">${o.label}${o.required ? '' : html` <span class="optional">(facultatif)</span>`}</label>
  ${o.hint ? html`<p class="hint" id="${hintId}">${o.hint}</p>` : ''}
  ${o.error ? html`<p class="field-error" id="${errorId}"><span class="visually-hidden">Erreur : </span>${sentence(o.error)}</p>` : ''}
  ${control}
</div>`;
}

/** The list of problems at the top of a form, each linking to its field. */
export function errorSummary(errors: FieldErrors, labels: Record<string, string>, anchors: Record<string, string> = {}): SafeHtml {
  const entries = Object.entries(errors);
  if (!entries.length) return html``;
  return html`<div class="alert alert--error error-summary" role="alert" aria-labelledby="titre-erreurs">
  <h2 id="titre-erreurs">${entries.length > 1 ? `${entries.length} points à corriger` : 'Un point à corriger'}</h2>
  <ul>
    ${entries.map(([name, message]) =>
      name === '_form' || !labels[name]
        ? html`<li>${sentence(message)}</li>`
        : html`<li><a href="#${anchors[name] ?? fieldId(name)}">${labels[name]} : ${message}</a></li>`,
    )}
  </ul>
</div>`;
}

export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A one-button form (POST with the session's CSRF token). */
export function postButton(action: string, csrf: string, label: string, variant = 'button--secondary', attrs: HtmlValue = ''): SafeHtml {
  return html`<form method="post" action="${action}" class="inline-form">${csrfInput(csrf)}<button type="submit" class="button ${variant}"${attrs}>${label}</button></form>`;
}

export interface Notice {
  kind: 'ok' | 'error' | 'info';
  text: string;
}

export function noticeBlock(notice: Notice | undefined): HtmlValue {
  if (!notice) return '';
  return html`<div class="alert alert--${notice.kind}" role="${notice.kind === 'error' ? 'alert' : 'status'}"><p>${notice.text}</p></div>`;
}

/** The first field in error, in the order the form shows them. */
export function firstError(errors: FieldErrors, order: readonly string[]): string | undefined {
  return order.find((name) => errors[name]);
}
