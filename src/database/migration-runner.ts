import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DatabaseDriver } from './database-driver';

/** Prisma's own advisory lock key, so `prisma migrate` and this runner exclude each other. */
const ADVISORY_LOCK_KEY = 72707369;

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

/** prisma/migrations, found from the project root whether we run from src/ or dist/. */
export function defaultMigrationsDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    dir = resolve(dir, '..');
  }
  throw new MigrationError('prisma/migrations was not found next to the application.');
}

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}

interface Query {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
  exec(sql: string): Promise<void>;
}

/**
 * Applies pending migrations in order, each in its own transaction together with its
 * row in `_prisma_migrations` (the table Prisma's CLI reads). On PostgreSQL one
 * dedicated connection holds Prisma's advisory lock for the whole pass, so servers
 * starting together apply each migration exactly once. Returns the names applied.
 */
export async function runMigrations(driver: DatabaseDriver, migrations: Migration[]): Promise<string[]> {
  if (driver.kind === 'pglite') {
    const db = driver.db;
    return applyAll(migrations, {
      query: (sql, params) => db.query(sql, params),
      exec: async (sql) => {
        await db.exec(sql);
      },
    }, (fn) => db.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params), exec: async (sql) => void (await tx.exec(sql)) })));
  }
  const client = await driver.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    const q: Query = { query: (sql, params) => client.query(sql, params as any[]), exec: async (sql) => void (await client.query(sql)) };
    return await applyAll(migrations, q, async (fn) => {
      await client.query('BEGIN');
      try {
        const result = await fn(q);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

async function applyAll(
  migrations: Migration[],
  q: Query,
  inTransaction: <T>(fn: (tx: Query) => Promise<T>) => Promise<T>,
): Promise<string[]> {
  await q.exec(MIGRATIONS_TABLE);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await inTransaction(async (tx) => {
      const { rows } = await tx.query(
        'SELECT checksum FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL',
        [m.name],
      );
      if (rows.length > 0) {
        if (rows[0].checksum !== m.checksum) {
          throw new MigrationError(`Migration ${m.name}/migration.sql was changed after it was applied; restore it and add a new migration instead.`);
        }
        return true;
      }
      try {
        await tx.exec(m.sql);
      } catch (e) {
        throw new MigrationError(`Migration ${m.name}/migration.sql failed: ${(e as Error).message}`);
      }
      await tx.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)',
        [randomUUID(), m.checksum, m.name],
      );
      return false;
    });
    if (!done) applied.push(m.name);
  }
  return applied;
}
