import { formatRanges, openState, parisNow, parseOpeningHours } from './opening-hours';

const hours = parseOpeningHours({
  mardi: [['09:00', '12:30'], ['14:00', '19:00']],
  samedi: [['08:00', '13:00']],
  dimanche: 'fermé',
  lundi: [['25:00', '26:00'], ['10:00', '09:00']],
})!;

/** No-break spaces keep "19 h 30" on one line; compare with plain spaces. */
const plain = (s: { open: boolean; detail: string | null }) => ({ ...s, detail: s.detail?.replace(/\u00a0/g, ' ') ?? null });

describe('opening hours', () => {
  it('keeps only well-formed ranges', () => {
    expect(hours).toEqual({ mardi: [['09:00', '12:30'], ['14:00', '19:00']], samedi: [['08:00', '13:00']] });
    expect(parseOpeningHours(null)).toBeNull();
    expect(parseOpeningHours({ lundi: [] })).toBeNull();
  });

  it('reads the clock in Paris, summer and winter alike', () => {
    // 2026-07-14 is a Tuesday; 08:30 UTC is 10:30 in Paris (UTC+2).
    expect(parisNow(new Date('2026-07-14T08:30:00Z'))).toEqual({ day: 'mardi', minute: 630 });
    // 2026-01-13 is a Tuesday; 08:30 UTC is 09:30 in Paris (UTC+1).
    expect(parisNow(new Date('2026-01-13T08:30:00Z'))).toEqual({ day: 'mardi', minute: 570 });
  });

  it('says open, with the closing time, inside a range', () => {
    expect(plain(openState(hours, new Date('2026-07-14T08:30:00Z')))).toEqual({ open: true, detail: 'ferme à 12 h 30' });
  });

  it('says closed and when it opens next', () => {
    expect(plain(openState(hours, new Date('2026-07-14T11:00:00Z')))).toEqual({ open: false, detail: "ouvre aujourd'hui à 14 h" });
    expect(plain(openState(hours, new Date('2026-07-14T18:00:00Z')))).toEqual({ open: false, detail: 'ouvre samedi à 8 h' });
    expect(plain(openState(hours, new Date('2026-07-17T20:00:00Z')))).toEqual({ open: false, detail: 'ouvre demain à 8 h' });
  });

  it('formats ranges the French way', () => {
    expect(formatRanges(hours.mardi).replace(/\u00a0/g, ' ')).toBe('9 h – 12 h 30, 14 h – 19 h');
    expect(formatRanges(hours.mardi)).not.toMatch(/\d h \d|\d \u2013/);
    expect(formatRanges(undefined)).toBe('Fermé');
  });
});
