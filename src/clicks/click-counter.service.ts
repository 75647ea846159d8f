import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ClickCount, ClickRepository } from './click.repository';

/** How often buffered clicks are written. */
export const FLUSH_EVERY_MS = 5_000;
/** A database outage must not grow the buffer without bound: past this, new keys are dropped. */
const MAX_PENDING_KEYS = 50_000;

const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Counts click-outs without slowing the redirect: a click is one Map increment; the sums
 * are written every few seconds (one upsert per product and day) and on shutdown.
 * Nothing about the visitor is kept. The day is the Métropole's local day.
 */
@Injectable()
export class ClickCounter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Clicks');
  private pending = new Map<string, ClickCount>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private dropped = 0;

  constructor(private readonly clicks: ClickRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  /** Runs before the database closes (the database module is global, so it is destroyed last). */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(productId: string, shopId: string, at: Date = new Date()): void {
    const day = parisDay.format(at);
    const key = `${productId}\n${day}`;
    const entry = this.pending.get(key);
    if (entry) {
      entry.count++;
    } else if (this.pending.size < MAX_PENDING_KEYS) {
      this.pending.set(key, { productId, shopId, day, count: 1 });
    } else {
      this.dropped++;
    }
  }

  /** Writes everything buffered so far; concurrent calls share one write. */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    if (!this.pending.size) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.write(batch).finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private async write(batch: Map<string, ClickCount>): Promise<void> {
    const counts = [...batch.values()];
    try {
      await this.clicks.add(counts);
    } catch (e) {
      // The batch was one transaction, so nothing of it was written: keep it for the next flush.
      for (const [key, c] of batch) {
        const now = this.pending.get(key);
        if (now) now.count += c.count;
        else if (this.pending.size < MAX_PENDING_KEYS) this.pending.set(key, c);
        else this.dropped += c.count;
      }
      this.logger.warn(`Could not save ${counts.length} click counts, will retry: ${(e as Error).message}`);
    }
    if (this.dropped) {
      this.logger.warn(`${this.dropped} clicks were not counted (too many unsaved counts)`);
      this.dropped = 0;
    }
  }
}
