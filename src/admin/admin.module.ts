import { Module } from '@nestjs/common';
import { AdminSessionController } from './admin-session.controller';
import { ApprovalsController } from './approvals.controller';
import { SyncAdminController } from './sync-admin.controller';

@Module({ controllers: [SyncAdminController, ApprovalsController, AdminSessionController] })
export class AdminModule {}
