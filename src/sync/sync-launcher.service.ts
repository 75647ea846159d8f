import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Connector, Platform } from '../../connectors/core/connector';
import type { Shop, SyncRun } from '../generated/prisma/client';
import { ShopLeaseRepository } from './shop-lease.repository';
import { ShopSyncRepository } from './shop-sync.repository';
import { SyncRunRepository } from './sync-run.repository';
import { CONNECTORS } from './connectors.token';
import { SyncRunner } from './sync-runner.service';
import { shouldReadIncrementally } from './sync-policy';

export interface LaunchOptions {
  trigger: 'schedule' | 'manual';
  /** A full pass even where incremental reads are possible. */
  forceFull?: boolean;
}

export interface Launched {
  run: SyncRun;
  /** False when an existing run was returned instead. */
  started: boolean;
  /** Resolves when the run finishes (only for runs of this process). */
  done?: Promise<SyncRun>;
}

/** Runs of this process at once, per reading slot (see freeSlots). */
const RUNS_PER_READING_SLOT = 2;

/**
 * Starts runs: takes the shop's lease, records the run, and executes it in the
 * background. Tracks this process's runs so shutdown can stop them cleanly.
 */
@Injectable()
export class SyncLauncher implements OnApplicationShutdown {
  private readonly logger = new Logger('Sync');
  /** Identifies this process in leases and runs. */
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly active = new Map<string, { runId: string; done: Promise<SyncRun> }>();
  /** Shops whose runs still read from the merchant's shop (the others wait for the engine). */
  private readonly reading = new Set<string>();
  private readonly launching = new Map<string, Promise<Launched | undefined>>();
  private readonly stopping = stopSignalForRuns();
  private readonly slotListeners: Array<() => void> = [];

  constructor(
    @Inject(CONNECTORS) private readonly connectors: ReadonlyMap<Platform, Connector>,
    private readonly shops: ShopSyncRepository,
    private readonly leases: ShopLeaseRepository,
    private readonly runs: SyncRunRepository,
    private readonly runner: SyncRunner,
  ) {}

  /**
   * Called when a run of this process has read its shop, and when it ends: the scheduler
   * fills the freed slot at once.
   */
  onSlotFreed(listener: () => void): void {
    this.slotListeners.push(listener);
  }

  /**
   * How many more scheduled runs may start now. `concurrency` runs read at once. A run
   * that has read everything and only waits for the engine to index its last writes gives
   * its slot to the next shop: the engine then finds several shops' writes queued and
   * indexes them in one batch, far cheaper than one batch each. Runs waiting so are
   * bounded too, as each holds its last write batch's product states until then.
   */
  freeSlots(concurrency: number): number {
    return Math.max(0, Math.min(concurrency - this.reading.size, concurrency * RUNS_PER_READING_SLOT - this.active.size));
  }

  /**
   * Starts a run for the shop and returns it, or returns the run already under way
   * (here or in another process). Undefined when the shop is leased but has no live run yet.
   */
  async launch(shopId: string, options: LaunchOptions): Promise<Launched | undefined> {
    // Concurrent requests for one shop in this process share one launch.
    const pending = this.launching.get(shopId);
    if (pending) {
      const launched = await pending;
      return launched && { ...launched, started: false };
    }
    const launching = this.startRun(shopId, options).finally(() => this.launching.delete(shopId));
    this.launching.set(shopId, launching);
    return launching;
  }

  private async startRun(shopId: string, options: LaunchOptions): Promise<Launched | undefined> {
    const mine = this.active.get(shopId);
    if (mine) return { run: (await this.runs.findById(mine.runId))!, started: false, done: mine.done };
    if (this.stopping.signal.aborted) return undefined;
    if (!(await this.leases.claim(shopId, this.owner))) {
      const other = await this.runs.findRunning(shopId);
      return other ? { run: other, started: false } : undefined;
    }
    let run: SyncRun;
    let shop: Shop;
    try {
      const found = await this.shops.find(shopId);
      if (!found) throw new Error(`Shop ${shopId} not found`);
      shop = found;
      const connector = this.connectors.get(shop.platform as Platform);
      const incremental = shouldReadIncrementally(shop, !!connector?.supportsIncremental, new Date(), !!options.forceFull);
      // A leftover "running" record of this shop belonged to a dead process: close it first.
      await this.runs.abandonOrphans();
      run = await this.runs.start(shopId, this.owner, !incremental, options.trigger);
    } catch (e) {
      await this.leases.release(shopId, this.owner);
      throw e;
    }
    const readDone = () => {
      if (this.reading.delete(shopId)) this.slotFreed();
    };
    this.reading.add(shopId);
    const done = this.runner.execute(shop, run, this.owner, this.stopping.signal, readDone).finally(() => {
      this.active.delete(shopId);
      this.reading.delete(shopId);
      this.slotFreed();
    });
    done.catch((e) => this.logger.error(`Run ${run.id} crashed: ${(e as Error).message}`));
    this.active.set(shopId, { runId: run.id, done });
    return { run, started: true, done };
  }

  private slotFreed(): void {
    for (const listener of this.slotListeners) listener();
  }

  /** Stops this process's runs (they fail as interrupted, changing nothing indexed) and waits for them. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }
}

/** Every run of this process listens to it: more than Node's default of 10 is expected. */
function stopSignalForRuns(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
