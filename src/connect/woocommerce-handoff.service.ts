import { BadRequestException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { baseUrl } from '../../connectors/core/url';
import { ConfigService } from '../config/config.service';
import { ConnectionRepository, ConnectShopRow } from './connection.repository';
import { connectionPageUrl } from './merchant-space-links';
import { PendingConnections } from './pending-connections.service';
import { ConnectedAnswer, ShopConnections } from './shop-connections.service';

export const WOOCOMMERCE_CALLBACK_PATH = '/connect/woocommerce/callback';

export const WRITE_KEYS_REFUSED =
  'Clés refusées : Vitrines n’accepte que des clés en lecture seule (« Lecture »), car elle n’a jamais à modifier votre boutique. ' +
  'Aucune clé n’a été enregistrée ; recommencez la connexion depuis votre espace commerçant.';

export interface WooCallbackBody {
  user_id: string;
  consumer_key: string;
  consumer_secret: string;
  key_permissions: string;
}

/**
 * WooCommerce's application authentication endpoint (`/wc-auth/v1/authorize`): the
 * merchant approves a read-only key on their own site and WooCommerce POSTs it to us,
 * server to server, so nothing is copied by hand. Manual key entry and the public Store
 * API (no keys) are the fallbacks.
 */
@Injectable()
export class WooCommerceHandoff {
  private readonly logger = new Logger('Connect');

  constructor(
    private readonly config: ConfigService,
    private readonly pending: PendingConnections,
    private readonly connections: ShopConnections,
    private readonly repository: ConnectionRepository,
  ) {}

  async start(shop: ConnectShopRow, merchantId: string, url: string): Promise<{ mode: 'authorize'; authorizeUrl: string }> {
    const store = baseUrl(url);
    const state = await this.pending.open('woocommerce', { merchantId, shopId: shop.id, sourceUrl: store });
    const query = new URLSearchParams({
      app_name: 'Vitrines',
      scope: 'read',
      user_id: state,
      return_url: connectionPageUrl(this.config.values.publicUrl, shop.id, 'woocommerce'),
      callback_url: `${this.config.values.publicUrl}${WOOCOMMERCE_CALLBACK_PATH}`,
    });
    return { mode: 'authorize', authorizeUrl: `${store}wc-auth/v1/authorize?${query}` };
  }

  /**
   * The keys WooCommerce sends once the merchant approved. Anything but 200 makes
   * WooCommerce delete the key it just created and show the merchant an error, which is
   * what a key we will not keep deserves.
   */
  async receive(body: WooCallbackBody): Promise<{ received: true }> {
    const target = await this.pending.take(body.user_id, 'woocommerce');
    if (!target) throw new BadRequestException('Demande de connexion inconnue, expirée ou déjà utilisée : recommencez depuis votre espace commerçant.');
    const shop = await this.repository.shop(target.shopId);
    if (!shop) throw new NotFoundException('Boutique introuvable.');
    if (body.key_permissions !== 'read') {
      this.logger.warn(`Shop "${shop.slug}": WooCommerce sent keys with "${body.key_permissions.slice(0, 20)}" permissions; refused, nothing stored`);
      throw new UnprocessableEntityException(WRITE_KEYS_REFUSED);
    }
    // No probe here: WooCommerce waits for this answer, and a small host with one PHP
    // worker could not answer our probe meanwhile. The next sync reads with the keys.
    await this.connections.save(shop, 'woocommerce', target.sourceUrl, { consumerKey: body.consumer_key, consumerSecret: body.consumer_secret }, 'rest-api');
    return { received: true };
  }

  /** Keys typed by the merchant: kept only if the shop accepts them. */
  keys(shop: ConnectShopRow, input: { url?: string; consumerKey: string; consumerSecret: string }): Promise<ConnectedAnswer> {
    const url = this.connections.urlOrCurrent(shop, 'woocommerce', input.url);
    return this.connections.connectChecked(shop, 'woocommerce', { url, credentials: { consumerKey: input.consumerKey, consumerSecret: input.consumerSecret } }, 'rest-api');
  }

  /** No keys at all: the public Store API. */
  storeApi(shop: ConnectShopRow, url: string | undefined): Promise<ConnectedAnswer> {
    return this.connections.connectChecked(shop, 'woocommerce', { url: this.connections.urlOrCurrent(shop, 'woocommerce', url) }, 'store-api');
  }
}
