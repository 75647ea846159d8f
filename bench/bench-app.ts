import type { INestApplication } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { getHeapSpaceStatistics } from 'node:v8';
import { createApp } from '../src/app.factory';
import { AppConfig, loadConfig } from '../src/config/config.loader';
import { createPostgresDatabase } from '../test/support/test-database';
import { processRssBytes } from './bench-kit';

/** The real application on embedded defaults in a throwaway DATA_DIR (its own bundled Meilisearch). */
export async function startBenchApp(env: Record<string, string> = {}): Promise<{ app: INestApplication; config: AppConfig; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vitrines-bench-'));
  // BENCH_DATABASE_URL=postgres://… measures against PostgreSQL (a fresh database) instead of embedded PGlite.
  const postgres = process.env.BENCH_DATABASE_URL ? await createPostgresDatabase(process.env.BENCH_DATABASE_URL, 'vitrines_bench') : undefined;
  const config = loadConfig({
    DATA_DIR: dataDir,
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    SYNC_SCHEDULER: 'false',
    PUBLIC_RATE_LIMIT: '0',
    ALLOW_PRIVATE_HOSTS: 'true',
    LOG_LEVEL: 'error',
    MEILI_MAX_INDEXING_MEMORY: '1GiB',
    ...env,
  });
  const app = await createApp(config, { logger: false });
  await app.init();
  return {
    app,
    config,
    async dispose() {
      await app.close();
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts bench/fleet-server.js in a child process and returns the shop URLs. */
export async function startFleet(
  kind: 'feed' | 'woocommerce',
  shops: number,
  products: number,
  texts: 'realistic' | 'short' = 'realistic',
): Promise<{ urls: string[]; stop(): void }> {
  const child = spawn(process.execPath, [join(__dirname, 'fleet-server.js'), kind, String(shops), String(products), texts], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fleet server exited with ${code}`)));
  });
  return { urls: JSON.parse(line).urls, stop: () => child.kill('SIGTERM') };
}

/** Samples this process's RSS until stopped; returns the peak in MB (and the V8 heap's own peak, to tell garbage from the rest). */
export function rssSampler(otherPid?: number): { stop(): number; heapPeakMb(): number; otherPeakMb(): number; atPeak(): string } {
  let peak = process.memoryUsage().rss;
  let heapPeak = process.memoryUsage().heapTotal;
  let otherPeak = otherPid ? processRssBytes(otherPid) : 0;
  let atPeak = process.memoryUsage();
  let spacesAtPeak = heapSpaces();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak) {
      atPeak = m;
      spacesAtPeak = heapSpaces();
    }
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapTotal);
    if (otherPid) otherPeak = Math.max(otherPeak, processRssBytes(otherPid));
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 1024 / 1024;
    },
    heapPeakMb: () => heapPeak / 1024 / 1024,
    otherPeakMb: () => otherPeak / 1024 / 1024,
    /** What the process held when its RSS peaked: V8's heap, and Buffers and other memory outside it. */
    atPeak: () => `at the peak: V8 heap ${mb(atPeak.heapTotal)} MB (${mb(atPeak.heapUsed)} used: ${spacesAtPeak}), Buffers ${mb(atPeak.arrayBuffers)} MB`,
  };
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

/** Used MB per V8 heap space: large strings and arrays live in the large-object space until a full collection. */
function heapSpaces(): string {
  const short: Record<string, string> = { new_space: 'young', old_space: 'old', large_object_space: 'large objects', new_large_object_space: 'young large objects', code_space: 'code' };
  return getHeapSpaceStatistics()
    .filter((s) => short[s.space_name])
    .map((s) => `${short[s.space_name]} ${mb(s.space_used_size)}`)
    .join(', ');
}
