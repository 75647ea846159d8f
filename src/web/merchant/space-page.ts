import type { Response } from 'express';
import type { HtmlValue } from '../templates/html';
import { WebPages } from '../web-pages.service';

/**
 * A merchant space page: in the site's layout, with the merchant script (never loaded on
 * residents' pages), and never cached: it shows one merchant's own data and form tokens.
 */
export function sendSpacePage(pages: WebPages, res: Response, title: string, body: HtmlValue, status = 200): void {
  pages.send(res, { title, section: 'espace', script: 'merchant', body, pageClass: 'page-space' }, { status, cache: 'no-store' });
}
