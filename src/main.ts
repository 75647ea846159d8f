import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig, loadConfig } from './config/config.loader';

/**
 * Starts the server. Every start-up failure ends the process with one sentence that
 * names what to fix (a variable, a port, a file) and exit code 1 — never a stack trace.
 */
export async function startServer(config: AppConfig): Promise<INestApplication> {
  const app = await createApp(config);
  try {
    await app.listen(config.port, config.host);
  } catch (e) {
    await app.close().catch(() => undefined);
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`PORT ${config.port} is already in use on ${config.host}: stop the other server or choose another PORT.`);
    }
    if ((e as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL' || (e as NodeJS.ErrnoException).code === 'ENOTFOUND') {
      throw new Error(`HOST ${config.host} is not an address of this machine.`);
    }
    throw e;
  }
  return app;
}

export function baseUrlOf(config: AppConfig, app: INestApplication): string {
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
}

export function failAndExit(e: unknown): never {
  const message = ((e as Error)?.message ?? String(e)).split('\n')[0];
  process.stderr.write(`Vitrines could not start: ${message}\n`);
  process.exit(1);
}

export async function main(): Promise<void> {
  try {
    await run();
  } catch (e) {
    failAndExit(e);
  }
}

async function run() {
  const config = loadConfig();
  const app = await startServer(config);
  const url = baseUrlOf(config, app);
  console.log(`Vitrines is listening on ${url}`);
  console.log(`  Health:  ${url}/health`);
  if (config.adminTokenGenerated) console.log(`  Admin token (generated into ${config.dataDir}/admin-token): ${config.adminToken}`);
}

if (require.main === module) void main();
