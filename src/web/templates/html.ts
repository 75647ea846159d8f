/**
 * The pages' template engine: a tagged template that escapes every interpolated value,
 * so merchant text (titles, descriptions, names) can never become markup. Only values
 * that are already SafeHtml — other `html` fragments, or `raw()` for markup the code
 * itself wrote — are inserted as they are. Arrays are joined; null, undefined and false
 * render nothing, so `${cond && html`…`}` reads naturally.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Markup written by this code base (never merchant or request text). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
