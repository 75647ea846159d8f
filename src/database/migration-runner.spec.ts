import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createPostgresDatabase, databaseTargets } from '../../test/support/test-database';
import { closeDriver, DatabaseDriver, openMemoryDriver } from './database-driver';
import { defaultMigrationsDir, MigrationError, readMigrations, runMigrations } from './migration-runner';

/** Real databases: in-memory PGlite, and PostgreSQL when TEST_DATABASE_URL is set. */
describe.each(databaseTargets)('migration runner on %s', (target) => {
  let driver: DatabaseDriver;
  let dropDatabase: (() => Promise<void>) | undefined;
  let migrationsDir: string;

  beforeEach(async () => {
    migrationsDir = mkdtempSync(join(tmpdir(), 'vitrines-migrations-'));
    if (target === 'pglite') {
      driver = await openMemoryDriver();
    } else {
      const pg = await createPostgresDatabase();
      dropDatabase = pg.drop;
      driver = { kind: 'postgres', pool: new Pool({ connectionString: pg.url }), location: pg.url };
    }
  });

  afterEach(async () => {
    await closeDriver(driver);
    await dropDatabase?.();
    rmSync(migrationsDir, { recursive: true, force: true });
  });

  const write = (name: string, sql: string) => {
    mkdirSync(join(migrationsDir, name), { recursive: true });
    writeFileSync(join(migrationsDir, name, 'migration.sql'), sql);
  };
  const query = async (sql: string) =>
    driver.kind === 'pglite' ? (await driver.db.query<any>(sql)).rows : (await driver.pool.query(sql)).rows;

  it('applies the project migrations to a fresh database, then nothing the second time', async () => {
    const migrations = readMigrations(defaultMigrationsDir());
    expect(migrations.length).toBeGreaterThan(0);
    expect(await runMigrations(driver, migrations)).toEqual(migrations.map((m) => m.name));
    expect(await runMigrations(driver, migrations)).toEqual([]);
    const tables = (await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).map((r: any) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(['Shop', 'SyncRun', 'ProductState', 'Click', '_prisma_migrations']));
    const rows = await query(`SELECT migration_name, applied_steps_count, finished_at FROM "_prisma_migrations"`);
    expect(rows).toHaveLength(migrations.length);
    expect(rows.every((r: any) => r.applied_steps_count === 1 && r.finished_at)).toBe(true);
  });

  it('applies migrations in folder-name order, each once', async () => {
    write('20260101000000_a', 'CREATE TABLE a (id int);');
    write('20260102000000_b', 'ALTER TABLE a ADD COLUMN name text; CREATE TABLE b (id int);');
    expect(await runMigrations(driver, readMigrations(migrationsDir))).toEqual(['20260101000000_a', '20260102000000_b']);
    write('20260103000000_c', 'CREATE TABLE c (id int);');
    expect(await runMigrations(driver, readMigrations(migrationsDir))).toEqual(['20260103000000_c']);
  });

  it('rolls back a failing migration and names its file', async () => {
    write('20260101000000_ok', 'CREATE TABLE ok_table (id int);');
    write('20260102000000_broken', 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;');
    await expect(runMigrations(driver, readMigrations(migrationsDir))).rejects.toThrow(
      new RegExp('Migration 20260102000000_broken/migration.sql failed'),
    );
    const tables = (await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).map((r: any) => r.table_name);
    expect(tables).toContain('ok_table');
    expect(tables).not.toContain('half_done');
    const names = (await query(`SELECT migration_name FROM "_prisma_migrations"`)).map((r: any) => r.migration_name);
    expect(names).toEqual(['20260101000000_ok']);
  });

  it('refuses to start when an applied migration was edited', async () => {
    write('20260101000000_a', 'CREATE TABLE a (id int);');
    await runMigrations(driver, readMigrations(migrationsDir));
    write('20260101000000_a', 'CREATE TABLE a (id bigint);');
    await expect(runMigrations(driver, readMigrations(migrationsDir))).rejects.toBeInstanceOf(MigrationError);
  });

  if (target === 'postgres') {
    it('applies each migration exactly once when two servers start together', async () => {
      write('20260101000000_a', 'CREATE TABLE a (id int); SELECT pg_sleep(0.3);');
      write('20260102000000_b', 'CREATE TABLE b (id int);');
      const other: DatabaseDriver = { kind: 'postgres', pool: new Pool({ connectionString: driver.location }), location: driver.location };
      try {
        const migrations = readMigrations(migrationsDir);
        const [first, second] = await Promise.all([runMigrations(driver, migrations), runMigrations(other, migrations)]);
        expect([...first, ...second].sort()).toEqual(['20260101000000_a', '20260102000000_b']);
        const rows = await query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
        expect(rows[0].n).toBe(2);
      } finally {
        await closeDriver(other);
      }
    });
  }
});
