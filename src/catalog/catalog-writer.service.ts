import { Injectable, Logger } from '@nestjs/common';
import type { EnqueuedTaskPromise, Index } from 'meilisearch';
import { ProductIndexService } from './product-index.service';
import type { ProductDocument } from './product-document';
import { SearchEngine } from './search-engine';
import { TaskWatcher } from './task-watcher';

/** A write Meilisearch accepted but then failed: the run that made it must fail too. */
export class IndexWriteError extends Error {}

const TASK_TIMEOUT_MS = 10 * 60_000;
/** Above ~1k documents per task batch size barely matters (queued tasks are merged). */
export const WRITE_BATCH_SIZE = 1000;

/**
 * Every write to the products index goes through here, and each one waits for its task:
 * when a caller gets control back, its change is visible in search.
 */
@Injectable()
export class CatalogWriter {
  private readonly logger = new Logger('Catalog');
  private readonly watcher: TaskWatcher;

  constructor(
    private readonly engine: SearchEngine,
    private readonly products: ProductIndexService,
  ) {
    this.watcher = new TaskWatcher(engine.client);
  }

  private get index(): Index {
    return this.products.index;
  }

  /**
   * Enqueues additions/replacements and partial updates without waiting: the engine keeps
   * the order of tasks, and several queued tasks are indexed together. `waitAll` then
   * makes them visible (or throws for a failed one). Replacements come as encoded JSON
   * arrays of at most WRITE_BATCH_SIZE documents (see jsonArray), one task each: sent as
   * they were hashed, and the same bytes are then stored with the product states.
   */
  async enqueue(replaceBodies: Buffer[], patch: Array<Partial<ProductDocument> & { id: string }>): Promise<number[]> {
    const uids: number[] = [];
    for (const body of replaceBodies) uids.push(await this.engine.addDocumentsJson(this.products.uid, body));
    for (let i = 0; i < patch.length; i += WRITE_BATCH_SIZE) {
      uids.push((await this.index.updateDocuments(patch.slice(i, i + WRITE_BATCH_SIZE), { primaryKey: 'id' })).taskUid);
    }
    return uids;
  }

  async waitAll(taskUids: number[]): Promise<void> {
    const tasks = await Promise.all(taskUids.map((uid) => this.watcher.wait(uid, TASK_TIMEOUT_MS)));
    const failed = tasks.find((t) => t.status !== 'succeeded');
    if (failed) throw new IndexWriteError(`Search index rejected task ${failed.uid} (${failed.type}): ${failed.error?.message ?? failed.status}`);
  }

  /** Adds or fully replaces documents. */
  async replace(docs: ProductDocument[]): Promise<void> {
    for (let i = 0; i < docs.length; i += WRITE_BATCH_SIZE) {
      await this.wait(this.index.addDocuments(docs.slice(i, i + WRITE_BATCH_SIZE), { primaryKey: 'id' }), 'add documents');
    }
  }

  /** Partial updates (e.g. price and stock only): other fields of the documents are kept. */
  async patch(partials: Array<Partial<ProductDocument> & { id: string }>): Promise<void> {
    for (let i = 0; i < partials.length; i += WRITE_BATCH_SIZE) {
      await this.wait(this.index.updateDocuments(partials.slice(i, i + WRITE_BATCH_SIZE), { primaryKey: 'id' }), 'update documents');
    }
  }

  async deleteIds(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += WRITE_BATCH_SIZE) {
      await this.wait(this.index.deleteDocuments(ids.slice(i, i + WRITE_BATCH_SIZE)), 'delete documents');
    }
  }

  /** Removes every product of a shop (suspended, disconnected or deleted). */
  async deleteShop(shopId: string): Promise<void> {
    await this.wait(this.index.deleteDocuments({ filter: `shop.id = ${JSON.stringify(shopId)}` }), 'delete a shop');
  }

  /**
   * Builds a fresh index from `source` (pages of stored documents) with the current
   * settings, then swaps it in atomically: searches never see a half-built index.
   */
  async rebuild(source: AsyncIterable<ProductDocument[]>): Promise<{ documents: number }> {
    const live = this.products.uid;
    const next = `${live}_rebuild_${Date.now()}`;
    await this.products.ensureIndex(next);
    let documents = 0;
    try {
      for await (const page of source) {
        for (let i = 0; i < page.length; i += WRITE_BATCH_SIZE) {
          await this.wait(this.engine.client.index(next).addDocuments(page.slice(i, i + WRITE_BATCH_SIZE), { primaryKey: 'id' }), 'rebuild');
        }
        documents += page.length;
      }
      await this.products.ensureIndex(live);
      const swap = await this.engine.client.swapIndexes([{ indexes: [live, next], rename: false }]).waitTask({ timeout: TASK_TIMEOUT_MS });
      if (swap.status !== 'succeeded') throw new IndexWriteError(`Index swap failed: ${swap.error?.message ?? swap.status}`);
    } finally {
      // After the swap `next` holds the old documents; before it, the unfinished copy.
      await this.engine.client.deleteIndex(next).waitTask({ timeout: TASK_TIMEOUT_MS }).catch(() => undefined);
    }
    this.logger.log(`Index "${live}" rebuilt with ${documents} documents`);
    return { documents };
  }

  private async wait(enqueued: EnqueuedTaskPromise, what: string): Promise<void> {
    const task = await this.watcher.wait((await enqueued).taskUid, TASK_TIMEOUT_MS);
    if (task.status !== 'succeeded') {
      throw new IndexWriteError(`Search index rejected "${what}": ${task.error?.message ?? task.status}`);
    }
  }
}
