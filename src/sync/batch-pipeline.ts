import type { ProductBatch } from '../../connectors/core/connector';
import { type CatalogWriter, WRITE_BATCH_SIZE } from '../catalog/catalog-writer.service';
import { jsonArray, ShopSummary } from '../catalog/product-document';
import type { MetricsService } from '../metrics/metrics.service';
import { diffBatch, splitChanges, StoredDigest, WrittenProduct } from './batch-planner';
import type { ProductStateRepository, StateRow } from './product-state.repository';
import { RunCounts, SKIPPED_SAMPLE_SIZE, SkippedReason } from './sync-run.repository';

/** Write batches whose index writes may be in flight at once. */
const WINDOW = 2;
/**
 * New or changed products gathered before they are written: the engine indexes a few
 * large tasks with much less work than many small ones.
 */
const WRITE_BATCH_PRODUCTS = 2000;

/** A product to write, and whether the shop had it before. */
interface PendingWrite {
  product: WrittenProduct;
  created: boolean;
}

/**
 * Compares each page with what the shop's products were when the run started, as the page
 * arrives, and writes new or changed products to the index in write batches. While the
 * engine indexes a batch, the next pages are read and compared; a batch's product states
 * are recorded only after the engine reported its documents indexed, so a failure never
 * marks unindexed products as done (a crash in between only causes a harmless rewrite
 * next time).
 *
 * The shop's stored digests are read once, in a few large ordered reads that start with
 * the run, rather than looked up for each write batch: such lookups wait for their batch
 * to be complete, so the last one, and its comparison, come after the shop's last page.
 * This way an unchanged re-sync ends as soon as its last page is compared. The digests
 * cost about 200 bytes per stored product while the run lasts (`seen` about a third of that).
 */
export class BatchPipeline {
  private readonly inflight: Array<Promise<void>> = [];
  private pending = new Map<string, PendingWrite>();
  /** The last write batch's preparation and enqueue: the next pages are read meanwhile. */
  private preparing: Promise<void> = Promise.resolve();
  /** The shop's digests, kept up to date with what this run lists. */
  private stored?: Map<string, StoredDigest>;
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
      /** The shop's stored digests, read from the start of the run (see above). */
      stored: Promise<Map<string, StoredDigest>>;
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
    if (!batch.products.length) return;
    const stored = await this.storedDigests();
    const diff = diffBatch(batch.products, stored, this.run.shop, new Date());
    // `stored` follows the latest version listed: a product listed twice in a pass is
    // compared with its first listing, and written as last listed.
    for (const id of diff.unchanged) this.seen.add(id);
    this.counts.unchanged += diff.unchanged.length;
    for (const [list, created] of [
      [diff.created, true],
      [diff.changed, false],
    ] as const) {
      for (const product of list) {
        const earlier = this.pending.get(product.externalId);
        this.pending.set(product.externalId, { product, created: earlier?.created ?? created });
        stored.set(product.externalId, { contentHash: product.contentHash, updatedAt: product.document.updatedAt });
      }
    }
    if (this.pending.size >= WRITE_BATCH_PRODUCTS) await this.startWrite();
  }

  /**
   * How many products the shop stores once this run's writes are flushed: the run holds
   * the shop's lease, so no one else adds or removes any meanwhile.
   */
  async storedProducts(): Promise<number> {
    return (await this.storedDigests()).size;
  }

  private async storedDigests(): Promise<Map<string, StoredDigest>> {
    // Every add() awaits the same promise, so all get the same map.
    this.stored ??= await this.run.stored;
    return this.stored;
  }

  /** One write batch at a time is prepared (so writes keep their order), without waiting for it. */
  private async startWrite(): Promise<void> {
    await this.preparing;
    const writes = [...this.pending.values()];
    this.pending = new Map();
    if (!writes.length) return;
    this.preparing = this.write(writes);
    this.preparing.catch(() => undefined); // observed by the next startWrite or flush()
  }

  private async write(writes: PendingWrite[]): Promise<void> {
    const { states, catalog, metrics } = this.deps;
    const { shopId, runId } = this.run;
    const created = writes.filter((w) => w.created).map((w) => w.product);
    const changed = writes.filter((w) => !w.created).map((w) => w.product);
    const previous = await states.documents(shopId, changed.map((c) => c.externalId));
    const { replace, patched, patch } = splitChanges(changed, previous);
    // Each engine task's body is also its products' state documents: encoded once.
    const replaced = [...created, ...replace];
    const chunks: Array<{ products: WrittenProduct[]; documents: Buffer }> = [];
    for (let i = 0; i < replaced.length; i += WRITE_BATCH_SIZE) {
      const products = replaced.slice(i, i + WRITE_BATCH_SIZE);
      chunks.push({ products, documents: jsonArray(products.map((p) => p.json)) });
    }
    await this.run.beforeIndexWrite();
    const tasks = await catalog.enqueue(chunks.map((c) => c.documents), patch);
    if (patched.length) chunks.push({ products: patched, documents: jsonArray(patched.map((p) => p.json)) });
    // Only what the state table needs waits for the engine (no product, document or JSON
    // text is referenced from here on): the rest can be collected meanwhile.
    const toRecord = chunks.map((c) => ({ rows: c.products.map(toStateRow), documents: c.documents }));
    const createdCount = created.length;
    const updatedCount = changed.length;
    const committed = (async () => {
      await catalog.waitAll(tasks);
      for (const { rows, documents } of toRecord) await states.upsertMany(shopId, runId, rows, documents);
      for (const { rows } of toRecord) for (const row of rows) this.seen.add(row.externalId);
      this.counts.created += createdCount;
      this.counts.updated += updatedCount;
      metrics.productsIndexed.inc(createdCount + updatedCount);
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
    this.pending = new Map();
    await this.preparing.catch(() => undefined);
    await Promise.allSettled(this.inflight.splice(0));
  }
}

function toStateRow(p: WrittenProduct): StateRow {
  return { externalId: p.externalId, documentId: p.document.id, contentHash: p.contentHash, updatedAt: p.document.updatedAt };
}
