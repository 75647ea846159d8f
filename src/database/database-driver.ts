import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';

/** The raw connection under Prisma: the migration runner needs it for multi-statement SQL. */
export type DatabaseDriver =
  | { kind: 'pglite'; db: PGlite; location: string }
  | { kind: 'postgres'; pool: Pool; location: string };

export class DatabaseStartError extends Error {}

/** PGlite in DATA_DIR/pglite when no DATABASE_URL is given, else a pg pool on that server. */
export async function openDriver(options: { databaseUrl?: string; dataDir: string }): Promise<DatabaseDriver> {
  if (options.databaseUrl) {
    const { Pool } = await import('pg');
    const pool = new Pool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing
    try {
      const client = await pool.connect();
      client.release();
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw new DatabaseStartError(
        `DATABASE_URL: cannot connect to PostgreSQL at ${describeUrl(options.databaseUrl)} (${(e as Error).message || (e as any).code}).`,
      );
    }
    return { kind: 'postgres', pool, location: describeUrl(options.databaseUrl) };
  }
  const dir = join(options.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  try {
    const db = new PGlite(dir);
    await db.waitReady;
    return { kind: 'pglite', db, location: dir };
  } catch (e) {
    throw new DatabaseStartError(`DATA_DIR: the embedded database in ${dir} cannot be opened (${(e as Error).message}).`);
  }
}

/** An in-memory PGlite, for tests that need a throwaway database. */
export async function openMemoryDriver(): Promise<DatabaseDriver> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite('memory://');
  await db.waitReady;
  return { kind: 'pglite', db, location: 'memory://' };
}

export async function closeDriver(driver: DatabaseDriver): Promise<void> {
  if (driver.kind === 'postgres') await driver.pool.end();
  else if (!driver.db.closed) await driver.db.close();
}

/** host:port/database without the password, for messages. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}
