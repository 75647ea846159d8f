import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import { CatalogWriter } from './catalog-writer.service';
import { ProductIndexService } from './product-index.service';
import { SearchEngine } from './search-engine';

@Global()
@Module({
  providers: [
    { provide: SearchEngine, inject: [ConfigService], useFactory: (config: ConfigService) => SearchEngine.connect(config.values) },
    ProductIndexService,
    CatalogWriter,
  ],
  exports: [SearchEngine, ProductIndexService, CatalogWriter],
})
export class CatalogModule implements OnApplicationShutdown {
  constructor(@Inject(SearchEngine) private readonly engine: SearchEngine) {}

  /** Last step of shutdown, after everything that writes to the index has stopped. */
  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
  }
}
