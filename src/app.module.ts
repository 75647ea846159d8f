import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { PublicThrottlerGuard } from './common/public-throttler.guard';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { CatalogModule } from './catalog/catalog.module';
import { ClicksModule } from './clicks/clicks.module';
import { ConnectModule } from './connect/connect.module';
import type { AppConfig } from './config/config.loader';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MerchantsModule } from './merchants/merchants.module';
import { MetricsModule } from './metrics/metrics.module';
import { SearchModule } from './search/search.module';
import { ShopsModule } from './shops/shops.module';
import { SyncModule } from './sync/sync.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      providers: [{ provide: APP_GUARD, useClass: PublicThrottlerGuard }],
      imports: [
        // A limit of 0 turns throttling off (benchmarks, tests).
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.publicRateLimit }], skipIf: () => config.publicRateLimit === 0 }),
        ConfigModule.forRoot(config), DatabaseModule, CatalogModule, MetricsModule, HealthModule, ShopsModule, SyncModule, AdminModule, SearchModule, ClicksModule, ConnectModule, MerchantsModule, AuditModule, WebModule],
    };
  }
}
