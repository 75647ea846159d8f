import { Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { ConfigService } from '../config/config.service';

export const ADMIN_COOKIE = 'vitrines_admin';
const LIFETIME_S = 8 * 3600;

/**
 * The admin pages' sign-in: a signed, HttpOnly, SameSite=Strict cookie holding an expiry
 * and a nonce, MACed with a key derived from ADMIN_TOKEN (changing the token signs every
 * admin out). Forms carry a CSRF token derived from the cookie. Nothing is stored
 * server-side; an admin-session endpoint shared with the API can replace this later.
 */
@Injectable()
export class AdminSessions {
  private readonly key: Buffer;
  private readonly token: Buffer;

  constructor(private readonly config: ConfigService) {
    this.token = sha256(config.values.adminToken);
    this.key = createHmac('sha256', config.values.adminToken).update('vitrines admin pages session').digest();
  }

  /** Constant-time check of a token typed into the sign-in form. */
  tokenMatches(candidate: unknown): boolean {
    return typeof candidate === 'string' && candidate.length > 0 && candidate.length < 1000 && timingSafeEqual(sha256(candidate.trim()), this.token);
  }

  open(res: Response, now = Date.now()): void {
    const value = `${Math.floor(now / 1000) + LIFETIME_S}.${randomBytes(16).toString('base64url')}`;
    res.append('Set-Cookie', this.cookie(`${value}.${this.mac(value)}`, LIFETIME_S));
  }

  close(res: Response): void {
    res.append('Set-Cookie', this.cookie('', 0));
  }

  /** The session cookie's value when it is genuine and unexpired. */
  current(req: Request, now = Date.now()): string | null {
    const value = readCookie(req, ADMIN_COOKIE);
    const m = value ? /^(\d{1,12})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
    if (!m) return null;
    if (!safeEqual(m[3], this.mac(`${m[1]}.${m[2]}`))) return null;
    return Number(m[1]) * 1000 > now ? value! : null;
  }

  csrfToken(session: string): string {
    return this.mac(`csrf.${session}`);
  }

  csrfValid(session: string, submitted: unknown): boolean {
    return typeof submitted === 'string' && safeEqual(submitted, this.csrfToken(session));
  }

  private mac(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }

  private cookie(value: string, maxAge: number): string {
    return [`${ADMIN_COOKIE}=${value}`, 'Path=/admin', `Max-Age=${maxAge}`, 'HttpOnly', 'SameSite=Strict', ...(this.config.values.secureCookies ? ['Secure'] : [])].join('; ');
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
