import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client';
import { closeDriver, DatabaseDriver } from './database-driver';

/** The Prisma client over whichever driver the configuration chose (PGlite or PostgreSQL). */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  private readonly logger = new Logger('Database');

  constructor(readonly driver: DatabaseDriver) {
    super({ adapter: driver.kind === 'postgres' ? new PrismaPg(driver.pool) : new PrismaPGlite(driver.db) });
  }

  /** True when the database answers a trivial query. */
  async isUp(): Promise<boolean> {
    try {
      await this.$queryRawUnsafe('SELECT 1');
      return true;
    } catch (e) {
      this.logger.warn(`Health check failed: ${(e as Error).message}`);
      return false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect().catch(() => undefined);
    await closeDriver(this.driver).catch(() => undefined);
  }
}
