import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { setUpApiDocs } from './common/api-docs';
import { AppLogger } from './common/app-logger';
import { HttpExceptionFilter } from './common/http-exception.filter';
import type { AppConfig } from './config/config.loader';

/** Builds the whole application (not yet listening): used by main, the demo and e2e tests. */
export async function createApp(config: AppConfig, options: { logger?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger === false ? false : new AppLogger(config.logLevel),
    abortOnError: false,
  });
  app.useGlobalFilters(new HttpExceptionFilter());
  app.disable('x-powered-by');
  // Behind a reverse proxy, the client address (rate limiting) comes from X-Forwarded-For.
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'https:', 'http:'],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(compression());
  setUpApiDocs(app);
  app.enableShutdownHooks();
  return app;
}
