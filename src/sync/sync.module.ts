import { Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { createConnectorRegistry } from '../../connectors/registry';
import { CONNECTORS } from './connectors.token';
import { ProductStateRepository } from './product-state.repository';
import { ShopLeaseRepository } from './shop-lease.repository';
import { ShopSyncRepository } from './shop-sync.repository';
import { SyncLauncher } from './sync-launcher.service';
import { SyncRunRepository } from './sync-run.repository';
import { SyncRunner } from './sync-runner.service';
import { SyncScheduler } from './sync-scheduler.service';
import { SyncService } from './sync.service';

@Global()
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [
    { provide: CONNECTORS, useFactory: createConnectorRegistry },
    ProductStateRepository,
    ShopLeaseRepository,
    ShopSyncRepository,
    SyncRunRepository,
    SyncRunner,
    SyncLauncher,
    SyncScheduler,
    SyncService,
  ],
  exports: [SyncService, ProductStateRepository, CONNECTORS],
})
export class SyncModule {}
