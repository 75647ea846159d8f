import type { DemoShop } from './demo-shops';

interface ShopRow {
  id: string;
  slug: string;
  name: string;
}

/**
 * Registers each demo shop, with its profile (hours, pickup, delivery), through the admin
 * API (once: a restarted demo finds it by name), starts a sync of each, and waits until
 * every run has finished.
 */
export async function registerAndSync(baseUrl: string, adminToken: string, shops: DemoShop[]): Promise<Array<{ line: string }>> {
  const auth = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' };
  const existing = await listAllShops(baseUrl, auth);
  const runs: Array<{ name: string; shopId: string; runId: string }> = [];
  for (const shop of shops) {
    let id = existing.find((s) => s.name === shop.registration.name)?.id;
    if (!id) {
      const res = await fetch(`${baseUrl}/api/admin/shops`, { method: 'POST', headers: auth, body: JSON.stringify(shop.registration) });
      if (res.status !== 201) throw new Error(`registering ${shop.registration.name} failed: HTTP ${res.status} ${await res.text()}`);
      id = ((await res.json()) as { id: string }).id;
    }
    const sync = await fetch(`${baseUrl}/api/admin/shops/${id}/sync`, { method: 'POST', headers: auth });
    if (sync.status !== 202) throw new Error(`syncing ${shop.registration.name} failed: HTTP ${sync.status}`);
    runs.push({ name: shop.registration.name, shopId: id, runId: ((await sync.json()) as { runId: string }).runId });
  }
  const lines: Array<{ line: string }> = [];
  for (const r of runs) {
    const run = await waitForRun(baseUrl, auth, r.shopId, r.runId);
    lines.push({
      line:
        run.status === 'succeeded'
          ? `✔ ${r.name}: ${run.fetched} produits lus, ${run.created} nouveaux, ${run.updated} modifiés, ${run.skipped} ignorés`
          : `✘ ${r.name}: échec (${run.errorClass}) — ${run.error}`,
    });
  }
  return lines;
}

/** The admin health list holds every shop, approved or not. */
async function listAllShops(baseUrl: string, auth: Record<string, string>): Promise<ShopRow[]> {
  const res = await fetch(`${baseUrl}/api/admin/health`, { headers: auth });
  if (!res.ok) return [];
  const body = (await res.json()) as { shops: Array<{ shopId: string; slug: string; name: string }> };
  return body.shops.map((s) => ({ id: s.shopId, slug: s.slug, name: s.name }));
}

async function waitForRun(baseUrl: string, auth: Record<string, string>, shopId: string, runId: string) {
  for (let i = 0; i < 1200; i++) {
    const res = await fetch(`${baseUrl}/api/admin/sync-runs?shopId=${shopId}&limit=5`, { headers: auth });
    const run = ((await res.json()) as { runs: any[] }).runs.find((x) => x.id === runId);
    if (run && run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the sync of shop ${shopId} did not finish in 5 minutes`);
}
