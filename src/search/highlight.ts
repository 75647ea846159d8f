/**
 * Meilisearch marks matches with these tags. They are control characters, which no
 * title holds (the connectors remove them; a title that does is shown unmarked), so
 * they survive HTML escaping and can be swapped for <mark> afterwards without ever
 * trusting the title's own markup. Being below U+0100, they also leave the engine's
 * answer a one-byte string whenever its text allows: V8 decodes and parses those
 * faster, and private-use characters made every answer a two-byte string.
 */
export const HIGHLIGHT_PRE = '\u0001';
export const HIGHLIGHT_POST = '\u0002';
const TAG = /[\u0001\u0002]/g;
const HAS_TAG = /[\u0001\u0002]/;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A title fragment safe to insert in a page: escaped text, matches in <mark>. */
export function highlightTitle(title: string, formatted: unknown): string {
  if (typeof formatted !== 'string' || HAS_TAG.test(title)) return escapeHtml(title.replace(TAG, ''));
  // Only balanced pairs come from the engine; anything else would be a stray character.
  return escapeHtml(formatted)
    .replace(/\u0001([^\u0001\u0002]*)\u0002/g, '<mark>$1</mark>')
    .replace(TAG, '');
}
