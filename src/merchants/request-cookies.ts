import type { Request } from 'express';

/** Reads one cookie from the Cookie header (no cookie-parser middleware in this app). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for requests that may change state and so need a CSRF token. */
export function changesState(req: Request): boolean {
  return !SAFE_METHODS.has(req.method.toUpperCase());
}

/** The CSRF token sent with a request: the X-CSRF-Token header, or the `_csrf` form field. */
export function submittedCsrfToken(req: Request): unknown {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string' && header !== '') return header;
  const body = req.body as Record<string, unknown> | undefined;
  return body && typeof body === 'object' ? body._csrf : undefined;
}
