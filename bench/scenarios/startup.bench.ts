import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config.loader';
import { BenchRow, Scenario, timed } from '../bench-kit';

/** Time from nothing to a healthy server with embedded defaults: first start, then a restart. */
export const startup: Scenario = {
  name: 'startup',
  description: 'embedded start (PGlite + bundled Meilisearch) to a healthy /health',
  async run(): Promise<BenchRow[]> {
    const dataDir = mkdtempSync(join(tmpdir(), 'vitrines-bench-startup-'));
    const config = loadConfig({ DATA_DIR: dataDir, SYNC_SCHEDULER: 'false', PORT: '0', LOG_LEVEL: 'error' });
    const rows: BenchRow[] = [];
    try {
      for (const label of ['first start (creates database and index)', 'restart (same DATA_DIR)']) {
        const { ms } = await timed(async () => {
          const app = await createApp(config, { logger: false });
          await app.listen(0, '127.0.0.1');
          const port = app.getHttpServer().address().port;
          const res = await fetch(`http://127.0.0.1:${port}/health`);
          if (res.status !== 200) throw new Error(`health answered ${res.status}`);
          await app.close();
        });
        rows.push({ scenario: 'startup', metric: label, value: ms / 1000, unit: 's' });
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    return rows;
  },
};
