import { Global, Module } from '@nestjs/common';
import { ShopsAdminController } from '../admin/shops-admin.controller';
import { ConfigService } from '../config/config.service';
import { CredentialsCipher } from './credentials.cipher';
import { ShopDirectory } from './shop-directory.service';
import { ShopModeration } from './shop-moderation.service';
import { ShopProfiles } from './shop-profiles.service';
import { ShopRegistration } from './shop-registration.service';
import { ShopRepository } from './shop.repository';
import { ShopsController } from './shops.controller';
import { loadTerritory, Territory } from './territory/territory';

@Global()
@Module({
  controllers: [ShopsController, ShopsAdminController],
  providers: [
    ShopDirectory,
    ShopRepository,
    ShopProfiles,
    ShopRegistration,
    ShopModeration,
    // Read once at start; an unknown TERRITORY_EPCI stops the server with one sentence.
    { provide: Territory, inject: [ConfigService], useFactory: (config: ConfigService) => loadTerritory(config.values.territoryEpci) },
    { provide: CredentialsCipher, inject: [ConfigService], useFactory: (config: ConfigService) => new CredentialsCipher(config.values.secretKey) },
  ],
  exports: [ShopDirectory, Territory, CredentialsCipher, ShopProfiles, ShopRegistration, ShopModeration],
})
export class ShopsModule {}
