import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { utcTimestamp } from '../database/utc-timestamp';
import type { Shop, SyncRun } from '../generated/prisma/client';

/** The sync-related columns of a shop: read at run start, written at run end. */
@Injectable()
export class ShopSyncRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(shopId: string): Promise<Shop | null> {
    return this.prisma.shop.findUnique({ where: { id: shopId } });
  }

  async isApproved(shopId: string): Promise<boolean> {
    const shop = await this.prisma.shop.findUnique({ where: { id: shopId }, select: { status: true } });
    return shop?.status === 'approved';
  }

  async recordSuccess(
    shopId: string,
    data: Pick<Shop, 'nextSyncAt' | 'changesSince' | 'lastFullPassAt' | 'sourceEtag' | 'sourceLastModified' | 'productCount' | 'heldDeletionRunId'>,
    at: Date,
  ): Promise<void> {
    await this.prisma.shop.update({ where: { id: shopId }, data: { ...data, lastSyncedAt: at, lastSuccessAt: at, consecutiveFailures: 0 } });
  }

  async recordFailure(shopId: string, data: { consecutiveFailures: number; nextSyncAt: Date; pausedReason?: string }, at: Date): Promise<void> {
    await this.prisma.shop.update({
      where: { id: shopId },
      data: {
        lastSyncedAt: at,
        consecutiveFailures: data.consecutiveFailures,
        nextSyncAt: data.nextSyncAt,
        // Only a new reason is written: a pause set meanwhile (by the merchant) stays.
        ...(data.pausedReason ? { syncPausedReason: data.pausedReason } : {}),
      },
    });
  }

  /**
   * Lifts a pause; false when there is no such shop. One statement (an updateMany is a
   * transaction of three round trips), and the shop counts as edited only if it was paused.
   */
  async clearPause(shopId: string): Promise<boolean> {
    const rows = await this.prisma.bulk(
      `UPDATE "Shop" SET "syncPausedReason" = NULL,
         "updatedAt" = CASE WHEN "syncPausedReason" IS NULL THEN "updatedAt" ELSE $2::timestamp END
       WHERE id = $1::uuid RETURNING id`,
      [shopId, utcTimestamp(Date.now())],
    );
    return rows.length === 1;
  }

  async clearHeldDeletions(shopId: string, productCount: number): Promise<void> {
    await this.prisma.shop.update({ where: { id: shopId }, data: { heldDeletionRunId: null, productCount } });
  }

  /** Every shop with its latest run: the fleet health screen. */
  withLatestRun(): Promise<Array<Shop & { runs: SyncRun[] }>> {
    return this.prisma.shop.findMany({ orderBy: { name: 'asc' }, include: { runs: { orderBy: { startedAt: 'desc' }, take: 1 } } });
  }
}
