import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolConfig } from 'pg';
import { EmbeddedDatabase, startEmbeddedDatabase } from './embedded-database';

/**
 * The raw connection under Prisma: the migration runner needs it for multi-statement SQL.
 * `postgres` is any server spoken to over the wire: PostgreSQL, or the embedded PGlite in
 * its own process (`embedded`); `pglite` is PGlite in this process (throwaway test databases).
 */
export type DatabaseDriver =
  | { kind: 'pglite'; db: PGlite; location: string }
  | { kind: 'postgres'; pool: Pool; location: string; embedded?: EmbeddedDatabase };

export class DatabaseStartError extends Error {}

/** PGlite in DATA_DIR/pglite when no DATABASE_URL is given, else a pg pool on that server. */
export async function openDriver(options: { databaseUrl?: string; dataDir: string }): Promise<DatabaseDriver> {
  if (options.databaseUrl) {
    const pool = await openPool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 5000 }).catch((e) => {
      throw new DatabaseStartError(`DATABASE_URL: cannot connect to PostgreSQL at ${describeUrl(options.databaseUrl!)} (${e.message || e.code}).`);
    });
    return { kind: 'postgres', pool, location: describeUrl(options.databaseUrl) };
  }
  const dir = join(options.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const cannotOpen = (e: Error) => new DatabaseStartError(`DATA_DIR: the embedded database in ${dir} cannot be opened (${e.message}).`);
  const embedded = await startEmbeddedDatabase(dir, (code) => {
    new Logger('Database').error(`The embedded database stopped unexpectedly (code ${code}): queries fail until the server restarts.`);
  }).catch((e) => {
    throw cannotOpen(e);
  });
  try {
    // PGlite is one backend: one connection, and queries wait their turn in the pool for
    // as long as the database is busy (no acquire timeout).
    const pool = await openPool({ host: embedded.socketDir, port: embedded.port, user: 'postgres', database: 'postgres', max: 1, idleTimeoutMillis: 0 });
    return { kind: 'postgres', pool, location: dir, embedded };
  } catch (e) {
    await embedded.stop();
    throw cannotOpen(e as Error);
  }
}

async function openPool(config: PoolConfig): Promise<Pool> {
  const { Pool } = await import('pg');
  const pool = new Pool({
    ...config,
    // Prisma keeps DateTime as UTC wall-clock time in TIMESTAMP columns; now(), defaults and
    // comparisons in SQL must read them the same way, whatever the server's own time zone
    // (a server set up in France defaults to Europe/Paris). The pool hands a new connection
    // out only once this has run; if it fails, so does that checkout.
    onConnect: async (client) => {
      await client.query("SET TIME ZONE 'UTC'");
    },
  });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing
  try {
    const client = await pool.connect();
    client.release();
    return pool;
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
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
  if (driver.kind === 'postgres') {
    try {
      await driver.pool.end();
    } finally {
      await driver.embedded?.stop();
    }
  } else if (!driver.db.closed) await driver.db.close();
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
