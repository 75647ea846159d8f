import { Module } from '@nestjs/common';
import { MerchantsModule } from '../merchants/merchants.module';
import { ConnectCallbacksController } from './connect-callbacks.controller';
import { ConnectionChecker } from './connection-checker.service';
import { ConnectionRepository } from './connection.repository';
import { MerchantConnectController } from './merchant-connect.controller';
import { PendingConnections } from './pending-connections.service';
import { PrestashopWizard } from './prestashop-wizard.service';
import { ShopConnections } from './shop-connections.service';
import { ShopifyOAuth } from './shopify-oauth.service';
import { WooCommerceHandoff } from './woocommerce-handoff.service';

/** Connecting a merchant's existing shop: detection, OAuth and key handoffs, key wizards, "Tester la connexion". */
@Module({
  imports: [MerchantsModule],
  controllers: [MerchantConnectController, ConnectCallbacksController],
  providers: [ConnectionRepository, ConnectionChecker, PendingConnections, ShopConnections, ShopifyOAuth, WooCommerceHandoff, PrestashopWizard],
  // The merchant space's pages call the same services as the JSON API.
  exports: [ShopifyOAuth, ShopConnections, ConnectionChecker, WooCommerceHandoff, PrestashopWizard],
})
export class ConnectModule {}
