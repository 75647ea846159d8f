import { Injectable, NotFoundException } from '@nestjs/common';
import { ShopRepository } from './shop.repository';
import { PublicShop, ShopDetails, toPublicShop, toShopDetails } from './shop-views';

const byFrenchName = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The approved shops as residents see them. */
@Injectable()
export class ShopProfiles {
  constructor(private readonly shops: ShopRepository) {}

  /** Ordered by name the French way ("Épicerie" next to "Entrepôt"), whatever the database collation. */
  async listApproved(): Promise<PublicShop[]> {
    const rows = await this.shops.listApproved();
    return rows.map(toPublicShop).sort((a, b) => byFrenchName.compare(a.name, b.name) || a.slug.localeCompare(b.slug));
  }

  /** 404 for an unknown slug and for a shop that is not (or no longer) approved. */
  async approvedBySlug(slug: string): Promise<ShopDetails> {
    const row = slug.length <= 200 ? await this.shops.findApprovedBySlug(slug) : null;
    if (!row) throw new NotFoundException(`Aucune boutique « ${slug.slice(0, 80)} » dans la rue.`);
    return toShopDetails(row);
  }
}
