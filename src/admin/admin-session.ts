import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const ADMIN_COOKIE = 'vitrines_admin';
export const ADMIN_SESSION_HOURS = 12;

/**
 * The admin pages' cookie: "nonce.expiresMs.signature", signed with a key derived from
 * ADMIN_TOKEN, so changing the token signs every admin out. Stateless: sign-out clears
 * the cookie in that browser; a copied cookie stays valid until it expires.
 */
export class AdminSessionSigner {
  private readonly key: Buffer;

  constructor(adminToken: string) {
    this.key = createHash('sha256').update(`vitrines-admin-session\0${adminToken}`).digest();
  }

  issue(now = Date.now()): { value: string; expiresAt: Date; csrfToken: string } {
    const nonce = randomBytes(16).toString('base64url');
    const expires = now + ADMIN_SESSION_HOURS * 3_600_000;
    const payload = `${nonce}.${expires}`;
    return { value: `${payload}.${this.sign(payload)}`, expiresAt: new Date(expires), csrfToken: this.csrfFor(nonce) };
  }

  /** The session's CSRF token when the cookie is authentic and not expired, else null. */
  verify(value: string | undefined, now = Date.now()): { csrfToken: string; expiresAt: Date } | null {
    if (!value || value.length > 300) return null;
    const parts = value.split('.');
    if (parts.length !== 3) return null;
    const [nonce, expires, signature] = parts;
    if (!equal(this.sign(`${nonce}.${expires}`), signature)) return null;
    const expiresMs = Number(expires);
    if (!Number.isSafeInteger(expiresMs) || expiresMs <= now) return null;
    return { csrfToken: this.csrfFor(nonce), expiresAt: new Date(expiresMs) };
  }

  private csrfFor(nonce: string): string {
    return this.sign(`csrf:${nonce}`);
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

export function equal(a: string, b: unknown): boolean {
  if (typeof b !== 'string') return false;
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
