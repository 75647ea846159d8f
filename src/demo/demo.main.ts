import 'reflect-metadata';
import { loadConfig } from '../config/config.loader';
import { baseUrlOf, failAndExit, startServer } from '../main';

/**
 * `npm run demo`: the server with embedded defaults (PGlite and the bundled Meilisearch
 * in DATA_DIR) on PORT, private hosts allowed so it can read the local demo shops.
 */
async function demo() {
  const config = loadConfig({ ...process.env, ALLOW_PRIVATE_HOSTS: 'true' });
  const app = await startServer(config);
  const url = baseUrlOf(config, app);
  console.log('');
  console.log('Vitrines demo is running.');
  console.log(`  Health:        ${url}/health`);
  console.log(`  Metrics:       ${url}/metrics`);
  console.log(`  Admin token:   ${config.adminToken}`);
  console.log('Press Ctrl-C to stop.');
}

demo().catch(failAndExit);
