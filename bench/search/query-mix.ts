import stopWords from '../../src/catalog/data/stop-words-fr.json';
import { demoCatalogue } from '../../test/servers/demo-catalogue';
import { Commune, rng } from './search-fixture';

export type QueryKind = 'plain' | 'multi-word' | 'typo' | 'prefix' | 'filters' | 'facets' | 'geo-radius' | 'geo-distance' | 'paging';

/** One resident's search, as GET /api/search query parameters. */
export interface MixQuery {
  kind: QueryKind;
  params: Record<string, string | string[]>;
}

/** Share of each kind in the mix (out of 100). */
const WEIGHTS: Record<QueryKind, number> = {
  plain: 20,
  'multi-word': 12,
  typo: 10,
  prefix: 10,
  filters: 14,
  facets: 8,
  'geo-radius': 8,
  'geo-distance': 8,
  paging: 10,
};

/** Typos residents really make, on top of the generated ones. */
const KNOWN_TYPOS = ['baguete', 'fromge', 'crossant', 'briohce', 'chocolat noire', 'confiure', 'echarpe soi', 'marionette'];

export interface Vocabulary {
  /** Product names without their number ("Pain de campagne"). */
  names: string[];
  /** Meaningful single words of the names, lower case. */
  words: string[];
  categories: string[];
  brands: string[];
}

/** Everything the demo catalogue can contain, read from the catalogue itself. */
export function vocabulary(): Vocabulary {
  const products = demoCatalogue(3000, 7);
  const names = unique(products.map((p) => p.title.replace(/ n°\d+$/, '')));
  const stop = new Set(stopWords as string[]);
  const words = unique(
    names.flatMap((n) =>
      n
        .toLowerCase()
        .split(/[\s’'-]+/)
        .filter((w) => w.length >= 4 && !stop.has(w) && !/\d/.test(w)),
    ),
  );
  return { names, words, categories: unique(products.map((p) => p.category)), brands: unique(products.map((p) => p.brand)) };
}

/**
 * `size` searches, kinds interleaved as on a real site: typos, prefixes (what the box
 * sends while typing), plain and multi-word queries, filters and facets, geo radius and
 * nearest first, deeper pages. Deterministic for a given seed.
 */
export function queryMix(vocab: Vocabulary, communes: Commune[], size = 300, seed = 7): MixQuery[] {
  const rand = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const word = () => pick(vocab.words);
  const communeNames = communes.map((c) => c.name);
  const kinds = Object.entries(WEIGHTS) as Array<[QueryKind, number]>;
  const total = kinds.reduce((s, [, w]) => s + w, 0);

  const make: Record<QueryKind, () => MixQuery['params']> = {
    plain: () => ({ q: word() }),
    'multi-word': () => ({ q: rand() < 0.6 ? pick(vocab.names).toLowerCase() : `${word()} ${word()}` }),
    typo: () => ({ q: rand() < 0.3 ? pick(KNOWN_TYPOS) : typo(pick(vocab.words.filter((w) => w.length >= 5)), rand) }),
    prefix: () => ({ q: word().slice(0, 3 + Math.floor(rand() * 2)) }),
    filters: () => {
      const params: MixQuery['params'] = { q: rand() < 0.75 ? word() : '' };
      const r = rand();
      if (r < 0.3) params.commune = [pick(communeNames)];
      else if (r < 0.55) params.category = [pick(vocab.categories)];
      else if (r < 0.8) Object.assign(params, priceRange(rand));
      else Object.assign(params, { commune: [pick(communeNames)], inStock: 'true', ...priceRange(rand) });
      if (rand() < 0.4) params.inStock = 'true';
      return params;
    },
    // Several groups selected at once: one extra facet count per group (disjunctive facets).
    facets: () => ({
      q: rand() < 0.5 ? '' : word(),
      commune: unique([pick(communeNames), pick(communeNames)]),
      category: unique([pick(vocab.categories), pick(vocab.categories)]),
      inStock: 'true',
    }),
    'geo-radius': () => ({ q: rand() < 0.8 ? word() : '', ...position(pick(communes), rand), radiusKm: pick(['1', '2', '3', '5']) }),
    'geo-distance': () => {
      const params: MixQuery['params'] = { q: word(), ...position(pick(communes), rand), sort: 'distance' };
      if (rand() < 0.75) params.radiusKm = pick(['2', '3', '5', '10']);
      if (rand() < 0.2) params.page = '2';
      return params;
    },
    paging: () => ({
      q: rand() < 0.7 ? word() : '',
      page: String(2 + Math.floor(rand() * 5)),
      perPage: pick(['20', '20', '48']),
      sort: pick(['relevance', 'price:asc', 'price:desc', 'newest']),
    }),
  };

  const mix: MixQuery[] = [];
  for (let i = 0; i < size; i++) {
    let r = rand() * total;
    const kind = kinds.find(([, w]) => (r -= w) < 0)?.[0] ?? 'plain';
    mix.push({ kind, params: make[kind]() });
  }
  return mix;
}

/** The request path of a mix entry on our API. */
export function searchPath(query: MixQuery): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(query.params)) {
    for (const v of Array.isArray(value) ? value : [value]) qs.append(key, v);
  }
  return `/api/search?${qs.toString()}`;
}

/** One slip of the finger: a letter dropped, or two swapped. */
function typo(word: string, rand: () => number): string {
  const at = 1 + Math.floor(rand() * (word.length - 2));
  return rand() < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

function priceRange(rand: () => number): Record<string, string> {
  const min = Math.floor(rand() * 20);
  return rand() < 0.5 ? { priceMax: String(min + 5 + Math.floor(rand() * 40)) } : { priceMin: String(min), priceMax: String(min + 10 + Math.floor(rand() * 60)) };
}

/** Somewhere in a commune (where a resident's phone would be). */
function position(c: Commune, rand: () => number): Record<string, string> {
  return { lat: (c.lat + (rand() - 0.5) * 0.02).toFixed(5), lng: (c.lng + (rand() - 0.5) * 0.03).toFixed(5) };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
