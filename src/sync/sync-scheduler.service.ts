import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ConfigService } from '../config/config.service';
import { ShopLeaseRepository } from './shop-lease.repository';
import { SyncLauncher } from './sync-launcher.service';
import { SyncRunRepository } from './sync-run.repository';

const TICK_MS = 10_000;
const INTERVAL_NAME = 'sync-scheduler';

/**
 * Every tick: close runs orphaned by dead processes, then start due shops up to
 * SYNC_CONCURRENCY. Off when SYNC_SCHEDULER=false (tests, extra replicas); manual syncs
 * still work then.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private ticking = false;
  /** A tick asked for while one was running: run again right after. */
  private tickAgain = false;
  /**
   * The last pass found fewer due shops than it had room for: a slot freed since has
   * nothing to take before the next interval, and looking again would only add queries
   * to the end of every run.
   */
  private nothingDue = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly config: ConfigService,
    private readonly leases: ShopLeaseRepository,
    private readonly runs: SyncRunRepository,
    private readonly launcher: SyncLauncher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const abandoned = await this.runs.abandonOrphans();
    if (abandoned) this.logger.warn(`${abandoned} interrupted run(s) marked abandoned; their shops will be synced again`);
    if (!this.config.values.schedulerEnabled) return;
    this.registry.addInterval(INTERVAL_NAME, setInterval(() => void this.tick(), TICK_MS));
    this.launcher.onSlotFreed(() => this.nothingDue || setImmediate(() => void this.tick()));
    setImmediate(() => void this.tick());
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
  }

  /** One scheduling pass; returns the number of runs started. */
  async tick(now = new Date()): Promise<number> {
    if (this.ticking) {
      this.tickAgain = true;
      return 0;
    }
    this.ticking = true;
    let started = 0;
    try {
      await this.runs.abandonOrphans();
      const free = this.launcher.freeSlots(this.config.values.syncConcurrency);
      this.nothingDue = false;
      if (free <= 0) return 0;
      const due = await this.leases.findDue(now, free);
      this.nothingDue = due.length < free;
      for (const shop of due) {
        const launched = await this.launcher.launch(shop.id, { trigger: 'schedule' });
        if (launched?.started) started++;
      }
    } catch (e) {
      this.logger.error(`Scheduling pass failed: ${(e as Error).message}`);
    } finally {
      this.ticking = false;
    }
    if (this.tickAgain) {
      this.tickAgain = false;
      setImmediate(() => void this.tick());
    }
    return started;
  }
}
