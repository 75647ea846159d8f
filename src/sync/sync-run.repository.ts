import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { SyncRun } from '../generated/prisma/client';

/** Runs kept per shop; older ones are pruned when a run finishes. */
export const RUNS_KEPT_PER_SHOP = 100;
/** The sample of skipped items kept on a run. */
export const SKIPPED_SAMPLE_SIZE = 50;

export interface RunCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  skipped: number;
  heldDeletions: number;
}

export type SkippedReason = { externalId?: string; reason: string };

@Injectable()
export class SyncRunRepository {
  constructor(private readonly prisma: PrismaService) {}

  start(shopId: string, owner: string, fullPass: boolean, trigger: 'schedule' | 'manual'): Promise<SyncRun> {
    return this.prisma.syncRun.create({ data: { shopId, owner, fullPass, trigger, status: 'running' } });
  }

  /** The live run of a shop, if one is under way. */
  findRunning(shopId: string): Promise<SyncRun | null> {
    return this.prisma.syncRun.findFirst({ where: { shopId, status: 'running' }, orderBy: { startedAt: 'desc' } });
  }

  findById(id: string): Promise<SyncRun | null> {
    return this.prisma.syncRun.findUnique({ where: { id } });
  }

  /** Counts as the run goes, so the admin sees progress. */
  async progress(id: string, counts: RunCounts): Promise<void> {
    await this.prisma.syncRun.update({ where: { id }, data: { ...counts } });
  }

  /**
   * Ends a run as succeeded, only while its shop is approved (one statement): undefined,
   * with nothing written, for a shop suspended or disconnected while the run read it.
   */
  async succeed(id: string, counts: RunCounts, skippedReasons: SkippedReason[]): Promise<SyncRun | undefined> {
    try {
      return await this.prisma.syncRun.update({
        where: { id, shop: { is: { status: 'approved' } } },
        data: { ...counts, status: 'succeeded', finishedAt: new Date(), skippedReasons: skippedReasons.slice(0, SKIPPED_SAMPLE_SIZE) },
      });
    } catch (e) {
      if ((e as { code?: string }).code === 'P2025') return undefined;
      throw e;
    }
  }

  async fail(id: string, counts: RunCounts, skippedReasons: SkippedReason[], errorClass: string, error: string): Promise<SyncRun> {
    return this.prisma.syncRun.update({
      where: { id },
      data: {
        ...counts,
        status: 'failed',
        finishedAt: new Date(),
        skippedReasons: skippedReasons.slice(0, SKIPPED_SAMPLE_SIZE),
        errorClass,
        error: error.slice(0, 2000),
      },
    });
  }

  /** Deletions held by the mass-drop guard were confirmed and applied. */
  async recordConfirmedDeletions(id: string, deleted: number): Promise<void> {
    await this.prisma.syncRun.updateMany({ where: { id }, data: { deleted: { increment: deleted }, heldDeletions: 0 } });
  }

  /**
   * Runs still "running" whose process no longer holds the shop's lease were cut short
   * (crash, kill): they are marked abandoned so the shop can be synced again.
   */
  async abandonOrphans(): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE "SyncRun" r SET status = 'abandoned', "finishedAt" = now(),
        error = COALESCE(r.error, 'Interrompue : le processus qui la menait s''est arrêté.')
      WHERE r.status = 'running' AND NOT EXISTS (
        SELECT 1 FROM "Shop" s WHERE s.id = r."shopId" AND s."leaseOwner" = r.owner AND s."leaseExpiresAt" > now()
      )`;
  }

  /** Keeps the latest runs, and the run whose deletions wait for confirmation, however old. */
  async prune(shopId: string): Promise<void> {
    await this.prisma.$executeRaw`
      DELETE FROM "SyncRun" WHERE "shopId" = ${shopId}::uuid AND id NOT IN (
        SELECT id FROM "SyncRun" WHERE "shopId" = ${shopId}::uuid ORDER BY "startedAt" DESC LIMIT ${RUNS_KEPT_PER_SHOP}
      ) AND NOT EXISTS (SELECT 1 FROM "Shop" WHERE "Shop".id = ${shopId}::uuid AND "Shop"."heldDeletionRunId" = "SyncRun".id)`;
  }

  /** How many deletions each of these runs holds for confirmation. */
  async heldDeletionCounts(runIds: string[]): Promise<Map<string, number>> {
    if (!runIds.length) return new Map();
    const runs = await this.prisma.syncRun.findMany({ where: { id: { in: runIds } }, select: { id: true, heldDeletions: true } });
    return new Map(runs.map((r) => [r.id, r.heldDeletions]));
  }

  list(filter: { shopId?: string; limit: number }): Promise<SyncRun[]> {
    return this.prisma.syncRun.findMany({
      where: filter.shopId ? { shopId: filter.shopId } : {},
      orderBy: { startedAt: 'desc' },
      take: filter.limit,
    });
  }
}
