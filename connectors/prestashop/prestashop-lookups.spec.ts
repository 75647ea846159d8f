import { franceRates } from './prestashop-lookups';
import type { PsTaxRule } from './prestashop.types';

const rule = (id: number, group: string, country: string, tax: string, extra: Partial<PsTaxRule> = {}): PsTaxRule => ({
  id, id_tax_rules_group: group, id_country: country, id_state: '0', zipcode_from: '0', zipcode_to: '0', id_tax: tax, behavior: '0', ...extra,
});
const taxes = [
  { id: 1, rate: '20.000' },
  { id: 2, rate: '5.500' },
  { id: 3, rate: '19.000' },
  { id: 4, rate: '1.000' },
];
const groups = ['1', '2', '3', '4', '5', '6'].map((id) => ({ id, active: id === '3' ? '0' : '1' }));

describe('franceRates', () => {
  const rates = franceRates(
    groups,
    [
      rule(1, '1', '1', '3'), // Germany: never applied to French customers
      rule(2, '1', '8', '1'),
      rule(3, '2', '8', '2'),
      rule(4, '3', '8', '1'), // inactive group
      rule(5, '4', '8', '1', { behavior: '1' }),
      rule(6, '4', '8', '4', { behavior: '1' }),
      rule(7, '5', '8', '1', { behavior: '2' }),
      rule(8, '5', '8', '4', { behavior: '2' }),
      rule(9, '6', '8', '2', { id_state: '12' }), // a state-specific rule, not the whole country
      rule(10, '6', '8', '1', { zipcode_from: '97100', zipcode_to: '97199' }),
    ],
    taxes,
    '8',
  );

  it('applies the French rule of each active group', () => {
    expect(rates.get('1')).toBe(20);
    expect(rates.get('2')).toBe(5.5);
  });

  it('applies nothing for inactive groups, as PrestaShop does', () => {
    expect(rates.has('3')).toBe(false);
  });

  it('adds or compounds several taxes according to the first rule’s behaviour', () => {
    expect(rates.get('4')).toBe(21);
    expect(rates.get('5')).toBe(21.2);
  });

  it('ignores rules limited to a state or a postcode range', () => {
    expect(rates.has('6')).toBe(false);
  });
});
