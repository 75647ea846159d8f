import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import type { Platform } from '../generated/prisma/client';

/** What a merchant (or an admin reviewing them) may see of a shop: credentials only as "present or not". */
const MERCHANT_SHOP_FIELDS = {
  id: true,
  merchantId: true,
  slug: true,
  name: true,
  status: true,
  statusReason: true,
  siret: true,
  address: true,
  postalCode: true,
  communeCode: true,
  communeName: true,
  lat: true,
  lng: true,
  website: true,
  phone: true,
  description: true,
  openingHours: true,
  pickupPolicy: true,
  localDelivery: true,
  platform: true,
  sourceUrl: true,
  credentialsEncrypted: true,
  productCount: true,
  syncIntervalMinutes: true,
  nextSyncAt: true,
  lastSyncedAt: true,
  lastSuccessAt: true,
  consecutiveFailures: true,
  syncPausedReason: true,
  heldDeletionRunId: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.ShopSelect;

type RawRow = Prisma.ShopGetPayload<{ select: typeof MERCHANT_SHOP_FIELDS }>;
export type MerchantShopRow = Omit<RawRow, 'credentialsEncrypted'> & { hasCredentials: boolean };

export interface NewMerchantShopRow {
  slug: string;
  merchantId: string;
  name: string;
  siret: string;
  address: string;
  postalCode: string;
  communeCode: string;
  communeName: string;
  lat: number;
  lng: number;
  website: string | null;
  phone: string | null;
  description: string | null;
  openingHours: Prisma.InputJsonValue | undefined;
  pickupPolicy: string | null;
  localDelivery: Prisma.InputJsonValue | undefined;
  platform: Platform;
  sourceUrl: string;
  syncIntervalMinutes: number;
}

export type MerchantShopChanges = Partial<Omit<NewMerchantShopRow, 'slug' | 'merchantId' | 'openingHours' | 'localDelivery'>> & {
  openingHours?: Prisma.InputJsonValue | null;
  localDelivery?: Prisma.InputJsonValue | null;
  nextSyncAt?: Date;
};

/** The credential column never leaves this file: only whether it is set. */
function toRow({ credentialsEncrypted, ...rest }: RawRow): MerchantShopRow {
  return { ...rest, hasCredentials: credentialsEncrypted !== null };
}

/** Which merchant owns which shop, and the shop profile as merchants edit it. */
@Injectable()
export class MerchantShopRepository {
  constructor(private readonly prisma: PrismaService) {}

  async ownerOf(shopId: string): Promise<{ merchantId: string | null } | null> {
    return this.prisma.shop.findUnique({ where: { id: shopId }, select: { merchantId: true } });
  }

  /** A merchant's shop starts pending: not synced, not shown, until an admin approves it. */
  createPending(row: NewMerchantShopRow): Promise<{ id: string; slug: string; status: string }> {
    return this.prisma.shop.create({ data: { ...row, status: 'pending' }, select: { id: true, slug: true, status: true } });
  }

  async listForMerchant(merchantId: string): Promise<MerchantShopRow[]> {
    const rows = await this.prisma.shop.findMany({ where: { merchantId }, select: MERCHANT_SHOP_FIELDS, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toRow);
  }

  async find(shopId: string): Promise<MerchantShopRow | null> {
    const row = await this.prisma.shop.findUnique({ where: { id: shopId }, select: MERCHANT_SHOP_FIELDS });
    return row && toRow(row);
  }

  /** The approval queue: pending shops, oldest first. */
  async listPending(): Promise<Array<MerchantShopRow & { merchantEmail: string | null }>> {
    const rows = await this.prisma.shop.findMany({
      where: { status: 'pending' },
      select: { ...MERCHANT_SHOP_FIELDS, merchant: { select: { email: true } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(({ merchant, ...row }) => ({ ...toRow(row), merchantEmail: merchant?.email ?? null }));
  }

  async update(shopId: string, changes: MerchantShopChanges): Promise<MerchantShopRow> {
    const { openingHours, localDelivery, ...rest } = changes;
    const data: Prisma.ShopUpdateInput = { ...rest };
    if (openingHours !== undefined) data.openingHours = openingHours === null ? Prisma.DbNull : openingHours;
    if (localDelivery !== undefined) data.localDelivery = localDelivery === null ? Prisma.DbNull : localDelivery;
    return toRow(await this.prisma.shop.update({ where: { id: shopId }, data, select: MERCHANT_SHOP_FIELDS }));
  }

  /** Pause (a reason) or resume (null, due now). */
  async setPaused(shopId: string, reason: string | null): Promise<void> {
    await this.prisma.shop.update({ where: { id: shopId }, data: reason ? { syncPausedReason: reason } : { syncPausedReason: null, nextSyncAt: new Date() } });
  }
}
