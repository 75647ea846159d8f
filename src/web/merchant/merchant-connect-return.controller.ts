import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SPACE } from './merchant-page-session';

/**
 * The address the Shopify and WooCommerce flows send the merchant back to
 * (`/espace/boutiques/{id}/connexion?plateforme=…&resultat=…`): the connection page of the
 * merchant space, with the same query.
 */
@Controller('espace')
export class MerchantConnectReturnController {
  @Get('boutiques/:id/connexion')
  back(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    const url = req.originalUrl ?? req.url;
    const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
    res.redirect(303, `${SPACE}/boutiques/${encodeURIComponent(id)}/connexion${query}`);
  }
}
