import { Body, Controller, Get, HttpCode, Post, Redirect, Req } from '@nestjs/common';
import type { Request } from 'express';
import { parseInput } from '../shops/input-validation';
import { wooCallbackSchema } from './connect-input.schema';
import { ShopifyOAuth } from './shopify-oauth.service';
import { WooCommerceHandoff } from './woocommerce-handoff.service';

/**
 * Where the platforms come back: Shopify redirects the merchant's browser here, WooCommerce
 * posts the keys here from the shop's server. No session: each request proves itself
 * (Shopify's HMAC, a one-time nonce bound to the merchant and the shop).
 */
@Controller('connect')
export class ConnectCallbacksController {
  constructor(
    private readonly shopify: ShopifyOAuth,
    private readonly woocommerce: WooCommerceHandoff,
  ) {}

  @Get('shopify/callback')
  @Redirect()
  async shopifyCallback(@Req() req: Request) {
    // The raw query: the HMAC covers the parameters exactly as Shopify sent them.
    const url = req.originalUrl ?? req.url;
    const raw = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
    return { url: await this.shopify.callback(raw), statusCode: 302 };
  }

  @Post('woocommerce/callback')
  @HttpCode(200)
  woocommerceCallback(@Body() body: unknown) {
    return this.woocommerce.receive(parseInput(wooCallbackSchema, body));
  }
}
