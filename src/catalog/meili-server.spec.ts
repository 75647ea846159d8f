import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessRunning } from '../common/process-signal';
import { healthy, RunningMeili, startBundledMeili, stopLeftoverEngine } from './meili-server';

/** Real: the bundled Meilisearch binary, started and stopped as the server does. */
describe('bundled Meilisearch', () => {
  let dataDir: string;
  const started: RunningMeili[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vitrines-meili-'));
  });
  afterEach(async () => {
    for (const engine of started.splice(0)) await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops the engine a killed server left running on the same data before starting its own', async () => {
    const leftover = await startBundledMeili({ dataDir, masterKey: 'a-master-key-of-sixteen-bytes' });
    started.push(leftover);
    // The server that started it is gone without stopping it: only its pid file is left.
    const next = await startBundledMeili({ dataDir, masterKey: 'a-master-key-of-sixteen-bytes' });
    started.push(next);
    expect(isProcessRunning(leftover.process.pid!)).toBe(false);
    expect(await healthy(next.host)).toBe(true);
    await next.stop();
    expect(existsSync(join(dataDir, 'meilisearch.pid'))).toBe(false);
  });

  it('leaves alone a process that is not an engine of this data directory', async () => {
    const pidFile = join(dataDir, 'meilisearch.pid');
    writeFileSync(pidFile, String(process.pid));
    expect(await stopLeftoverEngine(pidFile, join(dataDir, 'data.ms'))).toBeUndefined();
    writeFileSync(pidFile, 'not a pid');
    expect(await stopLeftoverEngine(pidFile, join(dataDir, 'data.ms'))).toBeUndefined();
    expect(isProcessRunning(process.pid)).toBe(true);
  });
});
