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

  /**
   * A statement straight to the driver, for the sync's per-batch statements with large
   * array parameters: the Prisma client passes every parameter through its query
   * compiler, which costs several times the driver's own CPU for a 1,000-row batch.
   * Not part of any Prisma transaction.
   */
  async bulk<T>(sql: string, params: unknown[]): Promise<T[]> {
    const driver = this.driver;
    // A Buffer goes to PostgreSQL as the bytes of a text-like value (binary format); the
    // in-memory PGlite of some tests would take it for bytea.
    const result =
      driver.kind === 'postgres'
        ? await driver.pool.query(sql, params)
        : await driver.db.query(sql, params.map((p) => (Buffer.isBuffer(p) ? p.toString('utf8') : p)));
    return result.rows as T[];
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
