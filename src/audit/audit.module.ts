import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';

/** The audit log: global, since shops, sync actions and merchants all record into it. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
