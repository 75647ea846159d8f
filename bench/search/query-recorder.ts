import type { MultiSearchQuery } from 'meilisearch';
import type { SearchEngine } from '../../src/catalog/search-engine';
import { MixQuery, searchPath } from './query-mix';

/** A mix entry with the engine queries our API sent for it. */
export interface RecordedSearch {
  query: MixQuery;
  path: string;
  /** Each multi-search round trip of the request, in order (two for nearest-first). */
  rounds: MultiSearchQuery[][];
  total: number;
}

/**
 * Sends every mix entry once through our API and captures the multi-searches it makes,
 * so the "engine alone" load replays exactly the same queries. Requests go one at a
 * time, so each captured call belongs to the request in flight. Also the warm-up and a
 * check that every entry of the mix is a valid search.
 */
export async function recordSearches(baseUrl: string, engine: SearchEngine, mix: MixQuery[]): Promise<RecordedSearch[]> {
  let rounds: MultiSearchQuery[][] = [];
  const original = engine.multiSearch;
  const spy = function (this: SearchEngine, queries: MultiSearchQuery[]) {
    rounds.push(structuredClone(queries));
    return original.call(this, queries);
  };
  (engine as unknown as { multiSearch: unknown }).multiSearch = spy;
  const recorded: RecordedSearch[] = [];
  try {
    for (const query of mix) {
      rounds = [];
      const path = searchPath(query);
      const res = await fetch(baseUrl + path);
      const body = (await res.json()) as { total?: number; message?: string };
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${body.message}`);
      if (!rounds.length) throw new Error(`${path} made no engine query (are the shops visible?)`);
      recorded.push({ query, path, rounds, total: body.total ?? 0 });
    }
  } finally {
    delete (engine as unknown as { multiSearch?: unknown }).multiSearch;
  }
  return recorded;
}

/** The same work as one /multi-search body: every round of the request in a single call. */
export function directBody(search: RecordedSearch): string {
  return JSON.stringify({ queries: search.rounds.flat() });
}
