import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { Shop } from '../generated/prisma/client';

/** How long a claim holds without renewal; a crashed process's shops are free after this. */
export const LEASE_MS = 2 * 60_000;

/**
 * Leases are a conditional UPDATE on the shop row: only one process can move a lease
 * from "free or expired" to "mine", so two servers never sync the same shop at once.
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
    const { count } = await this.prisma.shop.updateMany({
      where: { id: shopId, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] },
      data: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + LEASE_MS) },
    });
    return count === 1;
  }

  /** Extends a lease we hold; false if it was lost (expired and taken over). */
  async renew(shopId: string, owner: string): Promise<boolean> {
    const { count } = await this.prisma.shop.updateMany({
      where: { id: shopId, leaseOwner: owner },
      data: { leaseExpiresAt: new Date(Date.now() + LEASE_MS) },
    });
    return count === 1;
  }

  async release(shopId: string, owner: string): Promise<void> {
    await this.prisma.shop.updateMany({ where: { id: shopId, leaseOwner: owner }, data: { leaseOwner: null, leaseExpiresAt: null } });
  }
}
