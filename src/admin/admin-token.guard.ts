import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ConfigService } from '../config/config.service';
import { changesState, readCookie, submittedCsrfToken } from '../merchants/request-cookies';
import { ADMIN_COOKIE, AdminSessionSigner, equal } from './admin-session';

/**
 * `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time; or, for the admin
 * pages, the signed `vitrines_admin` cookie, whose state-changing requests also need the
 * session's CSRF token (`X-CSRF-Token` or `_csrf`).
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;
  private readonly sessions: AdminSessionSigner;

  constructor(config: ConfigService) {
    this.expected = digest(config.values.adminToken);
    this.sessions = new AdminSessionSigner(config.values.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.headers.authorization === undefined) {
      const session = this.sessions.verify(readCookie(req, ADMIN_COOKIE));
      if (session) {
        if (changesState(req) && !equal(session.csrfToken, submittedCsrfToken(req))) {
          throw new ForbiddenException('Jeton CSRF manquant ou invalide : rechargez la page et réessayez.');
        }
        return true;
      }
    }
    const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!match || !timingSafeEqual(digest(match[1].trim()), this.expected)) {
      throw new UnauthorizedException("Jeton d'administration manquant ou invalide.");
    }
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
