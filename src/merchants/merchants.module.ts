import { Global, Module } from '@nestjs/common';
import { MerchantSessionGuard } from './merchant-session.guard';
import { MerchantSessions } from './merchant-sessions.service';
import { MerchantShopRepository } from './merchant-shop.repository';
import { MerchantRepository } from './merchant.repository';
import { ShopOwnership } from './shop-ownership.service';

/**
 * Merchant accounts and their shops. Global so that any module's controller can use
 * MerchantSessionGuard, @CurrentMerchant() and ShopOwnership without importing it.
 */
@Global()
@Module({
  providers: [MerchantRepository, MerchantSessions, MerchantShopRepository, ShopOwnership, MerchantSessionGuard],
  exports: [MerchantSessions, ShopOwnership, MerchantSessionGuard],
})
export class MerchantsModule {}
