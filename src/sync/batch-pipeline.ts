import type { ProductBatch } from '../../connectors/core/connector';
import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import type { CatalogWriter } from '../catalog/catalog-writer.service';
import type { ShopSummary } from '../catalog/product-document';
import type { MetricsService } from '../metrics/metrics.service';
import { diffBatch, splitChanges, WrittenProduct } from './batch-planner';
import type { ProductStateRepository, StateRow } from './product-state.repository';
import { RunCounts, SKIPPED_SAMPLE_SIZE, SkippedReason } from './sync-run.repository';

/** Write batches whose index writes may be in flight at once. */
const WINDOW = 2;
/**
 * Products gathered from the connector's pages before they are compared and written: the
 * engine indexes a few large tasks with much less work than many small ones, and the
 * database answers one query per write batch instead of one per page.
 */
const WRITE_BATCH_PRODUCTS = 2000;

/**
 * Writes a run's pages to the index as they arrive, gathered into write batches. While
 * the database looks a write batch up and the engine indexes it, the next pages are read
 * and compared; a batch's product states are recorded only after the engine reported its
 * documents indexed, so a failure never marks unindexed products as done (a crash in
 * between only causes a harmless rewrite next time).
 */
export class BatchPipeline {
  private readonly inflight: Array<Promise<void>> = [];
  private pending: NormalizedProduct[] = [];
  /** The last write batch's lookup, comparison and enqueue: the next pages are read meanwhile. */
  private preparing: Promise<void> = Promise.resolve();
  /**
   * Every product this run listed and recorded, for the deletions after a full pass: kept
   * here rather than written on each unchanged row, which made an unchanged re-sync
   * rewrite the whole shop's state.
   */
  readonly seen = new Set<string>();

  constructor(
    private readonly deps: { states: ProductStateRepository; catalog: CatalogWriter; metrics: MetricsService },
    private readonly run: {
      shopId: string;
      runId: string;
      shop: ShopSummary;
      /** Throws when the run may no longer write (the shop was withdrawn meanwhile). */
      beforeIndexWrite: () => Promise<void>;
    },
    readonly counts: RunCounts,
    readonly skippedReasons: SkippedReason[],
  ) {}

  async add(batch: ProductBatch): Promise<void> {
    this.counts.fetched += batch.products.length + batch.skipped.length;
    this.counts.skipped += batch.skipped.length;
    for (const s of batch.skipped) {
      if (this.skippedReasons.length < SKIPPED_SAMPLE_SIZE) this.skippedReasons.push({ externalId: s.externalId, reason: s.reason });
    }
    for (const p of batch.products) this.pending.push(p);
    if (this.pending.length >= WRITE_BATCH_PRODUCTS) await this.startWrite();
  }

  /** One write batch at a time is prepared (so writes keep their order), without waiting for it. */
  private async startWrite(): Promise<void> {
    await this.preparing;
    const products = this.pending;
    this.pending = [];
    if (!products.length) return;
    this.preparing = this.write(products);
    this.preparing.catch(() => undefined); // observed by the next startWrite or flush()
  }

  private async write(products: NormalizedProduct[]): Promise<void> {
    const { states, catalog, metrics } = this.deps;
    const { shopId, runId, shop } = this.run;
    const digests = await states.digests(shopId, products.map((p) => p.externalId));
    const diff = diffBatch(products, digests, shop, new Date());
    const previous = await states.documents(shopId, diff.changed.map((c) => c.externalId));
    const { replace, patch } = splitChanges(diff.changed, previous);
    if (diff.created.length || diff.changed.length) await this.run.beforeIndexWrite();
    const tasks = await catalog.enqueue([...diff.created, ...replace].map((c) => c.json), patch);
    // Only what the state table needs waits for the engine (not `diff`): the documents can go.
    const written = [...diff.created, ...diff.changed].map(toStateRow);
    const { unchanged } = diff;
    const created = diff.created.length;
    const committed = (async () => {
      await catalog.waitAll(tasks);
      await states.upsertMany(shopId, runId, written);
      for (const p of written) this.seen.add(p.externalId);
      for (const id of unchanged) this.seen.add(id);
      this.counts.created += created;
      this.counts.updated += written.length - created;
      this.counts.unchanged += unchanged.length;
      metrics.productsIndexed.inc(written.length);
    })();
    committed.catch(() => undefined); // observed by flush() or the window below
    this.inflight.push(committed);
    while (this.inflight.length >= WINDOW) await this.inflight.shift();
  }

  /** Every page read so far is handed to the engine, without waiting for it to index them. */
  async enqueueRest(): Promise<void> {
    await this.startWrite();
    await this.preparing;
  }

  /** Every page read so far is indexed and recorded (throws the first failure). */
  async flush(): Promise<void> {
    await this.enqueueRest();
    while (this.inflight.length) await this.inflight.shift();
  }

  /** After a failure: let writes already under way finish before the run is closed. */
  async settle(): Promise<void> {
    this.pending = [];
    await this.preparing.catch(() => undefined);
    await Promise.allSettled(this.inflight.splice(0));
  }
}

function toStateRow(p: WrittenProduct): StateRow {
  return { externalId: p.externalId, documentId: p.document.id, contentHash: p.contentHash, json: p.json, updatedAt: p.document.updatedAt };
}
