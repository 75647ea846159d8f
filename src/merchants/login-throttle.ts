import { HttpException, HttpStatus } from '@nestjs/common';

const WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_CLIENT = 20;
/** Beyond this many tracked keys the oldest are dropped, so a flood cannot grow memory without bound. */
const MAX_KEYS = 50_000;

/** 429 with Retry-After (seconds), in the usual error shape. */
export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      { statusCode: 429, error: 'Too Many Requests', message: `Trop de tentatives de connexion : réessayez dans ${Math.ceil(retryAfterSeconds / 60)} min.` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Failed sign-ins in a sliding 15-minute window, per email (guessing one account's
 * password) and per client address (trying many accounts). Kept in memory: a restart
 * forgives, which is acceptable for one process; several processes would each count apart.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  /** Throws TooManyAttemptsException when either key is over its limit. */
  check(email: string, client: string, now = Date.now()): void {
    const wait = Math.max(this.waitFor(`email:${email}`, MAX_FAILURES_PER_EMAIL, now), this.waitFor(`client:${client}`, MAX_FAILURES_PER_CLIENT, now));
    if (wait > 0) throw new TooManyAttemptsException(Math.max(1, Math.ceil(wait / 1000)));
  }

  recordFailure(email: string, client: string, now = Date.now()): void {
    for (const key of [`email:${email}`, `client:${client}`]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.delete(key);
      this.failures.set(key, list);
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value as string);
  }

  /** A successful sign-in forgives that account's failures (not the client's). */
  recordSuccess(email: string): void {
    this.failures.delete(`email:${email}`);
  }

  private waitFor(key: string, limit: number, now: number): number {
    const list = this.recent(key, now);
    if (list.length < limit) return 0;
    // Allowed again when enough failures have left the window.
    return list[list.length - limit] + WINDOW_MS - now;
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }
}
