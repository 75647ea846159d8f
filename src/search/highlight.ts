/**
 * Highlighted titles are built here from the engine's match positions, never from markup
 * the engine returns: the title is escaped piece by piece and only our own <mark> tags
 * are added, so nothing a merchant wrote can reach a page unescaped.
 *
 * Positions rather than the engine's `_formatted` copy: that copy repeats every retrieved
 * field of every hit (descriptions included), about doubling each answer we must read.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** One match as the engine reports it (`_matchesPosition`): UTF-8 byte offsets into the field. */
export interface MatchPosition {
  start: number;
  length: number;
}

/** A title fragment safe to insert in a page: escaped text, matches in <mark>. */
export function highlightTitle(title: string, matches: unknown): string {
  const ranges = charRanges(title, matches);
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += `${escapeHtml(title.slice(at, start))}<mark>${escapeHtml(title.slice(start, end))}</mark>`;
    at = end;
  }
  return out + escapeHtml(title.slice(at));
}

/**
 * The matches as sorted, non-overlapping [start, end) ranges of string indexes. A match
 * that is malformed, out of bounds or not on character boundaries is left out.
 */
function charRanges(title: string, matches: unknown): Array<[number, number]> {
  if (!Array.isArray(matches) || matches.length === 0) return [];
  const toIndex = byteToIndex(title);
  const ranges: Array<[number, number]> = [];
  for (const m of matches as Array<Partial<MatchPosition>>) {
    if (!Number.isInteger(m?.start) || !Number.isInteger(m?.length) || m.length! <= 0) continue;
    const start = toIndex(m.start!);
    const end = toIndex(m.start! + m.length!);
    if (start !== undefined && end !== undefined && end > start) ranges.push([start, end]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

/** UTF-8 byte offset → string index, or undefined where no character starts. */
function byteToIndex(text: string): (byte: number) => number | undefined {
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
  if (ascii) return (byte) => (byte >= 0 && byte <= text.length ? byte : undefined);
  const offsets = new Map<number, number>();
  let byte = 0;
  for (let i = 0; i < text.length; ) {
    offsets.set(byte, i);
    const code = text.codePointAt(i)!;
    byte += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    i += code > 0xffff ? 2 : 1;
  }
  offsets.set(byte, text.length);
  return (b) => offsets.get(b);
}
