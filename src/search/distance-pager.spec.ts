import { planDistancePage } from './distance-pager';

describe('planDistancePage', () => {
  const counts = [
    { shopId: 'near', count: 3 },
    { shopId: 'empty', count: 0 },
    { shopId: 'mid', count: 5 },
    { shopId: 'far', count: 4 },
  ];

  it('takes the first shops for the first page', () => {
    expect(planDistancePage(counts, 0, 4)).toEqual([
      { shopId: 'near', offset: 0, limit: 3 },
      { shopId: 'mid', offset: 0, limit: 1 },
    ]);
  });

  it('starts inside a shop and spans several', () => {
    expect(planDistancePage(counts, 4, 6)).toEqual([
      { shopId: 'mid', offset: 1, limit: 4 },
      { shopId: 'far', offset: 0, limit: 2 },
    ]);
  });

  it('covers every position exactly once across pages', () => {
    const seen: string[] = [];
    for (let page = 0; page < 5; page++) {
      for (const s of planDistancePage(counts, page * 5, 5)) {
        for (let i = 0; i < s.limit; i++) seen.push(`${s.shopId}:${s.offset + i}`);
      }
    }
    expect(seen).toEqual([
      ...[0, 1, 2].map((i) => `near:${i}`),
      ...[0, 1, 2, 3, 4].map((i) => `mid:${i}`),
      ...[0, 1, 2, 3].map((i) => `far:${i}`),
    ]);
  });

  it('is empty past the end', () => {
    expect(planDistancePage(counts, 12, 5)).toEqual([]);
  });
});
