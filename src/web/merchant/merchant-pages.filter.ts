import { ArgumentsHost, Catch, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebPages } from '../web-pages.service';
import { SignInRequired, SPACE } from './merchant-page-session';

/** Merchant space pages: a visitor without a session is sent to sign in; every other error is a page. */
@Injectable()
@Catch()
export class MerchantPagesFilter extends WebExceptionFilter {
  constructor(pages: WebPages) {
    super(pages, true);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof SignInRequired) {
      const res = host.switchToHttp().getResponse<Response>();
      const back = exception.returnTo === SPACE ? '' : `?retour=${encodeURIComponent(exception.returnTo)}`;
      return res.redirect(303, `${SPACE}/connexion${back}`);
    }
    super.catch(exception, host);
  }
}
