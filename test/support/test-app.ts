import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/config.loader';
import { createPostgresDatabase, TestPostgres } from './test-database';

/**
 * A real application for end-to-end tests: real Meilisearch (the one globalSetup started,
 * with an index of the suite's own), real database (PGlite in a temporary DATA_DIR, or a
 * fresh PostgreSQL database). Nothing is mocked.
 */
export interface TestEnvironment {
  config: AppConfig;
  dataDir: string;
  postgres?: TestPostgres;
  start(): Promise<INestApplication>;
  dispose(): Promise<void>;
}

export async function testEnvironment(
  target: 'pglite' | 'postgres',
  env: Record<string, string> = {},
): Promise<TestEnvironment> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vitrines-e2e-'));
  const postgres = target === 'postgres' ? await createPostgresDatabase() : undefined;
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: postgres?.url,
    MEILI_HOST: process.env.MEILI_HOST,
    MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY,
    MEILI_INDEX: `test_${randomBytes(5).toString('hex')}`,
    SYNC_SCHEDULER: 'false',
    PUBLIC_RATE_LIMIT: '0',
    ALLOW_PRIVATE_HOSTS: 'true',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const apps: INestApplication[] = [];
  return {
    config,
    dataDir,
    postgres,
    async start() {
      const app = await createApp(config, { logger: false });
      await app.init();
      apps.push(app);
      return app;
    },
    async dispose() {
      for (const app of apps) await app.close().catch(() => undefined);
      await postgres?.drop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
