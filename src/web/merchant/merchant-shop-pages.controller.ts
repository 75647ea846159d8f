import { Body, ConflictException, Controller, Get, NotFoundException, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ShopConnections } from '../../connect/shop-connections.service';
import { MerchantDashboard } from '../../merchants/merchant-dashboard.service';
import { MerchantSessionContext } from '../../merchants/merchant-sessions.service';
import { MerchantShops } from '../../merchants/merchant-shops.service';
import { updateMerchantShopSchema } from '../../merchants/shop-profile.schema';
import type { HtmlValue } from '../templates/html';
import { html } from '../templates/html';
import { WebPages } from '../web-pages.service';
import { parseForm } from './form-input';
import { MerchantPageSessions, SPACE } from './merchant-page-session';
import { MerchantPagesFilter } from './merchant-pages.filter';
import { profileFieldOf, profileInput, profileValues, ProfileValues, serviceRefusal, valuesOfShop } from './profile-form.input';
import { sendSpacePage } from './space-page';
import { spaceFrame } from './templates/account-pages';
import { FieldErrors, Notice } from './templates/form-fields';
import { pageHead, profileForm } from './templates/profile-form';
import { shopDashboardPage } from './templates/shop-dashboard-page';

type Form = Record<string, unknown> | undefined;

/** What an action says once back on the shop page (codes only: no request text is echoed). */
const NOTICES: Record<string, Notice> = {
  connectee: { kind: 'ok', text: 'Catalogue connecté. Les produits seront lus à chaque synchronisation, dès que la boutique est validée.' },
  synchro: { kind: 'ok', text: 'Synchronisation lancée : rechargez la page dans un instant pour voir son résultat.' },
  'pas-en-ligne': { kind: 'error', text: 'La boutique n’est pas encore validée : elle ne peut pas être synchronisée.' },
  pause: { kind: 'ok', text: 'Synchronisations en pause. Vos produits restent affichés tels qu’à la dernière lecture.' },
  reprise: { kind: 'ok', text: 'Synchronisations reprises : la boutique sera relue sous peu.' },
  suppressions: { kind: 'ok', text: 'Retrait confirmé : les produits que votre boutique ne liste plus ont quitté la rue.' },
  'rien-a-confirmer': { kind: 'error', text: 'Il n’y a plus de retrait en attente de confirmation.' },
  'synchro-en-cours': { kind: 'error', text: 'Une synchronisation de la boutique est en cours : réessayez dans un instant.' },
  deconnectee: { kind: 'ok', text: 'Boutique déconnectée : ses identifiants sont effacés et ses produits ont quitté la rue.' },
  'confirmer-deconnexion': { kind: 'error', text: 'Cochez la case de confirmation pour déconnecter la boutique.' },
  fiche: { kind: 'ok', text: 'Fiche enregistrée.' },
};

/** A merchant's shop: status, sync dashboard, clicks, connection, profile edit, disconnection. */
@Controller('espace-commercant/boutiques/:id')
@UseFilters(MerchantPagesFilter)
export class MerchantShopPagesController {
  constructor(
    private readonly sessions: MerchantPageSessions,
    private readonly shops: MerchantShops,
    private readonly dashboards: MerchantDashboard,
    private readonly connections: ShopConnections,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async page(@Req() req: Request, @Param('id') id: string, @Res() res: Response, @Query('message') message?: string): Promise<void> {
    const session = await this.sessions.require(req);
    const shop = await this.shops.get(session.merchant.id, id);
    const dashboard = await this.dashboards.dashboard(session.merchant.id, shop.id);
    const notice = typeof message === 'string' ? NOTICES[message] : undefined;
    this.send(res, session, shop.name, shopDashboardPage({ shop, dashboard, csrf: session.csrfToken, notice }));
  }

  @Post(':action')
  async act(@Req() req: Request, @Param('id') id: string, @Param('action') action: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    const session = await this.sessions.requireForm(req);
    const merchantId = session.merchant.id;
    const shop = await this.shops.get(merchantId, id);
    const done = (code: string) => res.redirect(303, `${SPACE}/boutiques/${shop.id}?message=${code}`);
    try {
      switch (action) {
        case 'synchroniser':
          await this.dashboards.syncNow(merchantId, shop.id);
          return done('synchro');
        case 'pause':
          await this.dashboards.pause(merchantId, shop.id);
          return done('pause');
        case 'reprendre':
          await this.dashboards.resume(merchantId, shop.id);
          return done('reprise');
        case 'confirmer-suppressions':
          await this.dashboards.confirmDeletions(merchantId, shop.id);
          return done('suppressions');
        case 'deconnecter':
          if (body?.confirmer !== 'oui') return done('confirmer-deconnexion');
          await this.connections.disconnect(await this.connections.owned(merchantId, shop.id));
          return done('deconnectee');
        case 'fiche':
          return this.saveProfile(res, session, shop, body);
        default:
          return res.redirect(303, `${SPACE}/boutiques/${shop.id}`);
      }
    } catch (e) {
      if (action === 'confirmer-suppressions') {
        if (e instanceof ConflictException) return done('synchro-en-cours');
        if (e instanceof NotFoundException) return done('rien-a-confirmer');
      }
      if (e instanceof ConflictException) return done(action === 'synchroniser' ? 'pas-en-ligne' : 'rien-a-confirmer');
      throw e;
    }
  }

  @Get('fiche')
  async profile(@Req() req: Request, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const session = await this.sessions.require(req);
    const shop = await this.shops.get(session.merchant.id, id);
    this.sendProfile(res, session, shop, valuesOfShop(shop), {});
  }

  /**
   * Sends the whole form as an edit: optional fields left empty are cleared. Commune and
   * postal code go only when changed, so coordinates the shop has are not reset.
   */
  private async saveProfile(res: Response, session: MerchantSessionContext, shop: Awaited<ReturnType<MerchantShops['get']>>, body: Form): Promise<void> {
    const values = profileValues(body);
    const { input, errors } = profileInput(values, null);
    if (input.commune === shop.commune && input.postalCode === shop.postalCode) {
      delete input.commune;
      delete input.postalCode;
    }
    const parsed = parseForm(updateMerchantShopSchema, input, profileFieldOf);
    if (!parsed.ok || Object.keys(errors).length) return this.sendProfile(res, session, shop, values, { ...(parsed.ok ? {} : parsed.errors), ...errors }, 400);
    try {
      await this.shops.update(session.merchant.id, shop.id, parsed.data);
    } catch (e) {
      const refusal = serviceRefusal(e);
      if (refusal) return this.sendProfile(res, session, shop, values, refusal, 422);
      throw e;
    }
    res.redirect(303, `${SPACE}/boutiques/${shop.id}?message=fiche`);
  }

  private sendProfile(res: Response, session: MerchantSessionContext, shop: { id: string; name: string }, values: ProfileValues, errors: FieldErrors, status = 200): void {
    const body = html`<div class="wrap page narrow-wide">
  <nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="${SPACE}">Mes boutiques</a></li><li><a href="${SPACE}/boutiques/${shop.id}">${shop.name}</a></li><li><a href="${SPACE}/boutiques/${shop.id}/fiche" aria-current="page">Fiche</a></li></ol></nav>
  ${pageHead(`Modifier la fiche de ${shop.name}`)}
  ${profileForm({ action: `${SPACE}/boutiques/${shop.id}/fiche`, csrf: session.csrfToken, values, errors, submitLabel: 'Enregistrer la fiche', cancel: { href: `${SPACE}/boutiques/${shop.id}`, label: 'Annuler' } })}
</div>`;
    this.send(res, session, `Fiche · ${shop.name}`, body, status);
  }

  private send(res: Response, session: MerchantSessionContext, title: string, body: HtmlValue, status = 200): void {
    sendSpacePage(this.pages, res, title, spaceFrame({ email: session.merchant.email, csrf: session.csrfToken, current: 'boutiques', body }), status);
  }
}
