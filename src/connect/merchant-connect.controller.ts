import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CurrentMerchant, CurrentMerchantInfo, MerchantSessionGuard } from '../merchants/merchant-session.guard';
import { parseInput } from '../shops/input-validation';
import { ShopIdPipe } from '../shops/shop-id.pipe';
import {
  detectSchema,
  optionalUrlSchema,
  prestashopSchema,
  shopifyStartSchema,
  testConnectionSchema,
  urlSchema,
  wooKeysSchema,
} from './connect-input.schema';
import { PrestashopWizard } from './prestashop-wizard.service';
import { ShopConnections } from './shop-connections.service';
import { ShopifyOAuth } from './shopify-oauth.service';
import { WooCommerceHandoff } from './woocommerce-handoff.service';

/**
 * A merchant connects their shop's catalogue. Every route checks the session, then
 * ownership (another merchant's shop answers 404), then the input. No answer ever
 * carries credentials.
 */
@Controller('api/merchant/shops/:id/connect')
@UseGuards(MerchantSessionGuard)
export class MerchantConnectController {
  constructor(
    private readonly connections: ShopConnections,
    private readonly shopify: ShopifyOAuth,
    private readonly woocommerce: WooCommerceHandoff,
    private readonly prestashop: PrestashopWizard,
  ) {}

  /** Where the catalogue is read from now. */
  @Get()
  async current(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string) {
    const shop = await this.connections.owned(merchant.id, id);
    return { platform: shop.platform, sourceUrl: shop.sourceUrl, hasCredentials: shop.hasCredentials, status: shop.status };
  }

  /** "Collez l'adresse de votre boutique": the platform and the next step. */
  @Post('detect')
  @HttpCode(200)
  async detect(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string, @Body() body: unknown) {
    const shop = await this.connections.owned(merchant.id, id);
    return this.connections.detect(shop, parseInput(detectSchema, body).url);
  }

  /** "Tester la connexion": a preview; nothing is saved. */
  @Post('test')
  @HttpCode(200)
  async test(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string, @Body() body: unknown) {
    const shop = await this.connections.owned(merchant.id, id);
    return this.connections.test(shop, parseInput(testConnectionSchema, body));
  }

  /** With Vitrines' Shopify app: the authorize URL to send the merchant to; without: the public storefront, connected at once. */
  @Post('shopify')
  @HttpCode(200)
  async shopifyStart(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string, @Body() body: unknown) {
    const shop = await this.connections.owned(merchant.id, id);
    return this.shopify.start(shop, merchant.id, parseInput(shopifyStartSchema, body).shop);
  }

  @Post('shopify/storefront')
  @HttpCode(200)
  async shopifyStorefront(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string, @Body() body: unknown) {
    const shop = await this.connections.owned(merchant.id, id);
    return this.shopify.connectStorefront(shop, parseInput(shopifyStartSchema, body).shop);
  }

  /** The WooCommerce authorize URL (read-only key sent to us by the shop). */
  @Post('woocommerce')
  @HttpCode(200)
  async wooStart(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string, @Body() body: unknown) {
    const shop = await this.connections.owned(merchant.id, id);
    return this.woocommerce.start(shop, merchant.id, parseInput(urlSchema, body).url);
  }

  @Post('woocommerce/keys')
  @HttpCode(200)
  async wooKeys(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string, @Body() body: unknown) {
    const shop = await this.connections.owned(merchant.id, id);
    return this.woocommerce.keys(shop, parseInput(wooKeysSchema, body));
  }

  @Post('woocommerce/store-api')
  @HttpCode(200)
  async wooStoreApi(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string, @Body() body: unknown) {
    const shop = await this.connections.owned(merchant.id, id);
    return this.woocommerce.storeApi(shop, parseInput(optionalUrlSchema, body ?? {}).url);
  }

  @Get('prestashop/instructions')
  async prestashopInstructions(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string) {
    await this.connections.owned(merchant.id, id);
    return this.prestashop.instructions();
  }

  @Post('prestashop')
  @HttpCode(200)
  async prestashopConnect(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string, @Body() body: unknown) {
    const shop = await this.connections.owned(merchant.id, id);
    const input = parseInput(prestashopSchema, body);
    return this.prestashop.connect(shop, this.connections.urlOrCurrent(shop, 'prestashop', input.url), input.apiKey);
  }

  @Post('feed')
  @HttpCode(200)
  async feed(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string, @Body() body: unknown) {
    const shop = await this.connections.owned(merchant.id, id);
    return this.connections.connectChecked(shop, 'feed', { url: parseInput(urlSchema, body).url }, 'feed');
  }

  /** Forgets the credentials and removes the shop's products from search. */
  @Delete()
  @HttpCode(200)
  async disconnect(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string) {
    const shop = await this.connections.owned(merchant.id, id);
    return this.connections.disconnect(shop);
  }
}
