import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WebAsset {
  name: string;
  body: Buffer;
  type: string;
  /** First characters of the content's SHA-256: the `?v=` of its URL, so it may be cached for a year. */
  version: string;
  url: string;
}

const FILES: Record<string, string> = {
  'site.css': 'text/css; charset=utf-8',
  'site.js': 'text/javascript; charset=utf-8',
  'merchant.js': 'text/javascript; charset=utf-8',
};

/**
 * The pages' one stylesheet and their scripts (residents' site.js; merchant.js, loaded only
 * in the merchant space), read once at start from web/assets (copied next to the compiled
 * code by nest-cli's assets rule).
 */
@Injectable()
export class WebAssets {
  private readonly assets = new Map<string, WebAsset>();

  constructor() {
    for (const [name, type] of Object.entries(FILES)) {
      const body = readFileSync(join(__dirname, 'assets', name));
      const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
      this.assets.set(name, { name, body, type, version, url: `/assets/${name}?v=${version}` });
    }
  }

  get(name: string): WebAsset | undefined {
    return this.assets.get(name);
  }

  url(name: 'site.css' | 'site.js' | 'merchant.js'): string {
    return this.assets.get(name)!.url;
  }
}
