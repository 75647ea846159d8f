import { ConflictException, Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { ClickRepository } from '../clicks/click.repository';
import type { SyncRun } from '../generated/prisma/client';
import { healthState, runView, SyncService } from '../sync/sync.service';
import { MerchantShopRepository } from './merchant-shop.repository';
import { MerchantShops } from './merchant-shops.service';

export const PAUSED_BY_MERCHANT = 'Mis en pause par le commerçant';
const CLICK_DAYS = 30;
const RUNS_READ = 20;

/** A merchant's view of one shop's sync, and the actions they may take on it. */
@Injectable()
export class MerchantDashboard {
  constructor(
    private readonly shops: MerchantShops,
    private readonly rows: MerchantShopRepository,
    private readonly sync: SyncService,
    private readonly clicks: ClickRepository,
    private readonly audit: AuditLog,
  ) {}

  async dashboard(merchantId: string, shopId: string, now = new Date()) {
    const shop = await this.shops.owned(merchantId, shopId);
    const runs = await this.sync.listRuns(shop.id, RUNS_READ);
    const latest = runs[0] ?? null;
    const lastFinished = runs.find((r) => r.status !== 'running') ?? null;
    // A pause the merchant chose is not a failure: shown as such, with nothing to fix.
    const pausedByMerchant = shop.syncPausedReason === PAUSED_BY_MERCHANT;
    const state = pausedByMerchant ? 'paused' : healthState(shop, now);
    const held = shop.heldDeletionRunId ? await this.sync.heldDeletionCounts([shop.heldDeletionRunId]) : undefined;
    const problem =
      state === 'failing' ? { errorClass: lastFinished?.status === 'succeeded' ? null : (lastFinished?.errorClass ?? null), fix: shop.syncPausedReason ?? lastFinished?.error ?? null } : null;
    return {
      shop: { id: shop.id, slug: shop.slug, name: shop.name, status: shop.status, statusReason: shop.statusReason, platform: shop.platform },
      productCount: shop.productCount,
      lastSyncedAt: iso(shop.lastSyncedAt),
      lastSuccessAt: iso(shop.lastSuccessAt),
      // Nothing is scheduled for a paused shop, nor for one not yet (or no longer) approved.
      nextSyncAt: shop.status === 'approved' && !shop.syncPausedReason ? iso(shop.nextSyncAt) : null,
      state,
      paused: shop.syncPausedReason !== null,
      pausedReason: shop.syncPausedReason,
      running: latest?.status === 'running',
      latestRun: latest && runCounts(latest),
      skippedItems: lastFinished ? skippedItems(lastFinished) : [],
      problem,
      heldDeletions: shop.heldDeletionRunId ? { runId: shop.heldDeletionRunId, count: held?.get(shop.heldDeletionRunId) ?? null } : null,
      clicks: await this.clicksPerDay(shop.id, now),
    };
  }

  /** "Synchroniser maintenant"; 409 while the shop is not approved. */
  async syncNow(merchantId: string, shopId: string): Promise<{ runId: string }> {
    const shop = await this.shops.owned(merchantId, shopId);
    if (shop.status !== 'approved') {
      throw new ConflictException("La boutique n'est pas en ligne (en attente de validation, refusée ou suspendue) : elle ne peut pas encore être synchronisée.");
    }
    const { runId, started } = await this.sync.requestSync(shop.id);
    await this.audit.record(`merchant:${merchantId}`, 'sync.requested', shop.id, { runId, started });
    return { runId };
  }

  async pause(merchantId: string, shopId: string) {
    const shop = await this.shops.owned(merchantId, shopId);
    await this.rows.setPaused(shop.id, PAUSED_BY_MERCHANT);
    await this.audit.record(`merchant:${merchantId}`, 'sync.paused', shop.id);
    return this.dashboard(merchantId, shop.id);
  }

  /** Clears any pause (the merchant's or one the platform set after failures) and syncs soon. */
  async resume(merchantId: string, shopId: string) {
    const shop = await this.shops.owned(merchantId, shopId);
    await this.rows.setPaused(shop.id, null);
    await this.audit.record(`merchant:${merchantId}`, 'sync.resumed', shop.id, { previousReason: shop.syncPausedReason });
    return this.dashboard(merchantId, shop.id);
  }

  async confirmDeletions(merchantId: string, shopId: string): Promise<{ runId: string }> {
    const shop = await this.shops.owned(merchantId, shopId);
    const result = await this.sync.confirmHeldDeletions(shop.id);
    await this.audit.record(`merchant:${merchantId}`, 'deletions.confirmed', shop.id, { runId: result.runId });
    return result;
  }

  /** Clicks per day over the last 30 days, oldest first, days without clicks at 0. */
  private async clicksPerDay(shopId: string, now: Date) {
    const days: string[] = [];
    for (let i = CLICK_DAYS - 1; i >= 0; i--) days.push(new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10));
    const totals = new Map(days.map((d) => [d, 0]));
    for (const row of await this.clicks.countsByShop(shopId, days[0])) {
      if (totals.has(row.day)) totals.set(row.day, (totals.get(row.day) ?? 0) + row.count);
    }
    const perDay = days.map((day) => ({ day, count: totals.get(day) ?? 0 }));
    return { total: perDay.reduce((s, d) => s + d.count, 0), days: perDay };
  }
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** The admin's run view (src/sync), with dates as ISO strings and without the admin-only fields. */
function runCounts(r: SyncRun) {
  const v = runView(r);
  return {
    id: v.id,
    status: v.status,
    trigger: v.trigger,
    startedAt: v.startedAt.toISOString(),
    finishedAt: iso(v.finishedAt),
    fetched: v.fetched,
    created: v.created,
    updated: v.updated,
    unchanged: v.unchanged,
    deleted: v.deleted,
    skipped: v.skipped,
    heldDeletions: v.heldDeletions,
    error: v.error,
  };
}

/** The run's sample of skipped items, each with its reason in French. */
function skippedItems(r: SyncRun): Array<{ externalId: string | null; reason: string }> {
  const raw = Array.isArray(r.skippedReasons) ? r.skippedReasons : [];
  return raw.flatMap((item) => {
    const entry = item as { externalId?: unknown; reason?: unknown } | null;
    if (!entry || typeof entry.reason !== 'string') return [];
    return [{ externalId: typeof entry.externalId === 'string' ? entry.externalId : null, reason: entry.reason }];
  });
}
