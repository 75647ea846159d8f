import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/config.loader';
import { ConfigService } from '../config/config.service';
import { closeDriver, openDriver } from './database-driver';
import { defaultMigrationsDir, readMigrations, runMigrations } from './migration-runner';
import { PrismaService } from './prisma.service';

/**
 * Opens the database and applies pending migrations before any other module can use it:
 * the factory resolves only once the schema is current.
 */
export async function createPrismaService(config: AppConfig): Promise<PrismaService> {
  const logger = new Logger('Database');
  const driver = await openDriver({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await runMigrations(driver, readMigrations(defaultMigrationsDir()));
    logger.log(`${driver.kind === 'postgres' && !driver.embedded ? 'PostgreSQL' : 'Embedded PGlite'} at ${driver.location}; ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`);
  } catch (e) {
    await closeDriver(driver).catch(() => undefined);
    throw e;
  }
  return new PrismaService(driver);
}

@Global()
@Module({
  providers: [
    {
      provide: PrismaService,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => createPrismaService(config.values),
    },
  ],
  exports: [PrismaService],
})
export class DatabaseModule {}
