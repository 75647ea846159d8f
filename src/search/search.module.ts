import { Module } from '@nestjs/common';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';
import { SuggestService } from './suggest.service';

/** GET /api/search and GET /api/suggest (the index and the shop directory come from global modules). */
@Module({
  controllers: [SearchController],
  providers: [SearchService, SuggestService],
  exports: [SearchService],
})
export class SearchModule {}
