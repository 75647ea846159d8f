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
  const parseErrors: FeedRecord[] = [];
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      parseErrors.push({ position: `ligne ${(err as { lines?: number } | undefined)?.lines ?? '?'}`, reason: csvErrorReason(err) });
      return undefined;
    },
  });
  const feeding = pipeline(Readable.from(text), parser).catch(() => {
    // Errors surface through the parser's iterator below; an early stop is not an error.
  });

  let columns: Array<FeedField | undefined> | undefined;
  let idColumn = -1;
  try {
    for await (const { record, info } of drain(parser)) {
      yield* parseErrors.splice(0);
      const line = info.lines - countNewlines(record);
      if (!columns) {
        columns = readHeader(record);
        idColumn = columns.indexOf('id');
        continue;
      }
      const row = toRow(record, columns, line, idColumn);
      if (row) yield row;
    }
    yield* parseErrors.splice(0);
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
async function* drain(parser: Readable): AsyncGenerator<{ record: string[]; info: { lines: number } }> {
  let ended = false;
  let failure: unknown;
  parser.once('end', () => (ended = true));
  parser.once('error', (e) => (failure = e));
  for (;;) {
    let item: { record: string[]; info: { lines: number } } | null;
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
  if (record.every((v) => v.trim() === '')) return undefined;
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
