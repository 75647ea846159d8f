import { openingHoursSchema } from './opening-hours.schema';
import { createMerchantShopSchema } from './shop-profile.schema';

describe('opening hours', () => {
  it('keeps ordered ranges with a break, in weekday order, and drops closed days', () => {
    const parsed = openingHoursSchema.parse({ samedi: [['10:00', '24:00']], lundi: [['09:00', '12:30'], ['14:00', '19:00']], dimanche: [] });
    expect(parsed).toEqual({ lundi: [['09:00', '12:30'], ['14:00', '19:00']], samedi: [['10:00', '24:00']] });
    expect(Object.keys(parsed)).toEqual(['lundi', 'samedi']);
  });

  it.each([
    ['overlapping ranges', { lundi: [['09:00', '13:00'], ['12:59', '18:00']] }],
    ['ranges out of order', { lundi: [['14:00', '18:00'], ['09:00', '12:00']] }],
    ['an empty range', { lundi: [['09:00', '09:00']] }],
    ['a bad time', { lundi: [['25:00', '26:00']] }],
    ['a single time', { lundi: [['09:00']] }],
    ['an unknown day', { monday: [['09:00', '12:00']] }],
    ['not an object', 'lundi 9h-12h'],
  ])('refuses %s', (_what, value) => {
    expect(openingHoursSchema.safeParse(value).success).toBe(false);
  });

  it('accepts touching ranges (closing at 12:00, reopening at 12:00)', () => {
    expect(openingHoursSchema.safeParse({ mardi: [['09:00', '12:00'], ['12:00', '18:00']] }).success).toBe(true);
  });
});

describe('merchant shop profile', () => {
  const base = { name: 'A', siret: '44306184100047', address: '1 rue', postalCode: '69001', commune: 'Lyon', platform: 'feed', sourceUrl: 'https://a.example/feed.csv' };

  it.each([
    ['04 78 12 34 56', '04 78 12 34 56'],
    ['+33 4 78 12 34 56', '04 78 12 34 56'],
    ['0033478123456', '04 78 12 34 56'],
    ['06.12.34.56.78', '06 12 34 56 78'],
  ])('normalises the phone %s', (phone, expected) => {
    expect(createMerchantShopSchema.parse({ ...base, phone }).phone).toBe(expected);
  });

  it.each(['0078123456', '04 78 12 34', '+44 20 7946 0958', 'appelez-nous'])('refuses the phone %s', (phone) => {
    expect(createMerchantShopSchema.safeParse({ ...base, phone }).success).toBe(false);
  });

  it('refuses a SIRET whose checksum is wrong with "SIRET invalide"', () => {
    const result = createMerchantShopSchema.safeParse({ ...base, siret: '44306184100048' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['siret'], message: expect.stringMatching(/^SIRET invalide/) });
  });
});
