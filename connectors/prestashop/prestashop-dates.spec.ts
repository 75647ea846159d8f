import { fromShopTime, toShopTime } from './prestashop-dates';

describe('PrestaShop dates (Europe/Paris wall clock)', () => {
  it('converts instants to the shop clock, summer and winter', () => {
    expect(toShopTime(new Date('2026-07-14T07:00:00Z'))).toBe('2026-07-14 09:00:00');
    expect(toShopTime(new Date('2026-01-10T23:30:00Z'))).toBe('2026-01-11 00:30:00');
  });

  it('reads the shop clock back as instants', () => {
    expect(fromShopTime('2026-07-14 09:00:00')).toBe('2026-07-14T07:00:00.000Z');
    expect(fromShopTime('2026-01-11 00:30:00')).toBe('2026-01-10T23:30:00.000Z');
    // The night the clocks go back: 02:30 happens twice; either reading is within the hour.
    expect(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']).toContain(fromShopTime('2026-10-25 02:30:00'));
  });

  it('ignores PrestaShop zero dates and garbage', () => {
    expect(fromShopTime('0000-00-00 00:00:00')).toBeUndefined();
    expect(fromShopTime('')).toBeUndefined();
    expect(fromShopTime('hier')).toBeUndefined();
    expect(fromShopTime(null)).toBeUndefined();
  });
});
