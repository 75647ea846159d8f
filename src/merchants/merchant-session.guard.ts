import { CanActivate, createParamDecorator, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { MerchantSessionContext, MerchantSessions, csrfMatches, SESSION_COOKIE } from './merchant-sessions.service';
import type { MerchantRow } from './merchant.repository';
import { changesState, readCookie, submittedCsrfToken } from './request-cookies';

export type CurrentMerchantInfo = MerchantRow;

type RequestWithMerchant = Request & { merchantSession?: MerchantSessionContext };

/**
 * Merchant routes: a live `vitrines_session` cookie (else 401) and, for any request that
 * may change state, the session's CSRF token in `X-CSRF-Token` or the `_csrf` field (else 403).
 */
@Injectable()
export class MerchantSessionGuard implements CanActivate {
  constructor(private readonly sessions: MerchantSessions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithMerchant>();
    const session = await this.sessions.resolve(readCookie(req, SESSION_COOKIE));
    if (!session) throw new UnauthorizedException('Connectez-vous à votre espace commerçant.');
    if (changesState(req) && !csrfMatches(session.csrfToken, submittedCsrfToken(req))) {
      throw new ForbiddenException('Jeton CSRF manquant ou invalide : rechargez la page et réessayez.');
    }
    req.merchantSession = session;
    return true;
  }
}

/** The signed-in merchant ({id, email, name, createdAt}); use behind MerchantSessionGuard. */
export const CurrentMerchant = createParamDecorator((_data: unknown, context: ExecutionContext): CurrentMerchantInfo => {
  const req = context.switchToHttp().getRequest<RequestWithMerchant>();
  if (!req.merchantSession) throw new UnauthorizedException('Connectez-vous à votre espace commerçant.');
  return req.merchantSession.merchant;
});

/** The whole session (merchant, CSRF token, token hash); use behind MerchantSessionGuard. */
export const CurrentMerchantSession = createParamDecorator((_data: unknown, context: ExecutionContext): MerchantSessionContext => {
  const req = context.switchToHttp().getRequest<RequestWithMerchant>();
  if (!req.merchantSession) throw new UnauthorizedException('Connectez-vous à votre espace commerçant.');
  return req.merchantSession;
});
