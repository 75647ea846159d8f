import { Controller, Get, Param, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { SearchService } from '../search/search.service';
import { ShopProfiles } from '../shops/shop-profiles.service';
import { parseOpeningHours } from './opening-hours';
import { PagesExceptionFilter } from './pages-exception.filter';
import { emptyResult, readSearch } from './rue-page.controller';
import { shopPage, ShopPageView } from './templates/shop-page';
import { WebPages } from './web-pages.service';

/** GET /boutiques/{slug}: a shop's card and its products, searchable within the page. */
@Controller('boutiques')
@UseFilters(PagesExceptionFilter)
export class ShopPageController {
  constructor(
    private readonly profiles: ShopProfiles,
    private readonly search: SearchService,
    private readonly pages: WebPages,
  ) {}

  @Get(':slug')
  async shop(@Param('slug') slug: string, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const shop: ShopPageView['shop'] = await this.profiles.approvedBySlug(slug);
    const { params, error } = readSearch(query, { shop: [shop.slug], commune: [] });
    // Distance means nothing inside one shop.
    if (params.sort === 'distance') params.sort = 'relevance';
    const result = error ? emptyResult(params) : await this.search.search(params);
    this.pages.send(
      res,
      {
        title: shop.name,
        description: `${shop.name}, ${shop.address}, ${shop.postalCode} ${shop.commune} : horaires et produits.`,
        pageClass: 'page-shop',
        body: shopPage({ shop, hours: parseOpeningHours(shop.openingHours), now: new Date(), params, result, shopNames: {}, error }),
      },
      { status: error ? 400 : 200 },
    );
  }
}
