import { parsePrice } from '../core/text';
import { publicUrl } from '../core/url';

/** A feed price: "12.50 EUR", "12,50 €", "EUR 12.50", "12,50", "1 234,50". */
export function parseFeedPrice(raw: string | undefined): { amount?: number; currency?: string } {
  const s = (raw ?? '').trim();
  if (!s) return {};
  const code = s.match(/^([A-Za-z]{3})\s*(?=\d)|(?<=\d)\s*([A-Za-z]{3})$/);
  const symbol = s.match(/[$£¥]/)?.[0];
  const currency = code ? (code[1] ?? code[2]).toUpperCase() : symbol ? SYMBOLS[symbol] : undefined;
  const amount = parsePrice((code ? s.replace(code[0], '') : s).replace(/[$£¥]/g, ''));
  return { amount, currency };
}

/** Other currencies' signs, so that a foreign price is refused by name rather than as unreadable. */
const SYMBOLS: Record<string, string> = { $: 'USD', '£': 'GBP', '¥': 'JPY' };

/**
 * Availability as the Google specification writes it (in_stock, out_of_stock, preorder,
 * backorder, with spaces or underscores) or as French merchants do. Preorder and
 * backorder are not "in stock": a resident cannot walk in and buy the product today.
 * Undefined when the value says nothing we recognise.
 */
export function parseAvailability(raw: string | undefined): boolean | undefined {
  const s = (raw ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
  if (!s) return undefined;
  if (/^(out of stock|rupture( de stock)?|epuise|indisponible|hors stock|sold out|discontinued|non|no|false|0)$/.test(s)) return false;
  if (/^(preorder|pre order|precommande|backorder|back order|sur commande|en reapprovisionnement)$/.test(s)) return false;
  if (/^(in stock|en stock|disponible|limited availability|stock limite|oui|yes|true|1|available)$/.test(s)) return true;
  return undefined;
}

/** A non-negative whole quantity, or undefined. */
export function parseQuantity(raw: string | undefined): number | undefined {
  const s = (raw ?? '').trim();
  if (!/^-?\d+([.,]0+)?$/.test(s)) return undefined;
  return Math.max(0, Math.trunc(Number(s.replace(',', '.'))));
}

/** "Épicerie > Thés > Thés verts" → ["Épicerie", "Thés", "Thés verts"]; Google's numeric ids say nothing to a resident. */
export function parseCategory(raw: string | undefined): string[] {
  const s = (raw ?? '').trim();
  if (!s || /^\d+$/.test(s)) return [];
  return s
    .split('>')
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Main image first, then the additional ones (comma-separated in text feeds), resolved against the feed's address. */
export function parseImages(main: string | undefined, additional: string | undefined, base?: string): string[] {
  const extra = (additional ?? '').split(/,(?=\s*(?:https?:)?\/)/);
  return [main ?? '', ...extra].map((u) => publicUrl(u.trim(), base)).filter((u): u is string => !!u);
}

/** ISO dates pass through; "31/12/2025" (French spreadsheets) becomes ISO. */
export function parseUpdated(raw: string | undefined): string | undefined {
  const s = (raw ?? '').trim();
  if (!s) return undefined;
  const fr = s.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?/);
  if (fr) {
    const [, d, m, y, hh = '0', mm = '0'] = fr;
    return new Date(Date.UTC(+y, +m - 1, +d, +hh, +mm)).toISOString();
  }
  return Number.isNaN(new Date(s).getTime()) ? undefined : s;
}

/** Whether a sale announced with a "start/end" effective date applies at `now`; no date means it applies. */
export function saleApplies(range: string | undefined, now: Date): boolean {
  const s = (range ?? '').trim();
  if (!s) return true;
  const [start, end] = s.split('/').map((p) => (p ? new Date(p.trim()).getTime() : NaN));
  const t = now.getTime();
  if (Number.isFinite(start) && t < start) return false;
  if (Number.isFinite(end) && t > end) return false;
  return true;
}
