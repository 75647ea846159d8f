import { Injectable, NotFoundException } from '@nestjs/common';
import { MerchantShopRepository } from './merchant-shop.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every merchant route on a shop asks this first. A shop that belongs to someone else
 * answers exactly like one that does not exist, so ids cannot be probed.
 */
@Injectable()
export class ShopOwnership {
  constructor(private readonly shops: MerchantShopRepository) {}

  async assertOwns(merchantId: string, shopId: string): Promise<void> {
    const row = UUID.test(shopId) ? await this.shops.ownerOf(shopId.toLowerCase()) : null;
    if (!row || row.merchantId !== merchantId) throw new NotFoundException('Boutique introuvable dans votre espace.');
  }
}

/** Same class under the name its file suggests. */
export { ShopOwnership as ShopOwnershipService };
