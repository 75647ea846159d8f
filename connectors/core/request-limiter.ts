/**
 * Politeness for one shop: at most `concurrency` requests in flight, and request starts
 * spaced by at least 1/requestsPerSecond. Each shop gets its own limiter (through its own
 * client), so a slow shop only ever waits on itself. Waiters are served in arrival order.
 */
export class RequestLimiter {
  private inFlight = 0;
  private nextStartAt = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly spacingMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly concurrency: number,
    requestsPerSecond: number,
  ) {
    if (!(concurrency >= 1)) throw new Error('concurrency must be at least 1');
    this.spacingMs = requestsPerSecond > 0 && Number.isFinite(requestsPerSecond) ? 1000 / requestsPerSecond : 0;
  }

  /** Resolves when the caller may start; the caller must call the returned release once done. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.inFlight--;
          this.pump();
        });
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(start);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      const start = () => grant();
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(start);
      this.pump();
    });
  }

  /** Runs `task` inside a slot. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  private pump(): void {
    if (this.timer) return;
    while (this.waiting.length > 0 && this.inFlight < this.concurrency) {
      const wait = this.nextStartAt - Date.now();
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, wait);
        return;
      }
      this.nextStartAt = Date.now() + this.spacingMs;
      this.inFlight++;
      this.waiting.shift()!();
    }
  }
}
