import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Offline guard: any existing file stops the CLI from trying to download native engines.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= __filename;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= __filename;

// pglite-prisma-adapter 0.6.1 does not await exec() in executeScript and sends whole
// scripts through prepared statements; route argument-less SQL through exec() instead.
async function pglite(dataDir: string) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const db = new PGlite(dataDir);
  const adapter: any = await new PrismaPGlite(db).connect();
  const executeRaw = adapter.executeRaw.bind(adapter);
  const viaExec = async (sql: string) => {
    try {
      return (await db.exec(sql)).reduce((n, r) => n + (r.affectedRows ?? 0), 0);
    } catch (e) {
      return adapter.onError(e);
    }
  };
  adapter.executeScript = async (s: string) => {
    await viaExec(s);
  };
  adapter.executeRaw = (q: { sql: string; args: unknown[] }) => (q.args.length ? executeRaw(q) : viaExec(q.sql));
  const dispose = adapter.dispose?.bind(adapter);
  adapter.dispose = async () => {
    await dispose?.();
    await db.close();
  };
  return adapter;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (url) {
      const { PrismaPg } = await import('@prisma/adapter-pg');
      const pg = new PrismaPg({ connectionString: url, allowExitOnIdle: true });
      // adapter-pg's own shadow database is the main database (connectionString wins): never use it.
      return Object.assign(pg, { connectToShadowDb: () => pglite('memory://') });
    }
    return {
      provider: 'postgres' as const,
      adapterName: 'pglite-prisma-adapter',
      connect: () => pglite(process.env.PGLITE_DIR || 'memory://'),
      connectToShadowDb: () => pglite('memory://'),
    };
  },
});
