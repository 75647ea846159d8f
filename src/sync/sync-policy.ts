import type { ConnectorErrorKind } from '../../connectors/core/errors';
import { ERROR_KINDS } from '../../connectors/core/errors';

/** Waits after consecutive failures: 5 min, 15 min, 1 h, then 6 h. */
const BACKOFF_MINUTES = [5, 15, 60, 360];
/** After this many failures in a row the shop is paused until someone acts. */
export const MAX_CONSECUTIVE_FAILURES = 10;
/** A full pass (the only kind allowed to delete) at least this often, even for incremental sources. */
export const FULL_PASS_EVERY_MS = 24 * 3_600_000;
/** The mass-drop guard holds deletions above this share of the shop's catalogue… */
export const MASS_DROP_SHARE = 0.5;
/** …when they also exceed this many products. */
export const MASS_DROP_MIN = 20;

export const DEFAULT_INTERVAL_MINUTES = { feed: 360, api: 60 } as const;

export function defaultIntervalMinutes(platform: string): number {
  return platform === 'feed' ? DEFAULT_INTERVAL_MINUTES.feed : DEFAULT_INTERVAL_MINUTES.api;
}

/** Up to ±10 % of the interval, so shops registered together do not all sync together. */
export function jitterMs(intervalMinutes: number, random = Math.random): number {
  return Math.round((random() * 2 - 1) * 0.1 * intervalMinutes * 60_000);
}

export function nextSyncAfterSuccess(now: Date, intervalMinutes: number, random = Math.random): Date {
  return new Date(now.getTime() + intervalMinutes * 60_000 + jitterMs(intervalMinutes, random));
}

export interface FailureDecision {
  nextSyncAt: Date;
  /** Set when the shop must not be synced again before someone acts. */
  pausedReason?: string;
}

export function afterFailure(now: Date, consecutiveFailures: number, kind: ConnectorErrorKind | undefined): FailureDecision {
  if (kind && ERROR_KINDS[kind].needsMerchant) {
    return { nextSyncAt: now, pausedReason: `${ERROR_KINDS[kind].explanation} ${ERROR_KINDS[kind].fix}` };
  }
  if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
    return {
      nextSyncAt: now,
      pausedReason: `Synchronisation suspendue après ${consecutiveFailures} échecs consécutifs : vérifiez la boutique puis relancez-la.`,
    };
  }
  const minutes = BACKOFF_MINUTES[Math.min(consecutiveFailures - 1, BACKOFF_MINUTES.length - 1)];
  return { nextSyncAt: new Date(now.getTime() + minutes * 60_000) };
}

/** Incremental only when the source supports it, a signpost exists and a recent full pass happened. */
export function shouldReadIncrementally(
  shop: { changesSince: Date | null; lastFullPassAt: Date | null },
  supportsIncremental: boolean,
  now: Date,
  forceFull: boolean,
): boolean {
  if (forceFull || !supportsIncremental || !shop.changesSince || !shop.lastFullPassAt) return false;
  return now.getTime() - shop.lastFullPassAt.getTime() < FULL_PASS_EVERY_MS;
}

/** True when removing `toDelete` of `existing` products looks like a broken source rather than a real clearance. */
export function isMassDrop(toDelete: number, existing: number): boolean {
  return toDelete > MASS_DROP_MIN && toDelete > existing * MASS_DROP_SHARE;
}
