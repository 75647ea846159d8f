import { Injectable } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import { PrismaService } from '../database/prisma.service';

/** What search and click-out need to know about a shop, without touching the database per request. */
export interface DirectoryShop {
  id: string;
  slug: string;
  name: string;
  commune: string;
  lat: number;
  lng: number;
  /** Approved and synced successfully within STALE_AFTER_DAYS: its products may be shown. */
  visible: boolean;
  lastSuccessAt: Date | null;
}

const CACHE_MS = 5_000;

/**
 * A short-lived in-memory copy of the shops table. Shops are few (hundreds), so geo
 * radius, "nearest first" and visibility are resolved here and sent to the search
 * engine as shop filters.
 */
@Injectable()
export class ShopDirectory {
  private cache?: { at: number; shops: DirectoryShop[]; byId: Map<string, DirectoryShop> };
  private loading?: Promise<void>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: ConfigService,
  ) {}

  async all(): Promise<DirectoryShop[]> {
    return (await this.fresh()).shops;
  }

  async byId(id: string): Promise<DirectoryShop | undefined> {
    return (await this.fresh()).byId.get(id);
  }

  /** Ids of shops whose products must not be shown (not approved, or stale). */
  async hiddenIds(): Promise<string[]> {
    return (await this.fresh()).shops.filter((s) => !s.visible).map((s) => s.id);
  }

  /** Forget the cached copy (after a shop changes status). */
  invalidate(): void {
    this.cache = undefined;
  }

  private async fresh() {
    if (!this.cache || Date.now() - this.cache.at > CACHE_MS) {
      this.loading ??= this.load().finally(() => (this.loading = undefined));
      await this.loading;
    }
    return this.cache!;
  }

  private async load(): Promise<void> {
    const staleBefore = Date.now() - this.config.values.staleAfterDays * 86_400_000;
    const rows = await this.prisma.shop.findMany({
      select: { id: true, slug: true, name: true, communeName: true, lat: true, lng: true, status: true, lastSuccessAt: true },
    });
    const shops = rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      commune: r.communeName,
      lat: r.lat,
      lng: r.lng,
      visible: r.status === 'approved' && !!r.lastSuccessAt && r.lastSuccessAt.getTime() >= staleBefore,
      lastSuccessAt: r.lastSuccessAt,
    }));
    this.cache = { at: Date.now(), shops, byId: new Map(shops.map((s) => [s.id, s])) };
  }
}
