import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { WebAssets } from './web-assets.service';

/** GET /assets/{name}: versioned URLs are immutable for a year; anything else is revalidated. */
@Controller('assets')
export class WebAssetsController {
  constructor(private readonly assets: WebAssets) {}

  @Get(':name')
  serve(@Param('name') name: string, @Query('v') version: unknown, @Res() res: Response): void {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException('Fichier introuvable.');
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', version === asset.version ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('ETag', `"${asset.version}"`);
    if (res.req.headers['if-none-match'] === `"${asset.version}"`) {
      res.status(304).end();
      return;
    }
    res.send(asset.body);
  }
}
