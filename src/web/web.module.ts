import { Module, OnModuleInit } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { ConnectModule } from '../connect/connect.module';
import { SearchModule } from '../search/search.module';
import { AdminPagesController } from './admin-pages.controller';
import { AdminSessions } from './admin-session';
import { CommunesPageController } from './communes-page.controller';
import { MERCHANT_PAGE_CONTROLLERS, MERCHANT_PAGE_PROVIDERS } from './merchant/merchant-pages';
import { PagesExceptionFilter } from './pages-exception.filter';
import { RuePageController } from './rue-page.controller';
import { ShopPageController } from './shop-page.controller';
import { WebAssetsController } from './web-assets.controller';
import { WebAssets } from './web-assets.service';
import { WebExceptionFilter } from './web-exception.filter';
import { WebPages } from './web-pages.service';

/**
 * The server-rendered French pages: the street (search), communes, shop pages, the
 * merchant space, admin.
 * Pages call the search, shops and sync services; they never reach the database or the
 * search engine themselves.
 */
@Module({
  imports: [SearchModule, ConnectModule],
  controllers: [RuePageController, CommunesPageController, ShopPageController, AdminPagesController, WebAssetsController, ...MERCHANT_PAGE_CONTROLLERS],
  providers: [
    WebAssets,
    WebPages,
    AdminSessions,
    PagesExceptionFilter,
    ...MERCHANT_PAGE_PROVIDERS,
  ],
})
export class WebModule implements OnModuleInit {
  constructor(
    private readonly appConfig: ApplicationConfig,
    private readonly pages: WebPages,
  ) {}

  /**
   * An unknown address typed in a browser gets the site's 404 page; API clients keep JSON.
   * Added after the application's own JSON filter (so it is consulted first) and before
   * the not-found handler is built, which is the only handler created after module init:
   * routes keep exactly the filters they had.
   */
  onModuleInit(): void {
    this.appConfig.addGlobalFilter(new WebExceptionFilter(this.pages, false));
  }
}
