import { Controller, Get, Header, Query } from '@nestjs/common';
import { parseSearchParams, parseSuggestQuery } from './search-params';
import { SearchResult, SearchService } from './search.service';
import { Suggestion, SuggestService } from './suggest.service';

/** Public, read-only, identical for everyone: shared caches may keep answers for 30 s. */
@Controller('api')
export class SearchController {
  constructor(
    private readonly search: SearchService,
    private readonly suggestions: SuggestService,
  ) {}

  @Get('search')
  @Header('Cache-Control', 'public, max-age=30')
  find(@Query() query: Record<string, unknown>): Promise<SearchResult> {
    return this.search.search(parseSearchParams(query));
  }

  @Get('suggest')
  @Header('Cache-Control', 'public, max-age=30')
  async suggest(@Query() query: Record<string, unknown>): Promise<{ suggestions: Suggestion[] }> {
    return { suggestions: await this.suggestions.suggest(parseSuggestQuery(query)) };
  }
}
