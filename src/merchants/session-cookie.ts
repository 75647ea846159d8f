import type { Response } from 'express';
import { SESSION_COOKIE } from './merchant-sessions.service';

/** The merchant session cookie: HttpOnly, SameSite=Lax, Secure behind https, until the session expires. */
export function setSessionCookie(res: Response, token: string, expiresAt: Date, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
