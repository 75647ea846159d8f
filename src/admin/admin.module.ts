import { Module } from '@nestjs/common';
import { SyncAdminController } from './sync-admin.controller';

@Module({ controllers: [SyncAdminController] })
export class AdminModule {}
