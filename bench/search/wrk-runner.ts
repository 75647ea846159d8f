import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const WRK_MISSING = 'install wrk: apt-get install -y wrk';

/** Figures of one wrk run. */
export interface LoadFigures {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  reqPerSec: number;
  requests: number;
  durationS: number;
  /** Connect/read/write errors, timeouts and non-2xx answers. */
  errors: number;
}

export function wrkAvailable(): boolean {
  // `wrk -v` prints its version then exits non-zero: only a missing binary matters.
  const probe = spawnSync('wrk', ['-v'], { stdio: 'ignore' });
  return !(probe.error && (probe.error as NodeJS.ErrnoException).code === 'ENOENT');
}

/** The Lua scripts live beside the sources (the build does not copy them). */
export function luaScript(name: string): string {
  for (const dir of [__dirname, join(__dirname, '..', '..', '..', 'bench', 'search')]) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`Lua script ${name} not found next to ${__dirname}`);
}

export interface WrkRun {
  url: string;
  script: string;
  /** Passed to the script's init(). */
  args: string[];
  connections: number;
  seconds: number;
}

/** One fixed-duration wrk run, at most 2 threads; killed if it overruns its duration. */
export function runWrk(run: WrkRun): Promise<LoadFigures> {
  const threads = String(Math.min(2, run.connections));
  const argv = ['-t', threads, '-c', String(run.connections), '-d', `${run.seconds}s`, '--timeout', '10s', '-s', luaScript(run.script), run.url, '--', ...run.args];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), (run.seconds + 30) * 1000);
    child.once('error', (e) => {
      clearTimeout(killer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      const line = out.split('\n').find((l) => l.startsWith('WRK_JSON '));
      if (!line) return reject(new Error(`wrk ${signal ? `killed (${signal})` : `exited with ${code}`} without figures: ${err.trim() || out.trim()}`));
      if (err.trim()) console.warn(`  wrk: ${err.trim().split('\n').slice(0, 3).join(' | ')}`);
      resolve(figures(JSON.parse(line.slice('WRK_JSON '.length))));
    });
  });
}

interface WrkJson {
  requests: number;
  durationUs: number;
  latencyUs: { percentiles: Record<string, number> };
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  non2xx: number;
}

function figures(j: WrkJson): LoadFigures {
  const durationS = j.durationUs / 1e6;
  const e = j.errors;
  return {
    p50Ms: j.latencyUs.percentiles['50'] / 1000,
    p90Ms: j.latencyUs.percentiles['90'] / 1000,
    p99Ms: j.latencyUs.percentiles['99'] / 1000,
    reqPerSec: j.requests / durationS,
    requests: j.requests,
    durationS,
    // wrk's own `status` counts answers above 399, which non2xx already includes.
    errors: e.connect + e.read + e.write + e.timeout + Math.max(e.status, j.non2xx),
  };
}
