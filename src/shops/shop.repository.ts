import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { Platform, Prisma, ShopStatus } from '../generated/prisma/client';

/** Everything any endpoint may show about a shop: credential columns are never selected. */
const PROFILE_FIELDS = {
  id: true,
  slug: true,
  name: true,
  address: true,
  postalCode: true,
  communeCode: true,
  communeName: true,
  lat: true,
  lng: true,
  website: true,
  status: true,
  platform: true,
  productCount: true,
  lastSyncedAt: true,
  lastSuccessAt: true,
  syncIntervalMinutes: true,
  phone: true,
  description: true,
  openingHours: true,
  pickupPolicy: true,
  localDelivery: true,
} as const satisfies Prisma.ShopSelect;

export type ShopProfileRow = Prisma.ShopGetPayload<{ select: typeof PROFILE_FIELDS }>;

export interface NewShopRow {
  slug: string;
  name: string;
  address: string;
  postalCode: string;
  communeCode: string;
  communeName: string;
  lat: number;
  lng: number;
  website: string;
  platform: Platform;
  sourceUrl: string;
  credentialsEncrypted: string | null;
  syncIntervalMinutes: number;
  nextSyncAt: Date;
  /** Optional profile an admin registration may carry. */
  openingHours?: Record<string, Array<[string, string]>>;
  pickupPolicy?: string;
  localDelivery?: { communes: string[]; fee: number; delay: string };
  phone?: string;
  description?: string;
}

/** What the sync engine must forget when a shop's catalogue is taken off the index. */
const FORGET_CATALOGUE = {
  productCount: 0,
  // The next sync must be a complete read: incremental signposts and feed validators
  // would otherwise let it skip the products that were just removed.
  changesSince: null,
  lastFullPassAt: null,
  sourceEtag: null,
  sourceLastModified: null,
  heldDeletionRunId: null,
} as const satisfies Prisma.ShopUpdateInput;

/** The shops table, for registration, moderation and the public profiles. */
@Injectable()
export class ShopRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Slugs equal to `base` or of the form `base-…`, to pick the next free one. */
  async slugsLike(base: string): Promise<string[]> {
    const rows = await this.prisma.shop.findMany({
      where: { OR: [{ slug: base }, { slug: { startsWith: `${base}-` } }] },
      select: { slug: true },
    });
    return rows.map((r) => r.slug);
  }

  /** Inserts an approved shop; rejects with Prisma's P2002 when the slug was taken meanwhile. */
  async create(row: NewShopRow): Promise<{ id: string; slug: string; status: ShopStatus }> {
    return this.prisma.shop.create({ data: { ...row, status: 'approved' }, select: { id: true, slug: true, status: true } });
  }

  listApproved(): Promise<ShopProfileRow[]> {
    return this.prisma.shop.findMany({ where: { status: 'approved' }, select: PROFILE_FIELDS, orderBy: [{ name: 'asc' }, { slug: 'asc' }] });
  }

  findApprovedBySlug(slug: string): Promise<ShopProfileRow | null> {
    return this.prisma.shop.findFirst({ where: { slug, status: 'approved' }, select: PROFILE_FIELDS });
  }

  findById(id: string): Promise<{ id: string; slug: string; status: ShopStatus } | null> {
    return this.prisma.shop.findUnique({ where: { id }, select: { id: true, slug: true, status: true } });
  }

  /** Approval: the shop is synced at once, from scratch if its catalogue was removed. */
  async approve(id: string, reason: string | null): Promise<{ id: string; slug: string; status: ShopStatus }> {
    return this.prisma.shop.update({
      where: { id },
      data: { status: 'approved', statusReason: reason, nextSyncAt: new Date() },
      select: { id: true, slug: true, status: true },
    });
  }

  /**
   * Takes a shop out of the street: new status and the stored product states go in one
   * transaction (the caller then empties the index), so a later approval re-reads everything.
   */
  async withdraw(
    id: string,
    status: 'suspended' | 'rejected',
    reason: string | null,
    options: { forgetCredentials?: boolean } = {},
  ): Promise<{ id: string; slug: string; status: ShopStatus }> {
    const [, shop] = await this.prisma.$transaction([
      this.prisma.productState.deleteMany({ where: { shopId: id } }),
      this.prisma.shop.update({
        where: { id },
        data: { status, statusReason: reason, ...FORGET_CATALOGUE, ...(options.forgetCredentials ? { credentialsEncrypted: null } : {}) },
        select: { id: true, slug: true, status: true },
      }),
    ]);
    return shop;
  }
}

/**
 * True for a unique-constraint violation (a slug taken by a concurrent registration):
 * Prisma's P2002 over PostgreSQL, the raw driver error (SQLSTATE 23505) over PGlite.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string; kind?: string } } | null;
  return e?.code === 'P2002' || e?.cause?.code === '23505' || e?.cause?.kind === 'UniqueConstraintViolation';
}
