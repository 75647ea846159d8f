import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How long the embedded database may take to open (a first start creates it). */
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
/** libpq's name for a server's socket in its directory: `pg` finds it from host and port. */
const SOCKET_PORT = 5432;

export interface EmbeddedDatabase {
  /** Directory of the Unix socket, the `host` a `pg` client is given (with SOCKET_PORT). */
  socketDir: string;
  port: number;
  /** The database process (for monitoring its resources). */
  pid: number;
  /** Closes the database and waits for its process to end. */
  stop(): Promise<void>;
}

/**
 * Starts PGlite on `dataDir` in a process of its own (see pglite-server.mjs) and resolves
 * once it accepts connections. The socket lives in a private directory of its own
 * (mode 0700, created by mkdtemp): only this user can reach the database.
 */
export async function startEmbeddedDatabase(dataDir: string, onExit: (code: number | null) => void): Promise<EmbeddedDatabase> {
  const socketDir = mkdtempSync(join(tmpdir(), 'vitrines-db-'));
  const removeSocketDir = () => rmSync(socketDir, { recursive: true, force: true });
  const child = fork(join(__dirname, 'pglite-server.mjs'), [dataDir, join(socketDir, `.s.PGSQL.${SOCKET_PORT}`)], {
    // Its own process group: a terminal's Ctrl-C goes to the server, which stops it last.
    detached: true,
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    await whenReady(child);
  } catch (e) {
    child.kill('SIGKILL');
    removeSocketDir();
    throw e;
  }
  let stopping = false;
  child.once('exit', (code) => {
    removeSocketDir();
    if (!stopping) onExit(code);
  });
  return {
    socketDir,
    port: SOCKET_PORT,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // Without the channel it is already closing: it leaves when its parent's channel goes.
      if (child.connected) child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

function whenReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no answer after ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (m: any) => done(m?.ready ? undefined : new Error(String(m?.error ?? 'unexpected message')));
    const onExit = (code: number | null) => done(new Error(`its process ended with code ${code}`));
    const onError = (e: Error) => done(e);
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.on('error', onError);
  });
}
