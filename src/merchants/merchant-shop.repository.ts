import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/** Which merchant owns which shop. */
@Injectable()
export class MerchantShopRepository {
  constructor(private readonly prisma: PrismaService) {}

  async ownerOf(shopId: string): Promise<{ merchantId: string | null } | null> {
    return this.prisma.shop.findUnique({ where: { id: shopId }, select: { merchantId: true } });
  }
}
