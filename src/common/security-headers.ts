import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** helmet with the site's Content-Security-Policy: pages load nothing but their own files and images. */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:', 'http:'],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * The headers a middleware sets, recorded once. helmet's headers depend on its options
 * only (no nonces), so they can be replayed on routes served outside Express.
 */
export function recordHeaders(middleware: (req: IncomingMessage, res: ServerResponse, next: (e?: unknown) => void) => void): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  let failure: unknown;
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (e) => (failure = e));
  if (failure) throw failure;
  return headers;
}
