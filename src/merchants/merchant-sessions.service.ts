import { Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { MerchantRepository, MerchantRow } from './merchant.repository';

export const SESSION_COOKIE = 'vitrines_session';
export const SESSION_DAYS = 30;

export interface MerchantSessionContext {
  merchant: MerchantRow;
  tokenHash: string;
  csrfToken: string;
}

/**
 * Signed-in browsers. The cookie carries a random token; only its SHA-256 is stored, so a
 * leaked database does not sign anyone in. CSRF tokens are an HMAC of the session under
 * its own secret: nothing extra to store, and they die with the session.
 */
@Injectable()
export class MerchantSessions {
  constructor(private readonly merchants: MerchantRepository) {}

  async open(merchantId: string, now = new Date()): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    await this.merchants.deleteExpiredSessions(merchantId, now);
    const token = randomBytes(32).toString('base64url');
    const tokenHash = sha256(token);
    const csrfSecret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
    await this.merchants.createSession({ tokenHash, merchantId, csrfSecret, expiresAt });
    return { token, csrfToken: csrfTokenFor(csrfSecret, tokenHash), expiresAt };
  }

  async resolve(token: string | undefined, now = new Date()): Promise<MerchantSessionContext | null> {
    if (!token || token.length > 200) return null;
    const session = await this.merchants.findSession(sha256(token), now);
    if (!session) return null;
    return { merchant: session.merchant, tokenHash: session.tokenHash, csrfToken: csrfTokenFor(session.csrfSecret, session.tokenHash) };
  }

  async close(token: string | undefined): Promise<void> {
    if (token) await this.merchants.deleteSession(sha256(token));
  }
}

export function csrfTokenFor(secret: string, tokenHash: string): string {
  return createHmac('sha256', secret).update(`csrf:${tokenHash}`).digest('base64url');
}

/** Constant-time comparison of a submitted CSRF token with the expected one. */
export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const a = sha256Buffer(expected);
  const b = sha256Buffer(given);
  return timingSafeEqual(a, b);
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function sha256Buffer(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
