/**
 * Every way Vitrines reads a shop, as the contract suite sees it: which connector (the one
 * the registry hands out), how to start a local shop of that platform with a demo
 * catalogue, and the ShopSource a merchant would enter for it. Adding a platform to the
 * contract is one entry here.
 */
import type { Connector, Platform, ShopSource } from '../../connectors/core/connector';
import { createConnectorRegistry } from '../../connectors/registry';
import type { DemoProduct } from '../servers/demo-catalogue';
import { startFeedServer } from '../servers/feed-server';
import { DEMO_PRESTASHOP_KEY, startPrestashopServer } from '../servers/prestashop-server';
import { SHOPIFY_DEMO_TOKEN, startShopifyServer } from '../servers/shopify-server';
import { startWooCommerceServer } from '../servers/woocommerce-server';
import { FixtureSet, FIXTURE_SETS } from './contract-fixtures';

export interface ContractShop {
  source: ShopSource;
  close(): Promise<void>;
}

export interface PlatformUnderContract {
  /** The platform and, when it has several, the way it is read. */
  name: string;
  platform: Platform;
  connector: Connector;
  /** Products per source page, so the suite can build a catalogue spanning several pages. */
  pageSize: number;
  /** Whether the probe can state how many products the shop holds without reading it all. */
  probeCountsProducts: boolean;
  /**
   * A local shop serving `products`. `hiddenIds` are published products the merchant keeps
   * out of the catalogue (catalogue visibility "hidden", visibility "none"); platforms
   * without such a switch leave them unpublished instead.
   */
  start(products: DemoProduct[], hiddenIds: number[]): Promise<ContractShop>;
  fixtures: FixtureSet;
}

const registry = createConnectorRegistry();
const connector = (platform: Platform): Connector => registry.get(platform)!;
const unpublish = (products: DemoProduct[], ids: number[]) => products.map((p) => (ids.includes(p.id) ? { ...p, published: false } : p));

/** Consumer keys the local WooCommerce shop issues, as a merchant pastes them. */
const WOO_KEYS = { consumerKey: 'ck_contract0000000000000000000000000000001', consumerSecret: 'cs_contract0000000000000000000000000000001' };

export const PLATFORMS_UNDER_CONTRACT: PlatformUnderContract[] = [
  {
    name: 'shopify (public storefront)',
    platform: 'shopify',
    connector: connector('shopify'),
    pageSize: 250,
    // products.json gives no total; only a first page that is not full tells the size.
    probeCountsProducts: false,
    async start(products, hiddenIds) {
      const shop = await startShopifyServer({ products: unpublish(products, hiddenIds) });
      return { source: { url: shop.url }, close: () => shop.close() };
    },
    fixtures: FIXTURE_SETS.shopify,
  },
  {
    name: 'shopify (Admin API)',
    platform: 'shopify',
    connector: connector('shopify'),
    pageSize: 8,
    probeCountsProducts: true,
    async start(products, hiddenIds) {
      // The cost bucket is not under test here: a roomy one keeps the suite from waiting on it.
      const shop = await startShopifyServer({ products: unpublish(products, hiddenIds), bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 } });
      return { source: { url: shop.url, credentials: { accessToken: SHOPIFY_DEMO_TOKEN } }, close: () => shop.close() };
    },
    fixtures: FIXTURE_SETS.shopify,
  },
  {
    name: 'woocommerce (Store API)',
    platform: 'woocommerce',
    connector: connector('woocommerce'),
    pageSize: 100,
    probeCountsProducts: true,
    async start(products, hiddenIds) {
      const shop = await startWooCommerceServer({ products, hiddenIds });
      return { source: { url: shop.url }, close: () => shop.close() };
    },
    fixtures: FIXTURE_SETS.woocommerce,
  },
  {
    name: 'woocommerce (REST API v3)',
    platform: 'woocommerce',
    connector: connector('woocommerce'),
    pageSize: 100,
    probeCountsProducts: true,
    async start(products, hiddenIds) {
      const shop = await startWooCommerceServer({ products, hiddenIds, ...WOO_KEYS });
      return { source: { url: shop.url, credentials: { ...WOO_KEYS } }, close: () => shop.close() };
    },
    fixtures: FIXTURE_SETS.woocommerce,
  },
  {
    name: 'prestashop (webservice)',
    platform: 'prestashop',
    connector: connector('prestashop'),
    pageSize: 100,
    probeCountsProducts: true,
    async start(products, hiddenIds) {
      const shop = await startPrestashopServer({ products, hiddenIds });
      return { source: { url: shop.url, credentials: { apiKey: DEMO_PRESTASHOP_KEY } }, close: () => shop.close() };
    },
    fixtures: FIXTURE_SETS.prestashop,
  },
  {
    name: 'feed (CSV)',
    platform: 'feed',
    connector: connector('feed'),
    pageSize: 500,
    // A feed is one file: its size is only known once it has been read to the end.
    probeCountsProducts: false,
    async start(products, hiddenIds) {
      const shop = await startFeedServer({ products: unpublish(products, hiddenIds), format: 'csv' });
      return { source: { url: shop.url }, close: () => shop.close() };
    },
    fixtures: FIXTURE_SETS.feed,
  },
];
