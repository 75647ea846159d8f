import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startBundledMeili } from '../../src/catalog/meili-server';

/**
 * One real Meilisearch for the whole run (the bundled binary). Workers are forked after
 * this, so they inherit MEILI_HOST / MEILI_MASTER_KEY; suites isolate themselves with
 * their own index names.
 */
export default async function globalSetup() {
  if (process.env.MEILI_HOST) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'vitrines-test-meili-'));
  const masterKey = randomBytes(24).toString('base64url');
  const meili = await startBundledMeili({ dataDir, masterKey, maxIndexingMemory: '512MiB' });
  process.env.MEILI_HOST = meili.host;
  process.env.MEILI_MASTER_KEY = masterKey;
  (globalThis as any).__VITRINES_MEILI__ = { meili, dataDir };
}
