import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { parseInput } from '../shops/input-validation';
import { ShopIdPipe } from '../shops/shop-id.pipe';
import { MerchantDashboard } from './merchant-dashboard.service';
import { CurrentMerchant, CurrentMerchantInfo, MerchantSessionGuard } from './merchant-session.guard';
import { MerchantShops } from './merchant-shops.service';
import { createMerchantShopSchema, updateMerchantShopSchema } from './shop-profile.schema';

/**
 * A merchant's shops and their dashboard. Every route on one shop goes through the
 * ownership check: another merchant's shop answers 404, exactly like a missing one.
 */
@Controller('api/merchant/shops')
@UseGuards(MerchantSessionGuard)
export class MerchantShopsController {
  constructor(
    private readonly shops: MerchantShops,
    private readonly dashboards: MerchantDashboard,
  ) {}

  @Post()
  @HttpCode(201)
  create(@CurrentMerchant() merchant: CurrentMerchantInfo, @Body() body: unknown) {
    return this.shops.create(merchant.id, parseInput(createMerchantShopSchema, body));
  }

  @Get()
  async list(@CurrentMerchant() merchant: CurrentMerchantInfo) {
    return { shops: await this.shops.list(merchant.id) };
  }

  @Get(':id')
  get(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string) {
    return this.shops.get(merchant.id, id);
  }

  /** Ownership first, then validation: nothing about another merchant's shop leaks through a 400. */
  @Patch(':id')
  async update(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string, @Body() body: unknown) {
    await this.shops.owned(merchant.id, id);
    return this.shops.update(merchant.id, id, parseInput(updateMerchantShopSchema, body));
  }

  @Get(':id/dashboard')
  dashboard(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string) {
    return this.dashboards.dashboard(merchant.id, id);
  }

  @Post(':id/sync')
  @HttpCode(202)
  syncNow(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string) {
    return this.dashboards.syncNow(merchant.id, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  pause(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string) {
    return this.dashboards.pause(merchant.id, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string) {
    return this.dashboards.resume(merchant.id, id);
  }

  @Post(':id/confirm-deletions')
  @HttpCode(200)
  confirmDeletions(@CurrentMerchant() merchant: CurrentMerchantInfo, @Param('id', ShopIdPipe) id: string) {
    return this.dashboards.confirmDeletions(merchant.id, id);
  }
}
