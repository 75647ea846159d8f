import { Body, Controller, Delete, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { parseInput } from '../shops/input-validation';
import { ShopIdPipe } from '../shops/shop-id.pipe';
import { createShopSchema, shopStatusSchema } from '../shops/shop-input.schema';
import { ShopModeration } from '../shops/shop-moderation.service';
import { ShopRegistration } from '../shops/shop-registration.service';
import { AdminTokenGuard } from './admin-token.guard';

/** Admins register shops, change their status and disconnect them. */
@Controller('api/admin/shops')
@UseGuards(AdminTokenGuard)
export class ShopsAdminController {
  constructor(
    private readonly registration: ShopRegistration,
    private readonly moderation: ShopModeration,
  ) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown) {
    return this.registration.register(parseInput(createShopSchema, body));
  }

  @Post(':id/status')
  @HttpCode(200)
  setStatus(@Param('id', ShopIdPipe) id: string, @Body() body: unknown) {
    return this.moderation.setStatus(id, parseInput(shopStatusSchema, body));
  }

  @Delete(':id/credentials')
  @HttpCode(200)
  disconnect(@Param('id', ShopIdPipe) id: string) {
    return this.moderation.disconnect(id);
  }
}
