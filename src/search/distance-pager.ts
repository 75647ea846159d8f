/** One shop's share of a distance-ordered page: its hits [offset, offset + limit). */
export interface ShopSlice {
  shopId: string;
  offset: number;
  limit: number;
}

/**
 * "Nearest first" without `_geo`: the result list is the shops' hit lists laid end to end,
 * nearest shop first. Given each shop's hit count (in that order), returns the slices of
 * the shops that cover positions [offset, offset + limit) of that list.
 */
export function planDistancePage(counts: ReadonlyArray<{ shopId: string; count: number }>, offset: number, limit: number): ShopSlice[] {
  const slices: ShopSlice[] = [];
  const end = offset + limit;
  let start = 0;
  for (const { shopId, count } of counts) {
    if (start >= end) break;
    const from = Math.max(offset, start);
    const to = Math.min(end, start + count);
    if (to > from) slices.push({ shopId, offset: from - start, limit: to - from });
    start += count;
  }
  return slices;
}
