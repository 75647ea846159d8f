import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { utcTimestamp } from '../database/utc-timestamp';
import type { Shop } from '../generated/prisma/client';

/** How long a claim holds without renewal; a crashed process's shops are free after this. */
export const LEASE_MS = 2 * 60_000;

/**
 * Leases are a conditional UPDATE on the shop row: only one process can move a lease
 * from "free or expired" to "mine", so two servers never sync the same shop at once.
 * Each is one statement straight to the driver: through the Prisma client an updateMany
 * is a transaction of three round trips, paid twice by every run, however small. A lease
 * is not an edit of the shop: the row's `updatedAt`, which the merchant sees, stays.
 */
@Injectable()
export class ShopLeaseRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Approved, unpaused shops whose next sync is due and whose lease is free. */
  async findDue(now: Date, limit: number): Promise<Shop[]> {
    return this.prisma.shop.findMany({
      where: {
        status: 'approved',
        syncPausedReason: null,
        nextSyncAt: { lte: now },
        OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
      },
      orderBy: { nextSyncAt: 'asc' },
      take: limit,
    });
  }

  /** Takes the shop's lease for `owner`; false when someone else holds a live one. */
  async claim(shopId: string, owner: string, now = new Date()): Promise<boolean> {
    const rows = await this.prisma.bulk(
      `UPDATE "Shop" SET "leaseOwner" = $2, "leaseExpiresAt" = $3::timestamp
       WHERE id = $1::uuid AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $4::timestamp) RETURNING id`,
      [shopId, owner, utcTimestamp(now.getTime() + LEASE_MS), utcTimestamp(now.getTime())],
    );
    return rows.length === 1;
  }

  /** Extends a lease we hold; false if it was lost (expired and taken over). */
  async renew(shopId: string, owner: string): Promise<boolean> {
    const rows = await this.prisma.bulk(`UPDATE "Shop" SET "leaseExpiresAt" = $3::timestamp WHERE id = $1::uuid AND "leaseOwner" = $2 RETURNING id`, [
      shopId,
      owner,
      utcTimestamp(Date.now() + LEASE_MS),
    ]);
    return rows.length === 1;
  }

  async release(shopId: string, owner: string): Promise<void> {
    await this.prisma.bulk(`UPDATE "Shop" SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL WHERE id = $1::uuid AND "leaseOwner" = $2`, [shopId, owner]);
  }
}
