import { MerchantAccountPagesController } from './merchant-account-pages.controller';
import { MerchantConnectPagesController } from './merchant-connect-pages.controller';
import { MerchantConnectReturnController } from './merchant-connect-return.controller';
import { MerchantPageSessions } from './merchant-page-session';
import { MerchantPagesFilter } from './merchant-pages.filter';
import { MerchantShopPagesController } from './merchant-shop-pages.controller';
import { MerchantShopWizardController } from './merchant-shop-wizard.controller';

/**
 * The merchant space's pages (/espace-commercant), registered by the web module. The
 * wizard comes before the shop pages: "boutiques/nouvelle" must not be taken for a shop id.
 */
export const MERCHANT_PAGE_CONTROLLERS = [
  MerchantAccountPagesController,
  MerchantShopWizardController,
  MerchantConnectPagesController,
  MerchantShopPagesController,
  MerchantConnectReturnController,
];

export const MERCHANT_PAGE_PROVIDERS = [MerchantPageSessions, MerchantPagesFilter];
