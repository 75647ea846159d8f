import { Controller, Get, UseGuards } from '@nestjs/common';
import { MerchantShops } from '../merchants/merchant-shops.service';
import { AdminTokenGuard } from './admin-token.guard';

/**
 * The approval queue. Deciding goes through POST /api/admin/shops/{id}/status
 * (approved | rejected with a reason the merchant sees | suspended).
 */
@Controller('api/admin/approvals')
@UseGuards(AdminTokenGuard)
export class ApprovalsController {
  constructor(private readonly shops: MerchantShops) {}

  @Get()
  async pending() {
    return { shops: await this.shops.pendingApprovals() };
  }
}
