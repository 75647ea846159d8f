import { BadRequestException, Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { parseSearchParams, SearchParams } from '../search/search-params';
import { emptyFacets, SearchResult, SearchService } from '../search/search.service';
import { ShopDirectory } from '../shops/shop-directory.service';
import { ruePage } from './templates/rue-page';
import { PagesExceptionFilter } from './pages-exception.filter';
import { WebPages } from './web-pages.service';

/** Reads the page's query string like the API does; a bad value shows on the page instead of a bare 400. */
export function readSearch(query: Record<string, unknown>, forced: Partial<SearchParams> = {}): { params: SearchParams; error?: string } {
  try {
    return { params: { ...parseSearchParams(query), ...forced } };
  } catch (e) {
    if (!(e instanceof BadRequestException)) throw e;
    const body = e.getResponse() as { message?: string };
    return { params: { ...parseSearchParams({}), ...forced }, error: body.message ?? 'Recherche invalide.' };
  }
}

export function emptyResult(p: SearchParams): SearchResult {
  return { hits: [], total: 0, page: p.page, perPage: p.perPage, facets: emptyFacets(), processingTimeMs: 0 };
}

/** GET /: the street — one search over every shop, rendered on the server. */
@Controller()
@UseFilters(PagesExceptionFilter)
export class RuePageController {
  constructor(
    private readonly search: SearchService,
    private readonly directory: ShopDirectory,
    private readonly pages: WebPages,
  ) {}

  @Get()
  async home(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { params, error } = readSearch(query);
    const result = error ? emptyResult(params) : await this.search.search(params);
    const shopNames = Object.fromEntries((await this.directory.all()).filter((s) => s.visible).map((s) => [s.slug, s.name]));
    this.pages.send(
      res,
      {
        title: params.q ? `« ${params.q} »` : 'La rue commerçante',
        section: 'rue',
        pageClass: 'page-rue',
        body: ruePage({ params, result, shopNames, error }),
      },
      { status: error ? 400 : 200 },
    );
  }
}
