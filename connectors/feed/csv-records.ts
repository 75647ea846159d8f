import { parse, type CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { canonicalField, FeedField, FeedRecord, FIELD_LABELS, REQUIRED_FIELDS } from './feed-fields';
import { FeedFormatError } from './feed-format-error';
import type { Delimiter } from './feed-sniff';

/**
 * CSV/TSV text → one record per row, streamed through csv-parse so that only the row at
 * hand is in memory. The header is mapped to canonical fields once; a row that does not
 * fit it (column count, broken quoting) becomes a `BrokenRow` and the reading goes on.
 */
export async function* csvRecords(text: AsyncIterable<string>, delimiter: Delimiter): AsyncGenerator<FeedRecord, void, void> {
  // A record the parser gave up on, to be reported after the `afterRecords` records before it.
  const parseErrors: Array<{ afterRecords: number; reason: string }> = [];
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      parseErrors.push({ afterRecords: (err as { records?: number } | undefined)?.records ?? 0, reason: csvErrorReason(err) });
      return undefined;
    },
  });
  const feeding = pipeline(Readable.from(text), parser).catch(() => {
    // Errors surface through the parser's iterator below; an early stop is not an error.
  });

  // Lines are counted here, not taken from the parser: it counts a line break quoted inside
  // a field of a CRLF file as two lines, and every later row's number drifted by one.
  // Empty lines are records too (not skipped by the parser) so that each one is counted.
  let line = 1;
  let records = 0;
  const errorsSoFar = function* (): Generator<FeedRecord> {
    while (parseErrors.length && parseErrors[0].afterRecords <= records) yield { position: `ligne ${line}`, reason: parseErrors.shift()!.reason };
  };
  let columns: Array<FeedField | undefined> | undefined;
  let idColumn = -1;
  try {
    for await (const record of drain(parser)) {
      yield* errorsSoFar();
      records++;
      const at = line;
      line += 1 + countNewlines(record);
      if (record.every((v) => v.trim() === '')) continue;
      if (!columns) {
        columns = readHeader(record);
        idColumn = columns.indexOf('id');
        continue;
      }
      const row = toRow(record, columns, at, idColumn);
      if (row) yield row;
    }
    records = Infinity;
    yield* errorsSoFar();
    if (!columns) throw new FeedFormatError('Le flux est vide : aucune ligne d’en-tête ni aucun produit.');
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

function readHeader(record: string[]): Array<FeedField | undefined> {
  const columns = record.map((name) => canonicalField(name));
  const missing = REQUIRED_FIELDS.filter((f) => !columns.includes(f));
  if (missing.length) {
    const found = record.map((c) => c.trim()).filter(Boolean).slice(0, 15).join(', ');
    throw new FeedFormatError(
      `Colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} dans l’en-tête du flux : ${missing
        .map((f) => FIELD_LABELS[f])
        .join(', ')}. Colonnes trouvées : ${found || 'aucune'}.`,
    );
  }
  return columns;
}

function toRow(record: string[], columns: Array<FeedField | undefined>, line: number, idColumn: number): FeedRecord | undefined {
  const position = `ligne ${line}`;
  const extra = record.slice(columns.length);
  if (record.length < columns.length || extra.some((v) => v.trim() !== '')) {
    return {
      position,
      externalId: idColumn >= 0 ? record[idColumn]?.trim() || undefined : undefined,
      reason: `${record.length} colonnes au lieu de ${columns.length} (séparateur en trop ou manquant, ou guillemet mal fermé)`,
    };
  }
  const fields: Partial<Record<FeedField, string>> = {};
  columns.forEach((field, i) => {
    if (!field) return;
    const value = record[i] ?? '';
    if (field === 'additional_image_link' && fields[field]) fields[field] += `,${value}`;
    else if (fields[field] === undefined || fields[field] === '') fields[field] = value;
  });
  return { position, fields };
}

function countNewlines(record: string[]): number {
  let n = 0;
  for (const v of record) for (let i = v.indexOf('\n'); i >= 0; i = v.indexOf('\n', i + 1)) n++;
  return n;
}

function csvErrorReason(err: CsvError | undefined): string {
  if (err?.code === 'CSV_QUOTE_NOT_CLOSED') return 'guillemet ouvert jamais refermé : la fin du fichier n’a pas pu être lue';
  return `ligne illisible (${err?.message ?? 'erreur CSV'})`;
}
