import * as cheerio from 'cheerio/slim';

/** Block-level tags whose boundaries become line breaks in plain text. */
const BLOCK_TAGS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'section', 'article', 'blockquote']);
/** Elements whose content is never text for a reader. */
const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'iframe', 'object', 'embed', 'template', 'head']);

/**
 * Merchant HTML → plain text: tags removed (scripts and styles with their content),
 * entities decoded, whitespace collapsed, bounded length. Parsed by cheerio (with its
 * htmlparser2 backend, which is several times faster than parse5 on the many small
 * fragments of a catalogue) rather than regexes, so broken or hostile markup cannot
 * leak through.
 */
export function htmlToText(html: unknown, maxLength = Infinity): string {
  if (typeof html !== 'string' || html.length === 0) return '';
  // Most feed descriptions are plain text: no markup, no entities, nothing to parse.
  if (!/[<&]/.test(html)) return truncate(collapse(html), maxLength);
  // The wrapper makes cheerio take any fragment as markup (not as a selector); nodes after
  // a stray closing tag still come back as siblings.
  const nodes = fragments()(`<div>${html}</div>`).toArray() as unknown as DomNode[];
  const parts: string[] = [];
  appendText({ type: 'root', children: nodes }, parts);
  return truncate(collapse(parts.join('')), maxLength);
}

/**
 * One loaded cheerio for every fragment: `cheerio.load` defines a new class on each
 * call, and a catalogue of descriptions would fill V8's old generation with them.
 */
let loaded: cheerio.CheerioAPI | undefined;
function fragments(): cheerio.CheerioAPI {
  return (loaded ??= cheerio.load('', { xml: { xmlMode: false, decodeEntities: true } }, false));
}

interface DomNode {
  type: string;
  name?: string;
  data?: string;
  children?: DomNode[];
}

function appendText(node: DomNode, parts: string[]): void {
  for (const child of node.children ?? []) {
    if (child.type === 'text') parts.push(child.data ?? '');
    else if (child.type === 'tag' || child.type === 'script' || child.type === 'style') {
      const name = (child.name ?? '').toLowerCase();
      if (SKIPPED_TAGS.has(name)) continue;
      const block = BLOCK_TAGS.has(name);
      if (block) parts.push('\n');
      appendText(child, parts);
      if (block) parts.push('\n');
    }
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_CHARS = new RegExp(CONTROL_CHAR.source, 'g');
const WIDE_SPACE = /[\t\u00A0]| {2}/;
const SPACE_AT_BREAK = / \n|\n /;

/**
 * Control characters dropped, runs of spaces made one, no space around line breaks, at
 * most one empty line. Each step first checks that it has something to do: most texts
 * need none of them, and this runs on every description of every sync.
 */
function collapse(raw: string): string {
  let text = raw;
  if (CONTROL_CHAR.test(text)) text = text.replace(CONTROL_CHARS, '');
  if (WIDE_SPACE.test(text)) text = text.replace(/[ \t\u00A0]+/g, ' ');
  if (SPACE_AT_BREAK.test(text)) text = text.replace(/ *\n */g, '\n');
  if (text.includes('\n\n\n')) text = text.replace(/\n{3,}/g, '\n\n');
  return text.trim();
}

/** Single-line text (titles, brands, categories): HTML removed, whitespace collapsed. */
export function cleanLine(value: unknown, maxLength = Infinity): string {
  if (value === null || value === undefined) return '';
  const raw = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  const text = /[<&]/.test(raw) ? htmlToText(raw) : raw;
  return truncate(text.replace(/\s+/g, ' ').trim(), maxLength);
}

export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > maxLength * 0.8 ? cut.slice(0, lastSpace) : cut).trimEnd() + '…';
}

/**
 * Reads a price written the way French shops and feeds write them: "12.50", "12,50",
 * "12,50 €", "12.50 EUR", "1 234,50", "1.234,50", or a number. Returns undefined for
 * anything that is not a finite, non-negative amount.
 */
export function parsePrice(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? round2(value) : undefined;
  if (typeof value !== 'string') return undefined;
  let s = value.replace(/[\s\u00A0\u202F]/g, '').replace(/(EUR|€|eur|euros?)$/i, '').replace(/^(EUR|€)/i, '');
  if (!/^\d[\d.,]*$/.test(s)) return undefined;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // The right-most separator is the decimal one; the other groups thousands.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    s = /,\d{3}$/.test(s) && s.indexOf(',') !== lastComma ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if ((s.match(/\./g) ?? []).length > 1) {
    s = s.replace(/\./g, '');
  }
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? round2(n) : undefined;
}

/** Minor units (cents) → euros, e.g. WooCommerce Store API prices. */
export function fromMinorUnits(value: unknown, minorUnit: number): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN;
  if (!Number.isFinite(n) || n < 0 || !Number.isInteger(minorUnit) || minorUnit < 0 || minorUnit > 6) return undefined;
  return round2(n / 10 ** minorUnit);
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
