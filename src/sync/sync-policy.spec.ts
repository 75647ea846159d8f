import { ERROR_KINDS, ConnectorErrorKind } from '../../connectors/core/errors';
import {
  afterFailure,
  defaultIntervalMinutes,
  FULL_PASS_EVERY_MS,
  isMassDrop,
  jitterMs,
  MAX_CONSECUTIVE_FAILURES,
  nextSyncAfterSuccess,
  shouldReadIncrementally,
} from './sync-policy';

const now = new Date('2026-03-02T10:00:00Z');
const minutesAfterNow = (d: Date) => (d.getTime() - now.getTime()) / 60_000;

describe('sync policy', () => {
  it('retries a passing failure after 5 min, 15 min, 1 h, then every 6 h, without pausing the shop', () => {
    const waits = [1, 2, 3, 4, 5, MAX_CONSECUTIVE_FAILURES - 1].map((n) => afterFailure(now, n, 'unreachable'));
    expect(waits.map((d) => minutesAfterNow(d.nextSyncAt))).toEqual([5, 15, 60, 360, 360, 360]);
    expect(waits.every((d) => d.pausedReason === undefined)).toBe(true);
  });

  it('pauses the shop after too many failures in a row, with a reason saying what to do', () => {
    const decision = afterFailure(now, MAX_CONSECUTIVE_FAILURES, 'unreachable');
    expect(decision.pausedReason).toMatch(new RegExp(`${MAX_CONSECUTIVE_FAILURES} échecs consécutifs`));
  });

  it('pauses at the first failure that only the merchant can fix, and retries the others', () => {
    const kinds = Object.keys(ERROR_KINDS) as ConnectorErrorKind[];
    const permanent = kinds.filter((k) => ERROR_KINDS[k].needsMerchant);
    const passing = kinds.filter((k) => !ERROR_KINDS[k].needsMerchant);
    expect(permanent).toEqual(expect.arrayContaining(['auth_refused', 'not_found']));
    expect(passing.length).toBeGreaterThan(0);
    for (const kind of permanent) expect(afterFailure(now, 1, kind).pausedReason).toContain(ERROR_KINDS[kind].fix);
    for (const kind of passing) expect(afterFailure(now, 1, kind).pausedReason).toBeUndefined();
  });

  it('syncs feeds every 6 h and platform APIs every hour, each time within ±10 % of the interval', () => {
    expect(defaultIntervalMinutes('feed')).toBe(360);
    expect(defaultIntervalMinutes('shopify')).toBe(60);
    expect(minutesAfterNow(nextSyncAfterSuccess(now, 360, () => 0))).toBe(324);
    expect(minutesAfterNow(nextSyncAfterSuccess(now, 360, () => 0.5))).toBe(360);
    expect(minutesAfterNow(nextSyncAfterSuccess(now, 360, () => 0.9999999))).toBeCloseTo(396, 3);
    // Shops registered together spread out instead of starting in the same tick.
    const starts = new Set(Array.from({ length: 50 }, () => jitterMs(60)));
    expect(starts.size).toBeGreaterThan(40);
    for (const s of starts) expect(Math.abs(s)).toBeLessThanOrEqual(6 * 60_000);
  });

  it('reads only changes when the source can, after a recent full pass; otherwise a full pass', () => {
    const recent = { changesSince: new Date(now.getTime() - 3_600_000), lastFullPassAt: new Date(now.getTime() - 3_600_000) };
    expect(shouldReadIncrementally(recent, true, now, false)).toBe(true);
    expect(shouldReadIncrementally(recent, false, now, false)).toBe(false);
    expect(shouldReadIncrementally(recent, true, now, true)).toBe(false);
    expect(shouldReadIncrementally({ ...recent, lastFullPassAt: new Date(now.getTime() - FULL_PASS_EVERY_MS - 1) }, true, now, false)).toBe(false);
    expect(shouldReadIncrementally({ ...recent, changesSince: null }, true, now, false)).toBe(false);
    expect(shouldReadIncrementally({ ...recent, lastFullPassAt: null }, true, now, false)).toBe(false);
  });

  it('calls a drop massive above half the catalogue and above 20 products, not before', () => {
    expect(isMassDrop(21, 40)).toBe(true);
    expect(isMassDrop(20, 30)).toBe(false);
    expect(isMassDrop(50, 100)).toBe(false);
    expect(isMassDrop(51, 100)).toBe(true);
    expect(isMassDrop(1, 1)).toBe(false);
  });
});
