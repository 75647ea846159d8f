import type { Connector, Platform } from './core/connector';
import { FeedConnector } from './feed/feed.connector';
import { PrestashopConnector } from './prestashop/prestashop.connector';
import { ShopifyConnector } from './shopify/shopify.connector';
import { WooCommerceConnector } from './woocommerce/woocommerce.connector';

/** Every platform Vitrines reads, by name: adding a platform is one line here. */
export function createConnectorRegistry(): ReadonlyMap<Platform, Connector> {
  const connectors: Connector[] = [new ShopifyConnector(), new WooCommerceConnector(), new PrestashopConnector(), new FeedConnector()];
  return new Map(connectors.map((c) => [c.platform, c]));
}

export const PLATFORMS: readonly Platform[] = ['shopify', 'woocommerce', 'prestashop', 'feed'];
