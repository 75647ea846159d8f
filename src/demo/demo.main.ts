import 'reflect-metadata';
import { loadConfig } from '../config/config.loader';
import { baseUrlOf, failAndExit, startServer } from '../main';
import { registerAndSync } from './demo-registration';
import { startDemoShops } from './demo-shops';

/**
 * `npm run demo`: the server with embedded defaults (PGlite and the bundled Meilisearch
 * in DATA_DIR) on PORT, the local demo shops, each registered through the admin API and
 * synced, then the URLs to open.
 */
async function demo() {
  const config = loadConfig({ ...process.env, ALLOW_PRIVATE_HOSTS: 'true' });
  const app = await startServer(config);
  const url = baseUrlOf(config, app);
  const basePort = Number(process.env.DEMO_SHOPS_PORT || config.port + 100);
  let shops;
  try {
    shops = await startDemoShops(basePort);
  } catch (e) {
    await app.close();
    throw new Error(`DEMO_SHOPS_PORT: the demo shops need ports ${basePort}–${basePort + 4} free on 127.0.0.1 (${(e as Error).message}).`);
  }
  process.once('beforeExit', () => void Promise.all(shops.map((s) => s.close())));
  console.log(`Registering and syncing ${shops.length} demo shops…`);
  const results = await registerAndSync(url, config.adminToken, shops);
  for (const r of results) console.log(`  ${r.line}`);
  console.log('');
  console.log('Vitrines demo is running.');
  console.log(`  Resident page: ${url}/`);
  console.log(`  Admin page:    ${url}/admin   (sign in with the admin token below)`);
  console.log(`  Search API:    ${url}/api/search?q=baguette`);
  console.log(`  Shops:         ${url}/api/shops`);
  console.log(`  Admin health:  ${url}/api/admin/health   (Authorization: Bearer <admin token>)`);
  console.log(`  Health:        ${url}/health`);
  console.log(`  Metrics:       ${url}/metrics`);
  console.log(`  Admin token:   ${config.adminToken}`);
  console.log('Press Ctrl-C to stop.');
}

demo().catch(failAndExit);
