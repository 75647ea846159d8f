import { Global, Module } from '@nestjs/common';
import { ClicksModule } from '../clicks/clicks.module';
import { MerchantAccounts } from './merchant-accounts.service';
import { MerchantAuthController } from './merchant-auth.controller';
import { MerchantDashboard } from './merchant-dashboard.service';
import { MerchantMailer } from './merchant-mailer.service';
import { MerchantSessionGuard } from './merchant-session.guard';
import { MerchantSessions } from './merchant-sessions.service';
import { MerchantShopRepository } from './merchant-shop.repository';
import { MerchantShops } from './merchant-shops.service';
import { MerchantShopsController } from './merchant-shops.controller';
import { MerchantRepository } from './merchant.repository';
import { ShopOwnership } from './shop-ownership.service';

/**
 * Merchant accounts and their shops. Global so that any module's controller can use
 * MerchantSessionGuard, @CurrentMerchant() and ShopOwnership without importing it, and
 * the pages can call the same services as the JSON API.
 */
@Global()
@Module({
  imports: [ClicksModule],
  controllers: [MerchantAuthController, MerchantShopsController],
  providers: [
    MerchantRepository,
    MerchantSessions,
    MerchantShopRepository,
    ShopOwnership,
    MerchantSessionGuard,
    MerchantMailer,
    MerchantAccounts,
    MerchantShops,
    MerchantDashboard,
  ],
  exports: [MerchantSessions, ShopOwnership, MerchantSessionGuard, MerchantMailer, MerchantAccounts, MerchantShops, MerchantDashboard],
})
export class MerchantsModule {}
