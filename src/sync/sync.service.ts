import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { CatalogWriter } from '../catalog/catalog-writer.service';
import type { ProductDocument } from '../catalog/product-document';
import type { SyncRun } from '../generated/prisma/client';
import { ProductStateRepository } from './product-state.repository';
import { ShopLeaseRepository } from './shop-lease.repository';
import { ShopSyncRepository } from './shop-sync.repository';
import { SyncLauncher } from './sync-launcher.service';
import { SyncRunRepository } from './sync-run.repository';

export type ShopHealthState = 'healthy' | 'stale' | 'failing' | 'never-synced';

/** What admin pages and endpoints may ask of the sync engine. */
@Injectable()
export class SyncService {
  constructor(
    private readonly shops: ShopSyncRepository,
    private readonly launcher: SyncLauncher,
    private readonly runs: SyncRunRepository,
    private readonly states: ProductStateRepository,
    private readonly catalog: CatalogWriter,
    private readonly leases: ShopLeaseRepository,
  ) {}

  /** Starts a run now, or returns the one already running for that shop. */
  async requestSync(shopId: string, options: { forceFull?: boolean } = {}): Promise<{ runId: string; started: boolean; done?: Promise<SyncRun> }> {
    // A manual sync is the merchant or admin acting: it lifts a pause.
    if (!(await this.shops.clearPause(shopId))) throw new NotFoundException('Boutique introuvable.');
    for (let attempt = 0; attempt < 20; attempt++) {
      const launched = await this.launcher.launch(shopId, { trigger: 'manual', forceFull: options.forceFull });
      if (launched) return { runId: launched.run.id, started: launched.started, done: launched.done };
      // Leased by another process that has not recorded its run yet.
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new NotFoundException('La boutique est en cours de synchronisation par un autre serveur.');
  }

  /**
   * Confirms held deletions: a full pass allowed to remove what the source no longer lists.
   * Done under the shop's sync lease: a run writing meanwhile could list again a product
   * the held pass missed, and confirming would then delete it.
   */
  async confirmHeldDeletions(shopId: string): Promise<{ runId: string }> {
    const nothingHeld = () => new NotFoundException('Aucune suppression en attente pour cette boutique.');
    const found = await this.shops.find(shopId);
    if (!found) throw new NotFoundException('Boutique introuvable.');
    if (!found.heldDeletionRunId) throw nothingHeld();
    const owner = `confirm:${randomUUID()}`;
    if (!(await this.leases.claim(shopId, owner))) {
      throw new ConflictException('La boutique est en cours de synchronisation : réessayez dans un instant.');
    }
    try {
      // Read under the lease: a run that ended just before may have lifted the hold.
      const shop = await this.shops.find(shopId);
      if (!shop?.heldDeletionRunId) throw nothingHeld();
      let deleted = 0;
      for await (const ids of this.states.unseenDocumentIds(shopId, shop.heldDeletionRunId)) {
        await this.catalog.deleteIds(ids);
        await this.states.deleteByDocumentIds(ids);
        deleted += ids.length;
        await this.leases.renew(shopId, owner); // a large catalogue may take longer than one lease
      }
      await this.shops.clearHeldDeletions(shopId, await this.states.count(shopId));
      await this.runs.recordConfirmedDeletions(shop.heldDeletionRunId, deleted);
      return { runId: shop.heldDeletionRunId };
    } finally {
      await this.leases.release(shopId, owner);
    }
  }

  listRuns(shopId: string | undefined, limit: number): Promise<SyncRun[]> {
    return this.runs.list({ shopId, limit });
  }

  /** One row per shop: the admin's health screen. */
  async fleetHealth(now = new Date()) {
    const shops = await this.shops.withLatestRun();
    // The held run is not always the latest: later runs that decide nothing keep the hold.
    const held = await this.heldDeletionCounts(shops.flatMap((s) => s.heldDeletionRunId ?? []));
    return shops.map((s) => {
      const lastRun = s.runs[0];
      return {
        id: s.id,
        shopId: s.id,
        slug: s.slug,
        name: s.name,
        platform: s.platform,
        status: s.status,
        state: healthState(s, now),
        productCount: s.productCount,
        lastRun: lastRun ? runView(lastRun) : null,
        lastSyncedAt: s.lastSyncedAt,
        lastSuccessAt: s.lastSuccessAt,
        consecutiveFailures: s.consecutiveFailures,
        nextSyncAt: s.nextSyncAt,
        pausedReason: s.syncPausedReason,
        heldDeletions: s.heldDeletionRunId ? (held.get(s.heldDeletionRunId) ?? null) : 0,
      };
    });
  }

  /** How many deletions each of these runs holds for confirmation. */
  heldDeletionCounts(runIds: string[]): Promise<Map<string, number>> {
    return this.runs.heldDeletionCounts(runIds);
  }

  /**
   * Rebuilds the index from stored documents and swaps it in. Runs may keep writing
   * meanwhile: what they stored after the rebuild started is written again to the new
   * index once it is live, so no change is lost in the swap.
   */
  async reindex(): Promise<{ documents: number }> {
    const startedAt = new Date(Date.now() - 1000);
    const result = await this.catalog.rebuild(this.states.allDocuments() as AsyncIterable<ProductDocument[]>);
    for await (const page of this.states.allDocuments(1000, startedAt)) await this.catalog.replace(page);
    return result;
  }
}

export function healthState(
  s: { lastSyncedAt: Date | null; lastSuccessAt: Date | null; consecutiveFailures: number; syncPausedReason: string | null; syncIntervalMinutes: number },
  now: Date,
): ShopHealthState {
  if (!s.lastSyncedAt && !s.lastSuccessAt) return s.consecutiveFailures > 0 ? 'failing' : 'never-synced';
  if (s.consecutiveFailures > 0 || s.syncPausedReason) return 'failing';
  const overdue = 2 * s.syncIntervalMinutes * 60_000 + 15 * 60_000;
  if (!s.lastSuccessAt || now.getTime() - s.lastSuccessAt.getTime() > overdue) return 'stale';
  return 'healthy';
}

export function runView(r: SyncRun) {
  return {
    id: r.id,
    shopId: r.shopId,
    status: r.status === 'abandoned' ? 'failed' : r.status,
    abandoned: r.status === 'abandoned',
    fullPass: r.fullPass,
    trigger: r.trigger,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    fetched: r.fetched,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    deleted: r.deleted,
    skipped: r.skipped,
    heldDeletions: r.heldDeletions,
    skippedReasons: r.skippedReasons,
    errorClass: r.errorClass,
    error: r.error,
  };
}
