import { parseSearchParams } from '../search/search-params';
import { searchQuery } from './search-query';
import { pageWindow } from './templates/search-parts';

describe('page links', () => {
  it('writes the search back as a short query string', () => {
    const p = parseSearchParams({ q: 'pain & co', commune: ['Lyon', 'Bron'], inStock: 'true', sort: 'relevance', page: '3' });
    expect(searchQuery(p)).toBe('?q=pain+%26+co&commune=Lyon&commune=Bron&inStock=true&page=3');
    expect(searchQuery(p, { page: 1 }, ['commune'])).toBe('?q=pain+%26+co&inStock=true');
    expect(searchQuery(parseSearchParams({}))).toBe('');
  });

  it('shows the first, the last and the pages around the current one', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 5)).toEqual([1, 2, null, 5]);
    expect(pageWindow(6, 20)).toEqual([1, null, 5, 6, 7, null, 20]);
    expect(pageWindow(3, 4)).toEqual([1, 2, 3, 4]);
  });
});
