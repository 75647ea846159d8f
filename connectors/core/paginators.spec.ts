import { ConnectorError } from './errors';
import { cursorPages, linkHeaderPages, nextLink, offsetPages, pageNumberPages, parseLinkHeader } from './paginators';

async function collect<T>(gen: AsyncGenerator<T, void, void>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of gen) out.push(page);
  return out;
}

async function loopError(gen: AsyncGenerator<unknown, void, void>): Promise<ConnectorError> {
  try {
    await collect(gen);
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    expect((e as ConnectorError).kind).toBe('pagination_loop');
    return e as ConnectorError;
  }
  throw new Error('expected a pagination loop');
}

/** A 7-item catalogue served 3 per page. */
const catalogue = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const slice = (page: number) => catalogue.slice((page - 1) * 3, page * 3);

describe('parseLinkHeader', () => {
  it('reads Shopify and WordPress style headers, relative links included', () => {
    const header =
      '<https://shop.example/products.json?limit=3&page_info=abc>; rel="previous", <https://shop.example/products.json?limit=3&page_info=def>; rel="next"';
    expect(parseLinkHeader(header)).toEqual({
      previous: 'https://shop.example/products.json?limit=3&page_info=abc',
      next: 'https://shop.example/products.json?limit=3&page_info=def',
    });
    expect(nextLink('</wp-json/wc/v3/products?page=2>; rel=next', 'https://shop.example/wp-json/wc/v3/products')).toBe(
      'https://shop.example/wp-json/wc/v3/products?page=2',
    );
    expect(parseLinkHeader('<https://x.example/2>; title="a, b"; rel="next last"')).toEqual({ next: 'https://x.example/2', last: 'https://x.example/2' });
    expect(nextLink(undefined, 'https://x.example/')).toBeUndefined();
  });
});

describe('linkHeaderPages', () => {
  const base = 'https://shop.example/products.json';
  const link = (page: number) => (page * 3 < catalogue.length ? `<${base}?page=${page + 1}>; rel="next"` : undefined);

  it('follows rel=next to the end', async () => {
    const pages = await collect(
      linkHeaderPages({ firstUrl: `${base}?page=1`, fetchPage: async (url) => {
        const n = Number(new URL(url).searchParams.get('page'));
        return { items: slice(n), link: link(n) };
      } }),
    );
    expect(pages.flatMap((p) => p.items)).toEqual(catalogue);
  });

  it('refuses a next link equal to the current page', async () => {
    const err = await loopError(linkHeaderPages({ firstUrl: `${base}?page=1`, fetchPage: async (url) => ({ items: [url], link: `<${url}>; rel="next"` }) }));
    expect(err.message).toMatch(/next link equals the current page/);
  });

  it('refuses a cycle between two links', async () => {
    const other = (url: string) => (url.endsWith('page=1') ? `${base}?page=2` : `${base}?page=1`);
    await loopError(linkHeaderPages({ firstUrl: `${base}?page=1`, fetchPage: async (url) => ({ items: [url], link: `<${other(url)}>; rel="next"` }) }));
  });

  it('refuses new links that serve the same content again', async () => {
    let n = 0;
    await loopError(linkHeaderPages({ firstUrl: `${base}?page=0`, fetchPage: async () => ({ items: ['a', 'b'], link: `<${base}?page=${++n}>; rel="next"` }) }));
  });
});

describe('pageNumberPages', () => {
  it('stops on an empty page', async () => {
    const asked: number[] = [];
    const pages = await collect(pageNumberPages({ fetchPage: async (n) => (asked.push(n), { items: slice(n) }) }));
    expect(pages.flatMap((p) => p.items)).toEqual(catalogue);
    expect(asked).toEqual([1, 2, 3, 4]);
  });

  it('stops after the last page the server claims, and on a short page', async () => {
    const claimed: number[] = [];
    await collect(pageNumberPages({ fetchPage: async (n) => (claimed.push(n), { items: slice(n), totalPages: 3 }) }));
    expect(claimed).toEqual([1, 2, 3]);
    const short: number[] = [];
    await collect(pageNumberPages({ pageSize: 3, fetchPage: async (n) => (short.push(n), { items: slice(n) }) }));
    expect(short).toEqual([1, 2, 3]);
  });

  it('refuses a server that ignores the page number (same page again)', async () => {
    const err = await loopError(pageNumberPages({ fetchPage: async () => ({ items: slice(1) }) }));
    expect(err.message).toMatch(/page 2 repeats page 1/);
  });

  it('stops at maxPages for a source that never ends', async () => {
    await loopError(pageNumberPages({ maxPages: 50, fetchPage: async (n) => ({ items: [n] }) }));
  });
});

describe('offsetPages', () => {
  it('advances by the items received and stops at the claimed total', async () => {
    const asked: number[] = [];
    // The server caps the limit at 2 although 3 are asked: nothing is lost.
    const pages = await collect(
      offsetPages({ limit: 3, shortPageEnds: false, fetchPage: async (offset) => (asked.push(offset), { items: catalogue.slice(offset, offset + 2), total: 7 }) }),
    );
    expect(pages.flatMap((p) => p.items)).toEqual(catalogue);
    expect(asked).toEqual([0, 2, 4, 6]);
  });

  it('stops on a short page by default', async () => {
    const pages = await collect(offsetPages({ limit: 3, fetchPage: async (offset, limit) => ({ items: catalogue.slice(offset, offset + limit) }) }));
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
  });

  it('refuses a server that ignores the offset', async () => {
    await loopError(offsetPages({ limit: 3, fetchPage: async () => ({ items: catalogue.slice(0, 3) }) }));
  });
});

describe('cursorPages', () => {
  it('follows cursors until none is given', async () => {
    const pages = await collect(cursorPages({ fetchPage: async (cursor) => {
      const n = cursor ? Number(cursor) : 1;
      return { items: slice(n), next: n * 3 < catalogue.length ? String(n + 1) : null };
    } }));
    expect(pages.flatMap((p) => p.items)).toEqual(catalogue);
  });

  it('refuses a next cursor equal to the current one', async () => {
    let first = true;
    const err = await loopError(cursorPages({ fetchPage: async (cursor) => {
      const items = first ? ['a'] : ['b'];
      first = false;
      return { items, next: cursor ?? 'c1' };
    } }));
    expect(err.message).toMatch(/next cursor equals the current one \(c1\)/);
  });

  it('refuses a cursor already visited', async () => {
    const next: Record<string, string> = { c1: 'c2', c2: 'c1' };
    await loopError(cursorPages({ start: 'c1', fetchPage: async (cursor) => ({ items: [cursor], next: next[cursor!] }) }));
  });

  it('refuses identical consecutive pages under new cursors', async () => {
    let n = 0;
    await loopError(cursorPages({ fetchPage: async () => ({ items: ['same'], next: `c${++n}` }) }));
  });

  it('refuses more pages than the source claims', async () => {
    let n = 0;
    const err = await loopError(cursorPages({ fetchPage: async () => ({ items: [++n], next: `c${n}`, totalPages: 2 }) }));
    expect(err.message).toMatch(/page 3 read although the source claims 2 pages/);
  });
});
