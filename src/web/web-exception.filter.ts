import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HttpExceptionFilter } from '../common/http-exception.filter';
import { errorPage, errorTitle } from './templates/error-page';
import { WebPages } from './web-pages.service';

/** Paths whose errors are always the API's JSON, whatever the client accepts. */
const API_PATHS = /^\/(api(\/|$)|go\/|health$|metrics$|assets\/)/;

/**
 * Errors as pages in the site's layout. On page controllers (`pagesOnly`) every error is a
 * page; as the application-wide fallback it only answers browsers asking for HTML outside
 * the API (an unknown address typed by a resident) and hands everything else to the JSON
 * filter unchanged.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');
  private readonly json = new HttpExceptionFilter();

  constructor(
    private readonly pages: WebPages,
    private readonly pagesOnly: boolean,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const wantsPage = this.pagesOnly || (req.method === 'GET' && !API_PATHS.test(req.path) && (req.headers.accept ?? '').includes('text/html'));
    if (!wantsPage) return this.json.catch(exception, host);
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status >= 500) this.logger.error((exception as Error)?.stack ?? String(exception));
    const own = messageOf(exception);
    const message = status === 404 && (!own || /^Cannot /.test(own)) ? "L'adresse demandée n'existe pas ou plus. Vérifiez-la, ou repartez de la recherche." : status < 500 ? own || 'Demande incorrecte.' : status === 503 ? 'La recherche est momentanément indisponible. Réessayez dans un instant.' : 'Une erreur interne est survenue. Réessayez dans un instant.';
    this.pages.send(res, { title: errorTitle(status), body: errorPage(status, message), script: false }, { status, cache: 'no-store' });
  }
}

function messageOf(exception: unknown): string {
  if (!(exception instanceof HttpException)) return '';
  const body = exception.getResponse();
  const m = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  return typeof m === 'string' ? m : Array.isArray(m) ? m.join(' ') : exception.message;
}
