import { Controller, Get, NotFoundException, Param, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { parseSearchParams } from '../search/search-params';
import { SearchService } from '../search/search.service';
import { ShopProfiles } from '../shops/shop-profiles.service';
import type { PublicShop } from '../shops/shop-views';
import { PagesExceptionFilter } from './pages-exception.filter';
import { communePage, communesPage, CommuneSummary } from './templates/communes-page';
import { WebPages } from './web-pages.service';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
const byFrenchName = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** GET /communes and /communes/{name}: the street browsed commune by commune. */
@Controller('communes')
@UseFilters(PagesExceptionFilter)
export class CommunesPageController {
  constructor(
    private readonly profiles: ShopProfiles,
    private readonly search: SearchService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async list(@Res() res: Response): Promise<void> {
    const byCommune = new Map<string, CommuneSummary>();
    for (const s of await this.profiles.listApproved()) {
      const c = byCommune.get(s.commune) ?? { name: s.commune, shops: 0, products: 0 };
      c.shops++;
      c.products += s.productCount;
      byCommune.set(s.commune, c);
    }
    const communes = [...byCommune.values()].sort((a, b) => byFrenchName.compare(a.name, b.name));
    this.pages.send(res, { title: 'Communes', section: 'communes', body: communesPage(communes) });
  }

  @Get(':name')
  async one(@Param('name') name: string, @Res() res: Response): Promise<void> {
    const wanted = fold(name.slice(0, 100));
    const shops: PublicShop[] = (await this.profiles.listApproved()).filter((s) => fold(s.commune) === wanted);
    if (!shops.length) throw new NotFoundException(`Aucune boutique n'est en ligne pour la commune « ${name.slice(0, 80)} ».`);
    // What each shop sells: its category counts, one small query per shop (a commune has few).
    const withCategories = await Promise.all(
      shops.map(async (shop) => {
        const r = await this.search.search(parseSearchParams({ shop: shop.slug, perPage: '1' }));
        const categories = Object.entries(r.facets.category).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'));
        return { shop, categories };
      }),
    );
    const commune = shops[0].commune;
    this.pages.send(res, { title: `Boutiques à ${commune}`, section: 'communes', body: communePage(commune, withCategories) });
  }
}
