import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClosableHttpClient, createHttpClient } from '../../connectors/core/axios-http-client';
import type { Connector, Platform, ReadSummary, ShopSource } from '../../connectors/core/connector';
import { isConnectorError } from '../../connectors/core/errors';
import { CatalogWriter, IndexWriteError } from '../catalog/catalog-writer.service';
import type { ShopSummary } from '../catalog/product-document';
import { tightenHeapGrowthForRun } from '../common/gc-tuning';
import { ConfigService } from '../config/config.service';
import type { Shop, SyncRun } from '../generated/prisma/client';
import { MetricsService } from '../metrics/metrics.service';
import { CredentialsCipher } from '../shops/credentials.cipher';
import { ShopDirectory } from '../shops/shop-directory.service';
import { BatchPipeline } from './batch-pipeline';
import { CONNECTORS } from './connectors.token';
import { ProductStateRepository } from './product-state.repository';
import { ShopLeaseRepository } from './shop-lease.repository';
import { ShopSyncRepository } from './shop-sync.repository';
import { RunCounts, SkippedReason, SyncRunRepository } from './sync-run.repository';
import { afterFailure, isMassDrop, nextSyncAfterSuccess } from './sync-policy';

/** A run that takes longer is stopped (and fails without touching what is indexed). */
export const MAX_RUN_MS = 60 * 60_000;
const HEARTBEAT_MS = 30_000;
const PROGRESS_EVERY_MS = 1000;
/** Documents removed from the index and the state table per statement. */
const DELETE_BATCH = 1000;

class ShopWithdrawnError extends Error {}
const withdrawn = () => new ShopWithdrawnError('Interrompue : la boutique a été suspendue ou déconnectée pendant la lecture.');

/**
 * One sync run of one shop: stream the connector's pages, write only what changed,
 * delete only after a complete full pass (and not a mass drop), record everything on
 * the run. The caller holds the shop's lease; the runner renews it and releases it.
 */
@Injectable()
export class SyncRunner {
  private readonly logger = new Logger('Sync');
  private readonly cipher: CredentialsCipher;

  constructor(
    @Inject(CONNECTORS) private readonly connectors: ReadonlyMap<Platform, Connector>,
    private readonly shops: ShopSyncRepository,
    private readonly runs: SyncRunRepository,
    private readonly states: ProductStateRepository,
    private readonly leases: ShopLeaseRepository,
    private readonly catalog: CatalogWriter,
    private readonly metrics: MetricsService,
    private readonly config: ConfigService,
    private readonly directory: ShopDirectory,
  ) {
    this.cipher = new CredentialsCipher(config.values.secretKey);
  }

  /** `readDone` is called once the shop has been read to the end: what remains is the engine's and the database's. */
  async execute(shop: Shop, run: SyncRun, owner: string, stop: AbortSignal, readDone: () => void): Promise<SyncRun> {
    const log = (message: string) => this.logger.log(`[run ${run.id.slice(0, 8)}] ${shop.slug}: ${message}`);
    const abort = new AbortController();
    const onStop = () => abort.abort(new Error('Interrompue : le serveur s’arrête.'));
    stop.addEventListener('abort', onStop);
    const timeout = setTimeout(() => abort.abort(new Error(`Interrompue : la synchronisation a dépassé ${MAX_RUN_MS / 60_000} minutes.`)), MAX_RUN_MS);
    const heartbeat = setInterval(() => {
      this.leases.renew(shop.id, owner).then(
        (held) => held || abort.abort(new Error('Interrompue : un autre processus a repris cette boutique.')),
        () => undefined,
      );
    }, HEARTBEAT_MS);
    const counts: RunCounts = { fetched: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, skipped: 0, heldDeletions: 0 };
    const skippedReasons: SkippedReason[] = [];
    const endTimer = this.metrics.syncDuration.startTimer({ platform: shop.platform });
    const relaxHeap = tightenHeapGrowthForRun();
    let http: ClosableHttpClient | undefined;
    let pipeline: BatchPipeline | undefined;
    try {
      const connector = this.connectors.get(shop.platform as Platform);
      if (!connector) throw new Error(`No connector for platform ${shop.platform}`);
      const summaryShop: ShopSummary = { id: shop.id, slug: shop.slug, name: shop.name, commune: shop.communeName };
      const since = run.fullPass ? undefined : (shop.changesSince ?? undefined);
      log(`${since ? `changes since ${since.toISOString()}` : 'full pass'} (${shop.platform})`);

      // Read while the shop's first page is requested; observed when it is compared.
      const stored = this.states.allDigests(shop.id);
      stored.catch(() => undefined);
      http = createHttpClient({ allowPrivateHosts: this.config.values.allowPrivateHosts });
      const pages = connector.products(this.sourceOf(shop), { since }, { http, signal: abort.signal, log });
      pipeline = new BatchPipeline(
        { states: this.states, catalog: this.catalog, metrics: this.metrics },
        // Checked before each index write rather than on every page read: an unchanged shop
        // writes nothing, and a check per page was a query per page.
        { shopId: shop.id, runId: run.id, shop: summaryShop, stored, beforeIndexWrite: () => this.ensureStillApproved(shop.id) },
        counts,
        skippedReasons,
      );
      let summary: ReadSummary;
      let lastProgressAt = Date.now();
      for (;;) {
        const next = await pages.next();
        abort.signal.throwIfAborted();
        if (next.done) {
          summary = next.value;
          break;
        }
        await pipeline.add(next.value);
        // Progress for the admin at most once a second: a write per page would slow small pages down.
        if (Date.now() - lastProgressAt >= PROGRESS_EVERY_MS) {
          lastProgressAt = Date.now();
          await this.runs.progress(run.id, counts);
          log(`${counts.fetched} read: ${counts.created} new, ${counts.updated} changed, ${counts.unchanged} unchanged, ${counts.skipped} skipped`);
        }
      }
      await pipeline.enqueueRest();
      http.close();
      readDone();
      await pipeline.flush();
      const fullPass = !summary.incremental && !summary.notModified;
      // The shop's product count comes from the digests the run compared with.
      // Only a full pass decides about deletions: any other run (changes only, or a feed
      // that answered "not modified") leaves a hold waiting for confirmation as it is.
      const storedProducts = await pipeline.storedProducts();
      const { heldRunId, productCount } = fullPass
        ? await this.removeUnseen(shop, run, pipeline.seen, storedProducts, counts, log)
        : { heldRunId: shop.heldDeletionRunId, productCount: storedProducts };
      // Only while the shop is still approved: a shop suspended or disconnected while its
      // run read ends the run as interrupted (its last write was checked before it was made).
      const finished = await this.runs.succeed(run.id, counts, skippedReasons);
      if (!finished) throw withdrawn();
      const now = new Date();
      await this.shops.recordSuccess(
        shop.id,
        {
          nextSyncAt: nextSyncAfterSuccess(now, shop.syncIntervalMinutes),
          // Frozen at run start: anything edited while we read is read again next time.
          changesSince: run.startedAt,
          lastFullPassAt: fullPass || summary.notModified ? now : shop.lastFullPassAt,
          sourceEtag: summary.etag ?? (summary.notModified ? shop.sourceEtag : null),
          sourceLastModified: summary.lastModified ?? (summary.notModified ? shop.sourceLastModified : null),
          productCount,
          heldDeletionRunId: heldRunId,
        },
        now,
      );
      // Search must see the shop as freshly verified as soon as the run is reported finished.
      this.directory.invalidate();
      this.metrics.syncRuns.inc({ platform: shop.platform, status: 'succeeded' });
      log(`succeeded: ${JSON.stringify(counts)}`);
      return finished;
    } catch (e) {
      await pipeline?.settle();
      const cause = abort.signal.aborted && !isConnectorError(e) ? abort.signal.reason : e;
      const errorClass = isConnectorError(cause) ? cause.kind : cause instanceof IndexWriteError ? 'index' : abort.signal.aborted || cause instanceof ShopWithdrawnError ? 'interrupted' : 'internal';
      const message = isConnectorError(cause) ? `${cause.diagnosis} (${cause.message})` : (cause as Error)?.message ?? String(cause);
      const failures = shop.consecutiveFailures + 1;
      const decision = afterFailure(new Date(), failures, isConnectorError(cause) ? cause.kind : undefined);
      await this.shops.recordFailure(shop.id, { consecutiveFailures: failures, nextSyncAt: decision.nextSyncAt, pausedReason: decision.pausedReason }, new Date());
      this.metrics.syncRuns.inc({ platform: shop.platform, status: 'failed' });
      log(`failed (${errorClass}): ${message}`);
      return this.runs.fail(run.id, counts, skippedReasons, errorClass, message);
    } finally {
      endTimer();
      relaxHeap();
      http?.close();
      clearTimeout(timeout);
      clearInterval(heartbeat);
      stop.removeEventListener('abort', onStop);
      // Independent of each other: sent together, they cost one wait on the database.
      await Promise.all([this.leases.release(shop.id, owner).catch(() => undefined), this.runs.prune(shop.id).catch(() => undefined)]);
    }
  }

  /** A shop suspended or disconnected while its run was reading must not get products back. */
  private async ensureStillApproved(shopId: string): Promise<void> {
    if (!(await this.shops.isApproved(shopId))) throw withdrawn();
  }

  private sourceOf(shop: Shop): ShopSource {
    return {
      url: shop.sourceUrl,
      credentials: shop.credentialsEncrypted ? this.cipher.open(shop.credentialsEncrypted) : undefined,
      etag: shop.sourceEtag ?? undefined,
      lastModified: shop.sourceLastModified ?? undefined,
    };
  }

  /**
   * After a complete full pass: products it did not list leave the index, unless that would
   * be a mass drop. Gives the held run, if any, and how many products the shop now stores.
   */
  private async removeUnseen(
    shop: Shop,
    run: SyncRun,
    seen: ReadonlySet<string>,
    stored: number,
    counts: RunCounts,
    log: (m: string) => void,
  ): Promise<{ heldRunId: string | null; productCount: number }> {
    const { unseen, existing } = await this.states.unseenBy(shop.id, seen, stored);
    if (unseen.length === 0) return { heldRunId: null, productCount: existing };
    if (isMassDrop(unseen.length, existing)) {
      // Held for confirmation: the pass's listing is written down, so that confirming later
      // deletes exactly what this pass did not list.
      await this.states.markSeen(shop.id, run.id, [...seen]);
      counts.heldDeletions = unseen.length;
      log(`holding ${unseen.length} deletions of ${existing} products for confirmation`);
      return { heldRunId: run.id, productCount: existing };
    }
    for (let i = 0; i < unseen.length; i += DELETE_BATCH) {
      const ids = unseen.slice(i, i + DELETE_BATCH);
      await this.catalog.deleteIds(ids);
      await this.states.deleteByDocumentIds(ids);
      counts.deleted += ids.length;
    }
    return { heldRunId: null, productCount: existing - unseen.length };
  }
}
