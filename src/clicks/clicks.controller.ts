import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClickCounter } from './click-counter.service';
import { ClickTargetService } from './click-target.service';

/** GET /go/{productId}: the click-out to the merchant's own product page. */
@Controller('go')
export class ClicksController {
  constructor(
    private readonly targets: ClickTargetService,
    private readonly counter: ClickCounter,
  ) {}

  @Get(':productId')
  async go(@Param('productId') productId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const target = await this.targets.resolve(productId);
    if (!target) {
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: "Ce produit n'existe pas ou n'est plus proposé." });
    }
    // HEAD requests are link checkers and previews, not residents leaving for the shop.
    if (req.method === 'GET') this.counter.record(target.productId, target.shopId);
    res.setHeader('Cache-Control', 'no-store');
    // The merchant learns the visit came from Vitrines, never more than over HTTPS allows.
    res.setHeader('Referrer-Policy', 'no-referrer-when-downgrade');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    res.redirect(302, target.location);
  }
}
