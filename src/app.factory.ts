import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import { AppModule } from './app.module';
import { setUpApiDocs } from './common/api-docs';
import { AppLogger } from './common/app-logger';
import { DirectRoute, serveDirectly } from './common/direct-routes';
import { tuneGarbageCollector } from './common/gc-tuning';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { recordHeaders, securityHeaders } from './common/security-headers';
import type { AppConfig } from './config/config.loader';
import { SearchController } from './search/search.controller';

/** The residents' search box asks these on every keystroke: served without Express (see serveDirectly). */
const DIRECT_ROUTES: Array<DirectRoute<SearchController>> = [
  { controller: SearchController, handler: 'find' },
  { controller: SearchController, handler: 'suggest' },
];

/** Builds the whole application (not yet listening): used by main, the demo and e2e tests. */
export async function createApp(config: AppConfig, options: { logger?: boolean } = {}): Promise<INestApplication> {
  tuneGarbageCollector();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger === false ? false : new AppLogger(config.logLevel),
    abortOnError: false,
  });
  app.useGlobalFilters(new HttpExceptionFilter());
  app.disable('x-powered-by');
  // Behind a reverse proxy, the client address (rate limiting) comes from X-Forwarded-For.
  app.set('trust proxy', 'loopback');
  const security = securityHeaders();
  const compress = compression();
  app.use(security);
  app.use(compress);
  setUpApiDocs(app);
  serveDirectly(app, DIRECT_ROUTES, { headers: recordHeaders(security), compress });
  app.enableShutdownHooks();
  return app;
}
