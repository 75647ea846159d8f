import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/** One product's clicks on one day (the day in Europe/Paris, as YYYY-MM-DD). */
export interface ClickCount {
  productId: string;
  shopId: string;
  day: string;
  count: number;
}

/** The Click table: counts per product and day, nothing about who clicked. */
@Injectable()
export class ClickRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Adds `count` to each (product, day) row, creating it if needed: one upsert per key, all
   * in one transaction so a failed write can be retried whole without counting twice.
   */
  async add(counts: ClickCount[]): Promise<void> {
    if (!counts.length) return;
    await this.prisma.$transaction(
      counts.map((c) =>
        this.prisma.$executeRawUnsafe(
          `INSERT INTO "Click" ("productId", "shopId", "day", "count") VALUES ($1, $2::uuid, $3::date, $4)
           ON CONFLICT ("productId", "day") DO UPDATE SET "count" = "Click"."count" + EXCLUDED."count"`,
          c.productId,
          c.shopId,
          c.day,
          c.count,
        ),
      ),
    );
  }

  /** A shop's click counts per product and day since `fromDay` (YYYY-MM-DD, inclusive), newest day first. */
  async countsByShop(shopId: string, fromDay: string): Promise<ClickCount[]> {
    const rows = await this.prisma.click.findMany({
      where: { shopId, day: { gte: new Date(`${fromDay}T00:00:00Z`) } },
      orderBy: [{ day: 'desc' }, { count: 'desc' }, { productId: 'asc' }],
    });
    return rows.map((r) => ({ productId: r.productId, shopId: r.shopId, day: r.day.toISOString().slice(0, 10), count: r.count }));
  }
}
