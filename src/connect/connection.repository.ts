import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { Platform } from '../generated/prisma/client';
import { DISCONNECTED_REASON } from '../shops/shop-moderation.service';

/** What the connect flows need to know about a shop: never its credentials. */
export interface ConnectShopRow {
  id: string;
  slug: string;
  name: string;
  communeName: string;
  platform: Platform;
  sourceUrl: string;
  status: string;
  hasCredentials: boolean;
  /** The owner, who is the actor of every change made through these flows. */
  merchantId: string | null;
}

export interface PendingRow {
  state: string;
  merchantId: string;
  shopId: string;
  platform: Platform;
  /** Sealed JSON of the connection's target ({sourceUrl}) until the platform answers. */
  sealed: string | null;
}

/** Store connections: where a shop is read from, its sealed credentials, and the nonces of flows under way. */
@Injectable()
export class ConnectionRepository {
  constructor(private readonly prisma: PrismaService) {}

  async shop(id: string): Promise<ConnectShopRow | null> {
    const row = await this.prisma.shop.findUnique({
      where: { id },
      select: { id: true, slug: true, name: true, communeName: true, platform: true, sourceUrl: true, status: true, credentialsEncrypted: true, merchantId: true },
    });
    if (!row) return null;
    const { credentialsEncrypted, ...rest } = row;
    return { ...rest, hasCredentials: credentialsEncrypted !== null };
  }

  /**
   * Points the shop at its (new) source. The next sync is due now and reads everything:
   * signposts of the previous source mean nothing for this one, and a pause asked of the
   * merchant (credentials refused) is lifted by the new connection. A shop suspended only
   * because it was disconnected goes back online; any other status stays as the admins set it.
   */
  async saveConnection(id: string, connection: { platform: Platform; sourceUrl: string; credentialsEncrypted: string | null }): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.shop.updateMany({ where: { id, status: 'suspended', statusReason: DISCONNECTED_REASON }, data: { status: 'approved', statusReason: null } }),
      this.prisma.shop.update({
        where: { id },
        data: {
          ...connection,
          nextSyncAt: new Date(),
          syncPausedReason: null,
          consecutiveFailures: 0,
          changesSince: null,
          lastFullPassAt: null,
          sourceEtag: null,
          sourceLastModified: null,
        },
        select: { id: true },
      }),
      this.prisma.pendingConnection.deleteMany({ where: { shopId: id } }),
    ]);
  }

  /** A new nonce; the shop's expired ones are swept on the way. */
  async createPending(row: PendingRow & { expiresAt: Date }, now: Date): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.pendingConnection.deleteMany({ where: { shopId: row.shopId, expiresAt: { lte: now } } }),
      this.prisma.pendingConnection.create({
        data: { state: row.state, merchantId: row.merchantId, shopId: row.shopId, platform: row.platform, credentialsEncrypted: row.sealed, expiresAt: row.expiresAt },
        select: { state: true },
      }),
    ]);
  }

  /**
   * Uses a nonce once: whoever deletes the row owns it, so a replayed callback finds
   * nothing. An expired nonce is burned too and answers null.
   */
  async takePending(state: string, platform: Platform, now: Date): Promise<PendingRow | null> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.pendingConnection.findUnique({ where: { state } });
      if (!row || row.platform !== platform) return null;
      const taken = await tx.pendingConnection.deleteMany({ where: { state } });
      if (taken.count !== 1 || row.expiresAt <= now) return null;
      return { state: row.state, merchantId: row.merchantId, shopId: row.shopId, platform: row.platform, sealed: row.credentialsEncrypted };
    });
  }

  async deletePendingFor(shopId: string): Promise<void> {
    await this.prisma.pendingConnection.deleteMany({ where: { shopId } });
  }
}
