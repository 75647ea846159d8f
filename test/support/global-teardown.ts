import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const handle = (globalThis as any).__VITRINES_MEILI__;
  if (!handle) return;
  await handle.meili.stop();
  rmSync(handle.dataDir, { recursive: true, force: true });
}
