import { BadRequestException } from '@nestjs/common';
import { parseSearchParams } from './search-params';
import { buildFilter, filterClauses, quote, scopeClause } from './search-filter';

function rejection(query: Record<string, unknown>): string {
  try {
    parseSearchParams(query);
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    const body = (e as BadRequestException).getResponse() as { statusCode: number; message: string };
    expect(body.statusCode).toBe(400);
    return body.message;
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
}

describe('parseSearchParams', () => {
  it('has defaults and ignores unknown or empty parameters', () => {
    expect(parseSearchParams({ utm_campaign: 'x', priceMin: '', commune: ['', 'Lyon', 'Lyon'] })).toEqual({
      q: '', shop: [], commune: ['Lyon'], category: [], sort: 'relevance', page: 1, perPage: 20,
    });
  });

  it('reads every parameter', () => {
    expect(
      parseSearchParams({
        q: ' pain ', shop: 'fournil', commune: ['Lyon', 'Bron'], category: 'Pains', inStock: 'true', priceMin: '1,5', priceMax: '10',
        lat: '45.76', lng: '4.83', radiusKm: '3', sort: 'distance', page: '2', perPage: '100',
      }),
    ).toEqual({
      q: 'pain', shop: ['fournil'], commune: ['Lyon', 'Bron'], category: ['Pains'], inStock: true, priceMin: 1.5, priceMax: 10,
      lat: 45.76, lng: 4.83, radiusKm: 3, sort: 'distance', page: 2, perPage: 100,
    });
  });

  it.each([
    [{ sort: 'cheapest' }, /sort/],
    [{ priceMin: '-1' }, /priceMin.*négatif/],
    [{ priceMax: 'abc' }, /priceMax/],
    [{ priceMin: '1e3' }, /priceMin/],
    [{ priceMin: '20', priceMax: '10' }, /priceMin.*priceMax/],
    [{ perPage: '101' }, /perPage/],
    [{ perPage: '0' }, /perPage/],
    [{ page: '0' }, /page/],
    [{ page: '1.5' }, /page/],
    [{ page: ['1', '2'] }, /page.*une fois/],
    [{ radiusKm: '3' }, /radiusKm.*lat/],
    [{ lat: '91', lng: '4' }, /lat/],
    [{ lat: '45', lng: '-181' }, /lng/],
    [{ lat: '45' }, /lat.*lng/],
    [{ lat: '45', lng: '4', radiusKm: '0' }, /radiusKm/],
    [{ lat: '45', lng: '4', radiusKm: '101' }, /radiusKm/],
    [{ sort: 'distance' }, /distance.*lat/],
    [{ inStock: 'yes' }, /inStock/],
    [{ q: 'x'.repeat(201) }, /q.*200/],
    [{ commune: { $ne: 1 } }, /commune/],
  ])('rejects %j', (query, message) => {
    expect(rejection(query)).toMatch(message);
  });
});

describe('search filters', () => {
  it('quotes values so they cannot add operators', () => {
    expect(quote('Lyon" OR shop.id EXISTS')).toBe('"Lyon\\" OR shop.id EXISTS"');
    expect(quote('a\\')).toBe('"a\\\\"');
    expect(quote('a\nb')).toBe('"ab"');
  });

  it('keeps each facet group apart for disjunctive counts', () => {
    const params = parseSearchParams({ commune: ['Lyon', 'Bron'], inStock: 'false', priceMax: '9.5' });
    const filter = buildFilter(params, scopeClause(['s1', 's2']));
    expect(filterClauses(filter)).toEqual(['shop.id IN ["s1", "s2"]', 'price <= 9.5', 'commune IN ["Lyon", "Bron"]', 'inStock = false']);
    expect(filterClauses(filter, { without: 'commune', scope: 'shop.id = "s1"' })).toEqual(['shop.id = "s1"', 'price <= 9.5', 'inStock = false']);
  });
});
