import { ForbiddenException, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConfigService } from '../../config/config.service';
import type { OpenedSession } from '../../merchants/merchant-accounts.service';
import { csrfMatches, MerchantSessionContext, MerchantSessions, SESSION_COOKIE } from '../../merchants/merchant-sessions.service';
import { readCookie } from '../../merchants/request-cookies';
import { clearSessionCookie, setSessionCookie } from '../../merchants/session-cookie';

export const SPACE = '/espace-commercant';

/** Thrown when a page needs a signed-in merchant; the controller sends them to sign in. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('sign-in required');
  }
}

/**
 * The merchant space pages share the JSON API's session (`vitrines_session`) and its CSRF
 * token, sent back by every form as `_csrf`. Pages never call the API over HTTP: they open
 * and close sessions through the same services.
 */
@Injectable()
export class MerchantPageSessions {
  constructor(
    private readonly sessions: MerchantSessions,
    private readonly config: ConfigService,
  ) {}

  current(req: Request): Promise<MerchantSessionContext | null> {
    return this.sessions.resolve(readCookie(req, SESSION_COOKIE));
  }

  /** The session, or SignInRequired carrying where to come back after signing in. */
  async require(req: Request): Promise<MerchantSessionContext> {
    const session = await this.current(req);
    if (!session) throw new SignInRequired(req.method === 'GET' ? req.originalUrl : SPACE);
    return session;
  }

  /** The session of a form post, with its CSRF token checked (403 page otherwise). */
  async requireForm(req: Request): Promise<MerchantSessionContext> {
    const session = await this.require(req);
    const body = req.body as Record<string, unknown> | undefined;
    if (!csrfMatches(session.csrfToken, body?._csrf)) {
      throw new ForbiddenException('Ce formulaire a expiré ou ne vient pas de votre espace commerçant : rechargez la page et recommencez.');
    }
    return session;
  }

  /** Rotation, as in the API: whatever session the browser had is closed first. */
  async open(req: Request, res: Response, opened: OpenedSession): Promise<void> {
    await this.sessions.close(readCookie(req, SESSION_COOKIE));
    setSessionCookie(res, opened.token, opened.expiresAt, this.config.values.secureCookies);
  }

  async close(req: Request, res: Response): Promise<void> {
    await this.sessions.close(readCookie(req, SESSION_COOKIE));
    clearSessionCookie(res, this.config.values.secureCookies);
  }
}

/** Only a path inside the merchant space may be a return address (no open redirect). */
export function safeReturn(value: unknown): string {
  return typeof value === 'string' && value.startsWith(`${SPACE}`) && !value.startsWith('//') && !/[\\\r\n]/.test(value) ? value : SPACE;
}
