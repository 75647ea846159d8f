import { BadRequestException, Controller, Get, Query, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../admin/admin-token.guard';
import { isUuid } from '../common/uuid';
import { AuditLog } from './audit-log.service';

/** The audit log for the admin team, newest first. */
@Controller('api/admin/audit')
@UseGuards(AdminTokenGuard)
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  async list(@Query('shopId') shopId?: string, @Query('limit') limit?: string) {
    if (shopId !== undefined && !isUuid(shopId)) throw new BadRequestException('Paramètre shopId invalide : un identifiant UUID est attendu.');
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) throw new BadRequestException('Paramètre limit invalide : un entier entre 1 et 500 est attendu.');
    return { entries: await this.audit.list({ shopId: shopId?.toLowerCase(), limit: n }) };
  }
}
