import { Controller, Get, Param } from '@nestjs/common';
import { ShopProfiles } from './shop-profiles.service';

/** Public: the shops of the street. */
@Controller('api/shops')
export class ShopsController {
  constructor(private readonly profiles: ShopProfiles) {}

  @Get()
  async list() {
    return { shops: await this.profiles.listApproved() };
  }

  @Get(':slug')
  one(@Param('slug') slug: string) {
    return this.profiles.approvedBySlug(slug);
  }
}
