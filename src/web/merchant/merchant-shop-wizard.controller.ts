import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { normalizeShopUrl, PLATFORM_VALUES } from '../../connect/connect-input.schema';
import { nextStepFor } from '../../connect/connect-next-steps';
import { ConnectionChecker } from '../../connect/connection-checker.service';
import { ConfigService } from '../../config/config.service';
import { MerchantSessionContext } from '../../merchants/merchant-sessions.service';
import { MerchantShops } from '../../merchants/merchant-shops.service';
import { createMerchantShopSchema } from '../../merchants/shop-profile.schema';
import { WebPages } from '../web-pages.service';
import { parseForm, text } from './form-input';
import { MerchantPageSessions, SPACE } from './merchant-page-session';
import { MerchantPagesFilter } from './merchant-pages.filter';
import { profileFieldOf, profileInput, profileValues, serviceRefusal } from './profile-form.input';
import { sendSpacePage } from './space-page';
import { spaceFrame } from './templates/account-pages';
import { FieldErrors } from './templates/form-fields';
import { addressStep, profileStep } from './templates/wizard-pages';

type Form = Record<string, unknown> | undefined;
type Platform = (typeof PLATFORM_VALUES)[number];

const isPlatform = (value: unknown): value is Platform => typeof value === 'string' && (PLATFORM_VALUES as readonly string[]).includes(value);

/**
 * "Ajouter ma boutique", steps 1 and 2: the shop's address (its platform detected), then
 * its profile, which creates the shop pending approval. Step 3 is the connection page.
 */
@Controller('espace-commercant/boutiques/nouvelle')
@UseFilters(MerchantPagesFilter)
export class MerchantShopWizardController {
  constructor(
    private readonly sessions: MerchantPageSessions,
    private readonly checker: ConnectionChecker,
    private readonly shops: MerchantShops,
    private readonly config: ConfigService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async addressForm(@Req() req: Request, @Res() res: Response): Promise<void> {
    const session = await this.sessions.require(req);
    this.send(res, session, 'Ajouter ma boutique', addressStep({ csrf: session.csrfToken }));
  }

  @Post()
  async detect(@Req() req: Request, @Body() body: Form, @Res() res: Response): Promise<void> {
    const session = await this.sessions.requireForm(req);
    const typed = text(body, 'url');
    const url = typed ? normalizeShopUrl(typed) : undefined;
    const again = (o: { error?: string; unrecognised?: string }, status: number) =>
      this.send(res, session, 'Ajouter ma boutique', addressStep({ csrf: session.csrfToken, url: typed, ...o }), status);
    if (!url) return again({ error: typed ? 'adresse de boutique invalide : indiquez par exemple https://www.ma-boutique.fr' : 'indiquez l’adresse de votre boutique.' }, 400);
    const chosen = body?.plateforme;
    if (isPlatform(chosen)) return res.redirect(303, profileUrl(url, chosen, false));
    const found = await this.checker.detect(url);
    if (found.platform) return res.redirect(303, profileUrl(url, found.platform, true));
    if (found.errorKind) return again({ error: found.hint }, 422);
    return again({ unrecognised: found.hint }, 200);
  }

  @Get('fiche')
  async profileForm(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const session = await this.sessions.require(req);
    const target = this.target(query.adresse, query.plateforme);
    if (!target) return res.redirect(303, `${SPACE}/boutiques/nouvelle`);
    const values = profileValues({ website: target.platform === 'feed' ? '' : `${new URL(target.url).origin}/` });
    this.sendProfile(res, session, target, query.detectee === '1', values, {});
  }

  @Post('fiche')
  async create(@Req() req: Request, @Body() body: Form, @Res() res: Response): Promise<void> {
    const session = await this.sessions.requireForm(req);
    const target = this.target(body?.adresse, body?.plateforme);
    if (!target) return res.redirect(303, `${SPACE}/boutiques/nouvelle`);
    const values = profileValues(body);
    const { input, errors } = profileInput(values, undefined);
    const parsed = parseForm(createMerchantShopSchema, { ...input, platform: target.platform, sourceUrl: target.url }, profileFieldOf);
    const all: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...errors };
    if (!parsed.ok || Object.keys(errors).length) return this.sendProfile(res, session, target, body?.detectee === '1', values, all, 400);
    let id: string;
    try {
      id = (await this.shops.create(session.merchant.id, parsed.data)).id;
    } catch (e) {
      const refusal = serviceRefusal(e);
      if (refusal) return this.sendProfile(res, session, target, body?.detectee === '1', values, refusal, 422);
      throw e;
    }
    res.redirect(303, `${SPACE}/boutiques/${id}/connexion?etape=3`);
  }

  private target(adresse: unknown, plateforme: unknown): { url: string; platform: Platform } | null {
    const url = typeof adresse === 'string' ? normalizeShopUrl(adresse) : undefined;
    return url && isPlatform(plateforme) ? { url, platform: plateforme } : null;
  }

  private sendProfile(res: Response, session: MerchantSessionContext, target: { url: string; platform: Platform }, detected: boolean, values: Record<string, string>, errors: FieldErrors, status = 200): void {
    const nextStep = nextStepFor(target.platform, 'nouvelle', { shopifyApp: !!this.config.values.shopifyApp, unreachable: false }).message;
    const body = profileStep({ csrf: session.csrfToken, platform: target.platform, url: target.url, detected, nextStep, values, errors });
    this.send(res, session, 'La fiche de votre commerce', body, status);
  }

  private send(res: Response, session: MerchantSessionContext, title: string, body: ReturnType<typeof addressStep>, status = 200): void {
    sendSpacePage(this.pages, res, title, spaceFrame({ email: session.merchant.email, csrf: session.csrfToken, current: 'ajouter', body }), status);
  }
}

function profileUrl(url: string, platform: Platform, detected: boolean): string {
  const q = new URLSearchParams({ adresse: url, plateforme: platform });
  if (detected) q.set('detectee', '1');
  return `${SPACE}/boutiques/nouvelle/fiche?${q}`;
}
