import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config.error';

/**
 * Returns the secret stored in DATA_DIR/<name>, creating it (0600) on first start.
 * `wx` makes creation atomic, so two processes starting together agree on one value.
 */
export function readOrCreateSecret(dataDir: string, name: string): { value: string; created: boolean } {
  const file = join(dataDir, name);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (e) {
    throw new ConfigError(`Invalid configuration: DATA_DIR "${dataDir}" cannot be created (${(e as Error).message}).`);
  }
  const value = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' });
    return { value, created: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ConfigError(`Invalid configuration: DATA_DIR "${dataDir}" is not writable (${(e as Error).message}).`);
    }
  }
  const stored = readFileSync(file, 'utf8').trim();
  if (stored.length < 16) throw new ConfigError(`Invalid configuration: ${file} is damaged; delete it to generate a new one.`);
  return { value: stored, created: false };
}
