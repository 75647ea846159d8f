import { BadRequestException, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { runView, SyncService } from '../sync/sync.service';
import { AdminTokenGuard } from './admin-token.guard';
import { isUuid } from '../common/uuid';
import { UuidParamPipe } from './uuid-param.pipe';

@Controller('api/admin')
@UseGuards(AdminTokenGuard)
export class SyncAdminController {
  constructor(
    private readonly sync: SyncService,
    private readonly audit: AuditLog,
  ) {}

  /** Starts a sync now; a sync already running for the shop gives its runId again. */
  @Post('shops/:id/sync')
  @HttpCode(202)
  async syncNow(@Param('id', new UuidParamPipe()) id: string, @Query('full') full?: string) {
    const { runId, started } = await this.sync.requestSync(id, { forceFull: full === 'true' });
    await this.audit.record('admin', 'sync.requested', id, { runId, started, full: full === 'true' });
    return { runId };
  }

  /** Applies deletions the mass-drop guard held back. */
  @Post('shops/:id/confirm-deletions')
  @HttpCode(200)
  async confirmDeletions(@Param('id', new UuidParamPipe()) id: string) {
    const result = await this.sync.confirmHeldDeletions(id);
    await this.audit.record('admin', 'deletions.confirmed', id, { runId: result.runId });
    return result;
  }

  @Get('sync-runs')
  async runs(@Query('shopId') shopId?: string, @Query('limit') limit?: string) {
    if (shopId !== undefined && !isUuid(shopId)) throw new BadRequestException('Paramètre shopId invalide : un identifiant UUID est attendu.');
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) throw new BadRequestException('Paramètre limit invalide : un entier entre 1 et 500 est attendu.');
    const runs = await this.sync.listRuns(shopId?.toLowerCase(), n);
    return { runs: runs.map(runView) };
  }

  @Get('health')
  async health() {
    return { shops: await this.sync.fleetHealth() };
  }

  /** Rebuilds the search index from stored products and swaps it in (after settings change). */
  @Post('reindex')
  @HttpCode(200)
  async reindex() {
    const result = await this.sync.reindex();
    await this.audit.record('admin', 'index.rebuilt', null, { documents: result.documents });
    return result;
  }
}
