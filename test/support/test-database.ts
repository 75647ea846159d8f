import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * PostgreSQL for tests: set TEST_DATABASE_URL (CI does) to run the database suites on a
 * real server as well as on PGlite. Each suite gets a database of its own.
 */
export const postgresTestUrl = process.env.TEST_DATABASE_URL || undefined;

/** The database targets a suite runs on: always PGlite, PostgreSQL when configured. */
export const databaseTargets: Array<'pglite' | 'postgres'> = postgresTestUrl ? ['pglite', 'postgres'] : ['pglite'];

export interface TestPostgres {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database on `serverUrl` (TEST_DATABASE_URL by default), dropped by `drop()`. */
export async function createPostgresDatabase(serverUrl = postgresTestUrl, prefix = 'vitrines_test'): Promise<TestPostgres> {
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
