import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { startEmbeddedDatabase } from './embedded-database';
import { isProcessRunning } from '../common/process-signal';

/** Real PGlite in its own process, reached with the real `pg` client over its Unix socket. */
describe('embedded database process', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vitrines-embedded-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
    return condition();
  };

  it('serves queries, keeps its data across restarts, and stops cleanly', async () => {
    const unexpectedExits: Array<number | null> = [];
    const first = await startEmbeddedDatabase(join(dir, 'pglite'), (code) => unexpectedExits.push(code));
    const pool = new Pool({ host: first.socketDir, port: first.port, user: 'postgres', database: 'postgres', max: 1 });
    await pool.query('CREATE TABLE kept (label text)');
    await pool.query('INSERT INTO kept VALUES ($1)', ['vitrine']);
    await pool.end();
    await first.stop();
    expect(isProcessRunning(first.pid)).toBe(false);
    expect(existsSync(first.socketDir)).toBe(false);

    const second = await startEmbeddedDatabase(join(dir, 'pglite'), (code) => unexpectedExits.push(code));
    const again = new Pool({ host: second.socketDir, port: second.port, user: 'postgres', database: 'postgres', max: 1 });
    expect((await again.query('SELECT label FROM kept')).rows).toEqual([{ label: 'vitrine' }]);
    await again.end();
    await second.stop();
    expect(unexpectedExits).toEqual([]);
  });

  it('accepts at once the replacement of a connection the pool discarded after an error', async () => {
    const db = await startEmbeddedDatabase(join(dir, 'pglite'), () => undefined);
    const pool = new Pool({ host: db.socketDir, port: db.port, user: 'postgres', database: 'postgres', max: 1 });
    try {
      await pool.query('CREATE TABLE unique_slugs (slug text PRIMARY KEY)');
      // As the ORM does with a failed statement: the connection is thrown away, and the
      // queued queries get a new one while the old one is still closing.
      const attempts = [1, 2, 3, 4].map(async () => {
        const client = await pool.connect();
        try {
          await client.query('INSERT INTO unique_slugs VALUES ($1)', ['cafe-mokxa']);
          client.release();
          return 'inserted';
        } catch (e) {
          client.release(true);
          return (e as { code?: string }).code;
        }
      });
      expect((await Promise.all(attempts)).sort()).toEqual(['23505', '23505', '23505', 'inserted']);
      expect((await pool.query('SELECT count(*)::int AS n FROM unique_slugs')).rows).toEqual([{ n: 1 }]);
    } finally {
      await pool.end();
      await db.stop();
    }
  });

  it('reports a database it cannot open, and leaves no process behind', async () => {
    const broken = join(dir, 'pglite');
    rmSync(broken, { recursive: true, force: true });
    writeFileSync(broken, 'not a directory');
    await expect(startEmbeddedDatabase(broken, () => undefined)).rejects.toThrow();
  });

  it('tells the server when its database stops unexpectedly', async () => {
    const exits: Array<number | null> = [];
    const db = await startEmbeddedDatabase(join(dir, 'pglite'), (code) => exits.push(code));
    process.kill(db.pid, 'SIGKILL');
    expect(await until(() => exits.length === 1)).toBe(true);
    expect(existsSync(db.socketDir)).toBe(false);
  });

  it('closes and ends when the server process is killed without warning', async () => {
    // A stand-in server: forks the database process as the real one does, then is SIGKILLed.
    mkdirSync(join(dir, 'sock'));
    const server = `const { fork } = require('node:child_process');
      const db = fork(${JSON.stringify(join(__dirname, 'pglite-server.mjs'))}, ${JSON.stringify([join(dir, 'pglite'), join(dir, 'sock', '.s.PGSQL.5432')])},
        { detached: true, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      db.on('message', (m) => process.send({ ...m, pid: db.pid }));`;
    const parent = spawn(process.execPath, ['-e', server], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await new Promise<{ ready?: boolean; pid: number }>((resolve) => parent.once('message', resolve as any));
    expect(ready.ready).toBe(true);
    expect(isProcessRunning(ready.pid)).toBe(true);
    parent.kill('SIGKILL');
    try {
      expect(await until(() => !isProcessRunning(ready.pid))).toBe(true);
      expect(existsSync(join(dir, 'sock'))).toBe(false);
    } finally {
      if (isProcessRunning(ready.pid)) process.kill(ready.pid, 'SIGKILL');
    }
  });
});
