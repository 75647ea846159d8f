import { Body, Controller, Get, HttpException, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { optionalUrlSchema, PLATFORM_VALUES, prestashopSchema, shopifyStartSchema, testConnectionSchema, urlSchema, wooKeysSchema } from '../../connect/connect-input.schema';
import { ConnectShopRow } from '../../connect/connection.repository';
import { PrestashopWizard } from '../../connect/prestashop-wizard.service';
import { ShopConnections } from '../../connect/shop-connections.service';
import { ShopifyOAuth } from '../../connect/shopify-oauth.service';
import { WooCommerceHandoff } from '../../connect/woocommerce-handoff.service';
import { ConfigService } from '../../config/config.service';
import { MerchantSessionContext } from '../../merchants/merchant-sessions.service';
import { parseInput } from '../../shops/input-validation';
import { WebPages } from '../web-pages.service';
import { text } from './form-input';
import { MerchantPageSessions, SPACE } from './merchant-page-session';
import { MerchantPagesFilter } from './merchant-pages.filter';
import { sendSpacePage } from './space-page';
import { spaceFrame } from './templates/account-pages';
import { ConnectPageView, connectPage, ConnectPlatform } from './templates/connect-page';
import { SaveAction } from './templates/connection-preview';
import { Notice } from './templates/form-fields';

type Form = Record<string, unknown> | undefined;
type Extra = Partial<Pick<ConnectPageView, 'notice' | 'error' | 'preview' | 'wizard'>> & { check?: NonNullable<ConnectPageView['prestashop']>['check'] };

const isPlatform = (v: unknown): v is ConnectPlatform => typeof v === 'string' && (PLATFORM_VALUES as readonly string[]).includes(v);

/**
 * Step 3 of "ajouter ma boutique", and later "changer la connexion": per platform, the ways
 * to connect, "Tester la connexion" (a preview, nothing saved) and saving. Every action
 * goes through the connect services the JSON API uses, after the same ownership check.
 */
@Controller('espace-commercant/boutiques/:id/connexion')
@UseFilters(MerchantPagesFilter)
export class MerchantConnectPagesController {
  constructor(
    private readonly sessions: MerchantPageSessions,
    private readonly connections: ShopConnections,
    private readonly woocommerce: WooCommerceHandoff,
    private readonly shopify: ShopifyOAuth,
    private readonly prestashop: PrestashopWizard,
    private readonly config: ConfigService,
    private readonly pages: WebPages,
  ) {}

  /** Also where the platforms send the merchant back (?plateforme=…&resultat=ok|a-verifier, WooCommerce adds success=0|1). */
  @Get()
  async page(@Req() req: Request, @Param('id') id: string, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const session = await this.sessions.require(req);
    const shop = await this.connections.owned(session.merchant.id, id);
    const platform = isPlatform(query.plateforme) ? query.plateforme : shop.platform;
    this.render(res, session, shop, platform, {}, { notice: returnNotice(query, shop), wizard: query.etape === '3' });
  }

  /** "Tester la connexion": shows the preview and, when the shop reads well, the button that saves it. */
  @Post('tester')
  async test(@Req() req: Request, @Param('id') id: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    const { session, shop } = await this.owned(req, id);
    const platform = isPlatform(body?.platform) ? body.platform : shop.platform;
    const values = formValues(body);
    const credentials = platform === 'woocommerce' && (values.consumerKey || values.consumerSecret) ? { consumerKey: values.consumerKey, consumerSecret: values.consumerSecret } : platform === 'prestashop' ? { apiKey: values.apiKey } : undefined;
    try {
      const input = parseInput(testConnectionSchema, { platform, url: values.url, ...(credentials ? { credentials } : {}) });
      const preview = await this.connections.test(shop, input);
      const save = preview.ok ? saveActionFor(shop.id, platform, values) : null;
      this.render(res, session, shop, platform, values, { preview: { preview, save } });
    } catch (e) {
      this.refused(res, session, shop, platform, values, e);
    }
  }

  @Post('woocommerce')
  async wooAuthorize(@Req() req: Request, @Param('id') id: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    await this.act(req, id, body, res, 'woocommerce', async (shop, merchantId, v) => {
      const { authorizeUrl } = await this.woocommerce.start(shop, merchantId, parseInput(urlSchema, { url: v.url || shop.sourceUrl }).url);
      return authorizeUrl;
    });
  }

  @Post('woocommerce-sans-cles')
  async wooStoreApi(@Req() req: Request, @Param('id') id: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    await this.act(req, id, body, res, 'woocommerce', (shop, _m, v) => this.woocommerce.storeApi(shop, parseInput(optionalUrlSchema, v.url ? { url: v.url } : {}).url).then(() => null));
  }

  @Post('woocommerce-cles')
  async wooKeys(@Req() req: Request, @Param('id') id: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    await this.act(req, id, body, res, 'woocommerce', (shop, _m, v) =>
      this.woocommerce.keys(shop, parseInput(wooKeysSchema, { ...(v.url ? { url: v.url } : {}), consumerKey: v.consumerKey, consumerSecret: v.consumerSecret })).then(() => null),
    );
  }

  @Post('shopify')
  async shopifyInstall(@Req() req: Request, @Param('id') id: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    await this.act(req, id, body, res, 'shopify', async (shop, merchantId, v) => {
      const answer = await this.shopify.start(shop, merchantId, parseInput(shopifyStartSchema, { shop: v.shop || v.url }).shop);
      return 'authorizeUrl' in answer ? answer.authorizeUrl : null;
    });
  }

  @Post('shopify-vitrine')
  async shopifyStorefront(@Req() req: Request, @Param('id') id: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    await this.act(req, id, body, res, 'shopify', (shop, _m, v) => this.shopify.connectStorefront(shop, parseInput(shopifyStartSchema, { shop: v.url }).shop).then(() => null));
  }

  /** Lists each permission the key has or lacks; connects only when all are there. */
  @Post('prestashop')
  async prestashopConnect(@Req() req: Request, @Param('id') id: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    const { session, shop } = await this.owned(req, id);
    const values = formValues(body);
    try {
      const input = parseInput(prestashopSchema, { ...(values.url ? { url: values.url } : {}), apiKey: values.apiKey });
      const answer = await this.prestashop.connect(shop, this.connections.urlOrCurrent(shop, 'prestashop', input.url), input.apiKey);
      if (answer.connected) return res.redirect(303, `${SPACE}/boutiques/${shop.id}?message=connectee`);
      this.render(res, session, shop, 'prestashop', values, { error: answer.diagnosis, check: answer.permissions }, 422);
    } catch (e) {
      this.refused(res, session, shop, 'prestashop', values, e);
    }
  }

  @Post('flux')
  async feed(@Req() req: Request, @Param('id') id: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    await this.act(req, id, body, res, 'feed', (shop, _m, v) => this.connections.connectChecked(shop, 'feed', { url: parseInput(urlSchema, { url: v.url }).url }, 'feed').then(() => null));
  }

  /** Runs one connection; an external URL answer sends the browser to the platform, null means connected. */
  private async act(
    req: Request,
    id: string,
    body: Form,
    res: Response,
    platform: ConnectPlatform,
    run: (shop: ConnectShopRow, merchantId: string, values: FormValues) => Promise<string | null>,
  ): Promise<void> {
    const { session, shop } = await this.owned(req, id);
    const values = formValues(body);
    try {
      const away = await run(shop, session.merchant.id, values);
      res.redirect(303, away ?? `${SPACE}/boutiques/${shop.id}?message=connectee`);
    } catch (e) {
      this.refused(res, session, shop, platform, values, e);
    }
  }

  private async owned(req: Request, id: string): Promise<{ session: MerchantSessionContext; shop: ConnectShopRow }> {
    const session = await this.sessions.requireForm(req);
    return { session, shop: await this.connections.owned(session.merchant.id, id) };
  }

  /** A refusal the merchant can act on (bad address, keys refused, shop unreadable) is shown on the page; anything else is an error page. */
  private refused(res: Response, session: MerchantSessionContext, shop: ConnectShopRow, platform: ConnectPlatform, values: FormValues, e: unknown): void {
    if (!(e instanceof HttpException) || e.getStatus() >= 500 || e.getStatus() === 404) throw e;
    this.render(res, session, shop, platform, values, { error: e.message }, e.getStatus());
  }

  private render(res: Response, session: MerchantSessionContext, shop: ConnectShopRow, platform: ConnectPlatform, values: Partial<FormValues>, extra: Extra, status = 200): void {
    const view: ConnectPageView = {
      shop: { id: shop.id, name: shop.name, platform: shop.platform, sourceUrl: shop.sourceUrl, status: shop.status, hasCredentials: shop.hasCredentials },
      platform,
      csrf: session.csrfToken,
      shopifyApp: !!this.config.values.shopifyApp,
      wizard: !!extra.wizard,
      notice: extra.notice,
      error: extra.error,
      preview: extra.preview,
      values: { ...values, url: values.url || shop.sourceUrl },
      prestashop: platform === 'prestashop' ? { ...this.prestashop.instructions(), check: extra.check } : undefined,
    };
    const body = spaceFrame({ email: session.merchant.email, csrf: session.csrfToken, body: connectPage(view) });
    sendSpacePage(this.pages, res, `Connexion du catalogue · ${shop.name}`, body, status);
  }
}

interface FormValues {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  apiKey: string;
  shop: string;
}

function formValues(body: Form): FormValues {
  return { url: text(body, 'url'), consumerKey: text(body, 'consumerKey'), consumerSecret: text(body, 'consumerSecret'), apiKey: text(body, 'apiKey'), shop: text(body, 'shop') };
}

/** The save button under a good preview posts exactly what was tested. */
function saveActionFor(shopId: string, platform: ConnectPlatform, v: FormValues): SaveAction {
  const base = `${SPACE}/boutiques/${shopId}/connexion`;
  switch (platform) {
    case 'woocommerce':
      return v.consumerKey
        ? { action: `${base}/woocommerce-cles`, fields: { url: v.url, consumerKey: v.consumerKey, consumerSecret: v.consumerSecret }, label: 'Enregistrer cette connexion (avec les clés)' }
        : { action: `${base}/woocommerce-sans-cles`, fields: { url: v.url }, label: 'Enregistrer cette connexion' };
    case 'shopify':
      return { action: `${base}/shopify-vitrine`, fields: { url: v.url }, label: 'Enregistrer cette connexion' };
    case 'prestashop':
      return { action: `${base}/prestashop`, fields: { url: v.url, apiKey: v.apiKey }, label: 'Vérifier les droits et enregistrer' };
    case 'feed':
      return { action: `${base}/flux`, fields: { url: v.url }, label: 'Enregistrer ce flux' };
  }
}

/** What the platforms' return tells the merchant. */
function returnNotice(query: Record<string, unknown>, shop: ConnectShopRow): Notice | undefined {
  if (query.etape === '3') return { kind: 'ok', text: 'Fiche enregistrée : la boutique attend la validation de l’équipe Vitrines. Connectez maintenant son catalogue.' };
  if (query.resultat === 'ok') return { kind: 'ok', text: 'Autorisation reçue : la boutique est connectée et ses produits ont pu être lus.' };
  if (query.resultat === 'a-verifier') return { kind: 'error', text: 'Autorisation reçue et enregistrée, mais la première lecture des produits a échoué : testez la connexion ci-dessous pour voir pourquoi.' };
  if (query.success === '0') return { kind: 'error', text: 'L’accès a été refusé sur votre boutique : rien n’a été enregistré. Vous pouvez recommencer, ou choisir une autre façon de connecter.' };
  if (query.success === '1') {
    return shop.hasCredentials
      ? { kind: 'ok', text: 'Autorisation reçue : les clés en lecture seule sont enregistrées.' }
      : { kind: 'info', text: 'Autorisation accordée : votre boutique transmet les clés à Vitrines. Rechargez la page dans un instant.' };
  }
  return undefined;
}
