/**
 * Meilisearch marks matches with these tags. They are private-use characters, which no
 * title holds (and a title that does is shown unmarked), so they survive HTML escaping
 * and can be swapped for <mark> afterwards without ever trusting the title's own markup.
 */
export const HIGHLIGHT_PRE = '\uE000';
export const HIGHLIGHT_POST = '\uE001';
const TAG = /[\uE000\uE001]/g;
const HAS_TAG = /[\uE000\uE001]/;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A title fragment safe to insert in a page: escaped text, matches in <mark>. */
export function highlightTitle(title: string, formatted: unknown): string {
  if (typeof formatted !== 'string' || HAS_TAG.test(title)) return escapeHtml(title.replace(TAG, ''));
  // Only balanced pairs come from the engine; anything else would be a stray character.
  return escapeHtml(formatted)
    .replace(/\uE000([^\uE000\uE001]*)\uE001/g, '<mark>$1</mark>')
    .replace(TAG, '');
}
