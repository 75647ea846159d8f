import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SearchEngine } from '../catalog/search-engine';
import { PrismaService } from '../database/prisma.service';

@Controller()
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: SearchEngine,
  ) {}

  /** 200 when the database and the search engine both answer, 503 naming the part that does not. */
  @Get('health')
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, search] = await Promise.all([this.prisma.isUp(), this.engine.isUp()]);
    const body = { status: database && search ? 'ok' : 'error', database: database ? 'up' : 'down', search: search ? 'up' : 'down' };
    res.status(database && search ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    res.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
