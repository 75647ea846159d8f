import { createHash } from 'node:crypto';
import { ConnectorError } from './errors';

/**
 * The four ways shops page their catalogues, written once. Each paginator is an async
 * generator: the connector gives it a `fetchPage` function and consumes pages one at a
 * time, so a catalogue is never held whole. Every paginator refuses to loop — a
 * next-page token already visited, a page identical to the previous one, or more pages
 * than the source claims end the read with `pagination_loop` instead of running forever
 * (a broken cache plugin that serves page 1 for every page is common).
 */

/** Anything a fetchPage returns: the page's items, plus whatever the connector needs. */
export interface PageLike {
  items: readonly unknown[];
}

interface GuardOptions<P> {
  /** Identifies a page's content; default: a hash of its items. Pass ids for cheaper checks. */
  fingerprint?: (page: P) => string;
  /** Hard ceiling for sources that claim nothing. */
  maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 10_000;

/** Tracks one read and throws `pagination_loop` at the first sign of a cycle. */
class LoopGuard<P extends PageLike> {
  private pages = 0;
  private previousFingerprint: string | undefined;
  private readonly seenTokens = new Set<string>();

  constructor(
    private readonly options: GuardOptions<P>,
    private readonly what: string,
  ) {}

  /** Call before fetching the page at `token`. */
  visit(token: string | number): void {
    const key = String(token);
    if (this.seenTokens.has(key)) throw loop(`the source sent back ${this.what} ${key}, already read`);
    this.seenTokens.add(key);
    if (++this.pages > (this.options.maxPages ?? DEFAULT_MAX_PAGES)) {
      throw loop(`more than ${this.options.maxPages ?? DEFAULT_MAX_PAGES} pages`);
    }
  }

  /** Call after fetching a page. `claimedPages` is what the source says it holds, if it says. */
  check(page: P, claimedPages?: number): void {
    const fp = (this.options.fingerprint ?? defaultFingerprint)(page);
    if (page.items.length > 0 && fp === this.previousFingerprint) throw loop(`page ${this.pages} repeats page ${this.pages - 1}`);
    this.previousFingerprint = fp;
    if (claimedPages !== undefined && Number.isFinite(claimedPages) && this.pages > Math.max(1, claimedPages)) {
      throw loop(`page ${this.pages} read although the source claims ${claimedPages} pages`);
    }
  }
}

function loop(detail: string): ConnectorError {
  return new ConnectorError('pagination_loop', `Pagination loop: ${detail}`);
}

function defaultFingerprint(page: PageLike): string {
  return createHash('sha1').update(JSON.stringify(page.items)).digest('hex');
}

// ---------------------------------------------------------------------------------------

export interface CursorPage extends PageLike {
  /** The next page's token; absent, null or empty at the end. */
  next?: string | null;
  /** Pages the source says it holds, when it says (checked against pages read). */
  totalPages?: number;
}

/** Opaque cursors (GraphQL endCursor, since_id, "next" tokens). The first call gets `start` (default undefined). */
export async function* cursorPages<P extends CursorPage>(
  options: GuardOptions<P> & { start?: string; fetchPage: (cursor: string | undefined) => Promise<P> },
): AsyncGenerator<P, void, void> {
  const guard = new LoopGuard<P>(options, 'cursor');
  let cursor = options.start;
  guard.visit(cursor ?? '(first page)');
  for (;;) {
    const page = await options.fetchPage(cursor);
    guard.check(page, page.totalPages);
    yield page;
    if (!page.next) return;
    if (page.next === cursor) throw loop(`the next cursor equals the current one (${cursor})`);
    cursor = page.next;
    guard.visit(cursor);
  }
}

// ---------------------------------------------------------------------------------------

export interface LinkHeaderPage extends PageLike {
  /** The raw `Link` response header of this page. */
  link?: string;
  totalPages?: number;
}

/** RFC 8288 (ex-5988) `Link: <url>; rel="next"` paging (Shopify, WordPress). */
export async function* linkHeaderPages<P extends LinkHeaderPage>(
  options: GuardOptions<P> & { firstUrl: string; fetchPage: (url: string) => Promise<P> },
): AsyncGenerator<P, void, void> {
  const guard = new LoopGuard<P>(options, 'next link');
  let url = options.firstUrl;
  guard.visit(url);
  for (;;) {
    const page = await options.fetchPage(url);
    guard.check(page, page.totalPages);
    yield page;
    const next = nextLink(page.link, url);
    if (!next) return;
    if (next === url) throw loop(`the next link equals the current page (${url})`);
    url = next;
    guard.visit(url);
  }
}

/** rel → absolute URL for every link in a Link header. Tolerates several rels per link. */
export function parseLinkHeader(value: string | undefined, base?: string): Record<string, string> {
  const links: Record<string, string> = {};
  if (!value) return links;
  for (const match of value.matchAll(/<([^>]*)>((?:\s*;\s*[^;,=\s]+(?:\s*=\s*(?:"[^"]*"|[^;,]*))?)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2])?.[1];
    if (!rel) continue;
    let url: string;
    try {
      url = new URL(match[1], base).toString();
    } catch {
      continue;
    }
    for (const r of rel.trim().toLowerCase().split(/\s+/)) links[r] ??= url;
  }
  return links;
}

export function nextLink(value: string | undefined, base: string): string | undefined {
  return parseLinkHeader(value, base).next;
}

// ---------------------------------------------------------------------------------------

export interface NumberedPage extends PageLike {
  /** Pages the source claims (e.g. X-WP-TotalPages); the read stops after that one. */
  totalPages?: number;
}

/**
 * ?page=N paging. Ends on an empty page, after the last page the source claims, or on a
 * short page when `pageSize` is given (set it only if the server honours that size).
 */
export async function* pageNumberPages<P extends NumberedPage>(
  options: GuardOptions<P> & { firstPage?: number; pageSize?: number; fetchPage: (page: number) => Promise<P> },
): AsyncGenerator<P, void, void> {
  const guard = new LoopGuard<P>(options, 'page');
  const first = options.firstPage ?? 1;
  for (let n = first; ; n++) {
    guard.visit(n);
    const page = await options.fetchPage(n);
    if (page.items.length === 0) return;
    // Page numbers always advance, so a claim is a stop signal here, not a loop sign.
    guard.check(page);
    yield page;
    const lastClaimed = page.totalPages !== undefined ? first - 1 + page.totalPages : undefined;
    if (lastClaimed !== undefined && n >= lastClaimed) return;
    if (options.pageSize !== undefined && page.items.length < options.pageSize) return;
  }
}

// ---------------------------------------------------------------------------------------

export interface OffsetPage extends PageLike {
  /** Items the source claims in all; the read stops once the offset reaches it. */
  total?: number;
}

/**
 * offset/limit paging. The offset advances by the items actually received, so a server
 * that caps `limit` lower than asked loses nothing. Ends on an empty page, at the claimed
 * total, or on a short page (unless `shortPageEnds` is false).
 */
export async function* offsetPages<P extends OffsetPage>(
  options: GuardOptions<P> & { limit: number; start?: number; shortPageEnds?: boolean; fetchPage: (offset: number, limit: number) => Promise<P> },
): AsyncGenerator<P, void, void> {
  const guard = new LoopGuard<P>(options, 'offset');
  let offset = options.start ?? 0;
  for (;;) {
    guard.visit(offset);
    const page = await options.fetchPage(offset, options.limit);
    if (page.items.length === 0) return;
    guard.check(page);
    yield page;
    offset += page.items.length;
    if (page.total !== undefined && offset >= page.total) return;
    if ((options.shortPageEnds ?? true) && page.items.length < options.limit) return;
  }
}
