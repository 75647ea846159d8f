import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Validated } from '../../connectors/core/validate-product';

/**
 * The two rules every mapper spec checks on its fixtures: each file under ok/ maps to
 * products only, each file under not-ok/ to skipped items with a French reason.
 */
export function describeFixtureRules(fixturesDir: string, mapFixture: (dir: 'ok' | 'not-ok', file: string) => Validated[], reason: RegExp): void {
  describe.each(readdirSync(join(fixturesDir, 'ok')))('ok/%s', (file) => {
    it('maps every product', () => {
      const results = mapFixture('ok', file);
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) expect('skipped' in r ? r.skipped.reason : 'product').toBe('product');
    });
  });

  describe.each(readdirSync(join(fixturesDir, 'not-ok')))('not-ok/%s', (file) => {
    it('skips every product with a French reason', () => {
      const results = mapFixture('not-ok', file);
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) {
        expect('skipped' in r).toBe(true);
        if ('skipped' in r) expect(r.skipped.reason).toMatch(reason);
      }
    });
  });
}
