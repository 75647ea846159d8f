import { BadGatewayException, BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { isConnectorError } from '../../connectors/core/errors';
import { ConfigService } from '../config/config.service';
import { ConnectionChecker } from './connection-checker.service';
import { ConnectionRepository, ConnectShopRow } from './connection.repository';
import { normalizeShopUrl } from './connect-input.schema';
import { connectionPageUrl } from './merchant-space-links';
import { PendingConnections } from './pending-connections.service';
import { ConnectedAnswer, ShopConnections } from './shop-connections.service';
import { verifyShopifyQuery } from './shopify-oauth-signature';
import { isMyshopifyHostname, myshopifyDomain } from './shopify-shop-domain';

/** Read-only: the catalogue and the stock levels, nothing else. */
export const SHOPIFY_SCOPES = ['read_products', 'read_inventory'] as const;
export const SHOPIFY_CALLBACK_PATH = '/connect/shopify/callback';

export type ShopifyStartAnswer = { mode: 'oauth'; authorizeUrl: string } | ConnectedAnswer;

/**
 * Installs Vitrines' Shopify app on a merchant's shop (authorization code grant):
 * authorize URL with a one-time `state`, then a callback whose HMAC, shop domain and
 * state are checked before the code is exchanged for an offline access token.
 * Without SHOPIFY_API_KEY/SECRET, Shopify shops connect through their public storefront.
 */
@Injectable()
export class ShopifyOAuth {
  private readonly logger = new Logger('Connect');
  /** host → origin of local servers playing Shopify; see acceptLocalShopForTests. */
  private readonly localShops = new Map<string, string>();

  constructor(
    private readonly config: ConfigService,
    private readonly pending: PendingConnections,
    private readonly connections: ShopConnections,
    private readonly checker: ConnectionChecker,
    private readonly repository: ConnectionRepository,
  ) {}

  /**
   * Tests only: lets the OAuth flow talk to a local server playing Shopify at `origin`
   * (e.g. http://127.0.0.1:41234), whose `shop` parameter is then its `host:port`.
   * Production never calls this: there, only `*.myshopify.com` over https is accepted.
   * Deliberately not a setting, so no deployment can widen the rule by configuration.
   */
  acceptLocalShopForTests(origin: string): void {
    const u = new URL(origin);
    this.localShops.set(u.host, u.origin);
  }

  async start(shop: ConnectShopRow, merchantId: string, input: string): Promise<ShopifyStartAnswer> {
    const app = this.config.values.shopifyApp;
    if (!app) return this.connectStorefront(shop, input);
    const origin = this.originOf(input);
    if (!origin) {
      throw new BadRequestException(
        'shop : indiquez l’adresse Shopify de votre boutique, en .myshopify.com (visible dans Shopify, Paramètres > Domaines), par exemple ma-boutique.myshopify.com.',
      );
    }
    const state = await this.pending.open('shopify', { merchantId, shopId: shop.id, sourceUrl: `${origin}/` });
    const query = [
      `client_id=${encodeURIComponent(app.apiKey)}`,
      `scope=${SHOPIFY_SCOPES.join(',')}`,
      `redirect_uri=${encodeURIComponent(`${this.config.values.publicUrl}${SHOPIFY_CALLBACK_PATH}`)}`,
      `state=${state}`,
    ].join('&');
    return { mode: 'oauth', authorizeUrl: `${origin}/admin/oauth/authorize?${query}` };
  }

  /** The public `products.json` of the shop: no app, no credentials. */
  connectStorefront(shop: ConnectShopRow, input: string): Promise<ConnectedAnswer> {
    const domain = myshopifyDomain(input);
    const url = domain ? `https://${domain}/` : normalizeShopUrl(input);
    if (!url) throw new BadRequestException('shop : adresse de boutique invalide, par exemple ma-boutique.myshopify.com.');
    return this.connections.connectChecked(shop, 'shopify', { url }, 'storefront');
  }

  /**
   * Shopify's redirect after the merchant approved. Nothing is stored unless the HMAC is
   * Shopify's, the shop is a Shopify domain and the one the flow started with, and the
   * state is fresh and unused. Answers where to send the merchant's browser.
   */
  async callback(rawQuery: string): Promise<string> {
    const app = this.config.values.shopifyApp;
    if (!app) throw new NotFoundException('La connexion par l’application Shopify de Vitrines n’est pas activée.');
    const query = new URLSearchParams(rawQuery);
    if (!verifyShopifyQuery(query, app.apiSecret)) {
      this.logger.warn('Shopify callback refused: invalid HMAC');
      throw new BadRequestException('Signature invalide : cette demande ne vient pas de Shopify. Rien n’a été enregistré.');
    }
    const shopParam = query.get('shop') ?? '';
    const origin = this.callbackOrigin(shopParam);
    const code = query.get('code') ?? '';
    const state = query.get('state') ?? '';
    if (!origin || !code || !state) throw new BadRequestException('Réponse de Shopify incomplète ou boutique invalide. Rien n’a été enregistré.');
    const target = await this.pending.take(state, 'shopify');
    if (!target) {
      throw new BadRequestException('Ce lien de connexion a expiré ou a déjà servi : recommencez la connexion depuis votre espace commerçant.');
    }
    if (new URL(target.sourceUrl).host !== shopParam) {
      throw new BadRequestException('La boutique autorisée sur Shopify n’est pas celle indiquée dans votre espace : recommencez avec la bonne adresse.');
    }
    const accessToken = await this.exchange(origin, code, app);
    const shop = await this.repository.shop(target.shopId);
    if (!shop) throw new NotFoundException('Boutique introuvable dans votre espace.');
    await this.connections.save(shop, 'shopify', target.sourceUrl, { accessToken }, 'admin-api');
    const probe = await this.checker.probe('shopify', { url: target.sourceUrl, credentials: { accessToken } });
    return connectionPageUrl(this.config.values.publicUrl, shop.id, 'shopify', probe.ok ? 'ok' : 'a-verifier');
  }

  /** POST https://{shop}/admin/oauth/access_token → an offline token, if every scope we asked for was granted. */
  private async exchange(origin: string, code: string, app: { apiKey: string; apiSecret: string }): Promise<string> {
    const res = await this.checker
      .withHttp((http) =>
        http.request<{ access_token?: unknown; scope?: unknown }>({
          url: `${origin}/admin/oauth/access_token`,
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: { client_id: app.apiKey, client_secret: app.apiSecret, code },
          acceptStatuses: [400, 401, 403, 404, 422],
          maxBytes: 64 * 1024,
        }),
      )
      .catch((e: unknown) => {
        this.logger.warn(`Shopify code exchange failed: ${isConnectorError(e) ? e.kind : 'error'}`);
        throw new BadGatewayException('Shopify n’a pas pu être joint pour terminer la connexion : réessayez dans quelques minutes.');
      });
    const token = res.status === 200 && typeof res.data?.access_token === 'string' ? res.data.access_token : '';
    if (!token) throw new BadRequestException('Shopify a refusé le code d’autorisation (expiré ou déjà utilisé) : recommencez la connexion.');
    const granted = new Set(String(res.data.scope ?? '').split(',').map((s) => s.trim()));
    // read_inventory implies nothing about products; write_products implies read_products.
    const hasProducts = granted.has('read_products') || granted.has('write_products');
    if (!hasProducts) throw new BadRequestException('L’accès en lecture aux produits n’a pas été accordé : recommencez en acceptant les autorisations demandées.');
    return token;
  }

  /** Merchant input → the shop's origin, if the OAuth flow may talk to it. */
  private originOf(input: string): string | undefined {
    const domain = myshopifyDomain(input);
    if (domain) return `https://${domain}`;
    const url = normalizeShopUrl(input);
    return url ? this.localShops.get(new URL(url).host) : undefined;
  }

  /** Shopify's `shop` parameter is a bare hostname. */
  private callbackOrigin(shop: string): string | undefined {
    if (isMyshopifyHostname(shop)) return `https://${shop}`;
    return this.localShops.get(shop);
  }
}
