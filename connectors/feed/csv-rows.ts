import { parse as csvParse, type CsvError } from 'csv-parse';
import Papa from 'papaparse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Delimiter } from './feed-sniff';

/** One row's fields, or what kept the row from being read. */
export interface CsvRow {
  fields: string[];
  problem?: string;
}

/**
 * A row may hold multi-line descriptions, but not this much: an opened quote still open
 * after it is left to the lenient reader (which reports it if it is never closed).
 */
export const MAX_ROW_CHARS = 1_000_000;

/**
 * The rows of a CSV/TSV text, read piece by piece so that only the rows of the piece at
 * hand are in memory.
 *
 * Two parsers, for speed and for leniency. Papa Parse reads well-formed feeds about eight
 * times faster than csv-parse (reading was the largest share of a sync's own CPU). But a
 * stray quote after a quoted value (`"Nougat"blanc,…`) makes it read on as if the quote
 * were still open, merging the following rows into one; csv-parse (`relax_quotes`) keeps
 * such a value as typed. So the rows go through Papa Parse until the first row it finds
 * such a quote in, and from that row on through csv-parse.
 */
export async function* csvRows(text: AsyncIterable<string>, delimiter: Delimiter): AsyncGenerator<CsvRow> {
  const pieces = text[Symbol.asyncIterator]();
  try {
    let carried = '';
    let newline: Newline | undefined;
    let first = true;
    for (;;) {
      const next = await pieces.next();
      const last = next.done === true;
      if (!last) {
        carried += first ? next.value.replace(/^\uFEFF/, '') : next.value;
        first = false;
        newline ??= guessNewline(carried);
        if (!newline && carried.length <= MAX_ROW_CHARS) continue;
      }
      if (!carried) return;
      const lineBreak = newline ?? '\n';
      // Up to the last complete row, unless this is the end of the text.
      const results = fastParser(delimiter, lineBreak).parse(carried, 0, !last) as Papa.ParseResult<string[]>;
      const stray = results.errors.find((e) => e.row !== undefined);
      const readable = stray ? stray.row! : results.data.length;
      for (let i = 0; i < readable; i++) yield { fields: results.data[i].map(ownString) };
      const rest = carried.substring(stray ? cursorAfter(carried, readable, delimiter, lineBreak) : results.meta.cursor);
      if (stray || rest.length > MAX_ROW_CHARS) {
        yield* lenientRows(andThen(rest, pieces), delimiter);
        return;
      }
      if (last) return;
      carried = rest;
    }
  } finally {
    // Also when the reader stops early (a probe reads a few rows): the source closes its download.
    await pieces.return?.();
  }
}

type Newline = '\n' | '\r\n' | '\r';

/**
 * Papa Parse's values are slices of the piece they were read from: a value kept a while
 * (the variant grouper holds rows) kept its whole piece alive, two bytes a character as
 * soon as the piece held one character beyond Latin-1 (’, œ, €). Decoded again, a value
 * is a string of its own, one byte a character when it can be: reading a 200,000-row feed
 * grew the process by 95 MB at its peak instead of 145 MB, for 3 % more time. Short values
 * are copies already.
 */
function ownString(value: string): string {
  return value.length > 12 ? Buffer.from(value, 'utf8').toString('utf8') : value;
}

function fastParser(delimiter: Delimiter, newline: Newline, preview?: number): Papa.Parser {
  return new Papa.Parser({ delimiter, newline, quoteChar: '"', escapeChar: '"', preview });
}

/** Where the `rows`-th row of the text ends (where the next one starts). */
function cursorAfter(text: string, rows: number, delimiter: Delimiter, newline: Newline): number {
  if (rows === 0) return 0;
  return (fastParser(delimiter, newline, rows).parse(text, 0, false) as Papa.ParseResult<string[]>).meta.cursor;
}

/** From the first line break seen (the header's, in practice); undefined until there is one. */
function guessNewline(text: string): Newline | undefined {
  const n = text.indexOf('\n');
  if (n > 0 && text[n - 1] === '\r') return '\r\n';
  if (n >= 0) return '\n';
  // A lone \r may still be the first half of a \r\n cut between two pieces.
  const r = text.indexOf('\r');
  return r >= 0 && r < text.length - 1 ? '\r' : undefined;
}

async function* andThen(head: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  if (head) yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * csv-parse, relaxed: quotes inside values are kept as typed, rows of any length are
 * returned (the caller checks them against the header). A row it cannot read at all (an
 * opened quote never closed) comes as a problem, in its place among the rows.
 */
async function* lenientRows(text: AsyncIterable<string>, delimiter: Delimiter): AsyncGenerator<CsvRow> {
  // A record the parser gave up on, to be reported after the `afterRecords` records before it.
  const parseErrors: Array<{ afterRecords: number; problem: string }> = [];
  const parser = csvParse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      parseErrors.push({ afterRecords: (err as { records?: number } | undefined)?.records ?? 0, problem: csvErrorReason(err) });
      return undefined;
    },
  });
  const feeding = pipeline(Readable.from(text), parser).catch(() => {
    // Errors surface through the parser's iterator below; an early stop is not an error.
  });
  let records = 0;
  const problemsSoFar = function* (): Generator<CsvRow> {
    while (parseErrors.length && parseErrors[0].afterRecords <= records) yield { fields: [], problem: parseErrors.shift()!.problem };
  };
  try {
    for await (const fields of drain(parser)) {
      yield* problemsSoFar();
      records++;
      yield { fields };
    }
    records = Infinity;
    yield* problemsSoFar();
  } finally {
    parser.destroy();
    await feeding;
  }
}

/**
 * The parser's records, taken synchronously while it has some buffered and awaited only
 * when it has none: the stream's own async iterator costs a promise per record.
 */
async function* drain(parser: Readable): AsyncGenerator<string[]> {
  let ended = false;
  let failure: unknown;
  parser.once('end', () => (ended = true));
  parser.once('error', (e) => (failure = e));
  for (;;) {
    let item: string[] | null;
    while ((item = parser.read()) !== null) yield item;
    if (failure) throw failure;
    if (ended || parser.destroyed) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        parser.off('readable', done);
        parser.off('end', done);
        parser.off('error', done);
        parser.off('close', done);
        resolve();
      };
      parser.on('readable', done);
      parser.on('end', done);
      parser.on('error', done);
      parser.on('close', done);
    });
  }
}

function csvErrorReason(err: CsvError | undefined): string {
  if (err?.code === 'CSV_QUOTE_NOT_CLOSED') return 'guillemet ouvert jamais refermé : la fin du fichier n’a pas pu être lue';
  return `ligne illisible (${err?.message ?? 'erreur CSV'})`;
}
