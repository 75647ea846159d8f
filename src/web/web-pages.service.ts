import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { HtmlValue } from './templates/html';
import { layout, LayoutOptions } from './templates/layout';
import { WebAssets } from './web-assets.service';

/** Sends a page in the common layout, with the asset URLs of this build. */
@Injectable()
export class WebPages {
  constructor(private readonly assets: WebAssets) {}

  send(
    res: Response,
    page: Omit<LayoutOptions, 'css' | 'js' | 'body'> & { body: HtmlValue; script?: boolean | 'merchant' },
    options: { status?: number; cache?: string } = {},
  ): void {
    // The merchant space has its own small script; residents' pages never load it.
    const js = page.script === false ? undefined : this.assets.url(page.script === 'merchant' ? 'merchant.js' : 'site.js');
    const body = layout({ ...page, css: this.assets.url('site.css'), js });
    res.status(options.status ?? 200);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', options.cache ?? 'no-cache');
    res.send(body.toString());
  }
}
