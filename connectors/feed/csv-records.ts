import { csvRows } from './csv-rows';
import { canonicalField, FeedField, FeedRecord, FIELD_LABELS, REQUIRED_FIELDS } from './feed-fields';
import { FeedFormatError } from './feed-format-error';
import type { Delimiter } from './feed-sniff';

/**
 * CSV/TSV text → one record per row (see csvRows for the reading). The header is mapped to
 * canonical fields once; a row that does not fit it (column count, broken quoting) becomes
 * a `BrokenRow` and the reading goes on.
 */
export async function* csvRecords(text: AsyncIterable<string>, delimiter: Delimiter): AsyncGenerator<FeedRecord, void, void> {
  // Lines are counted here from the rows and the line breaks inside their values. Empty
  // lines come as rows too, so that each one is counted.
  let line = 1;
  let columns: Array<FeedField | undefined> | undefined;
  let idColumn = -1;
  for await (const { fields, problem } of csvRows(text, delimiter)) {
    const at = line;
    line += 1 + countNewlines(fields);
    if (problem) {
      if (!columns) throw new FeedFormatError(`La ligne d’en-tête du flux est illisible : ${problem}.`);
      yield { position: `ligne ${at}`, reason: problem };
      continue;
    }
    if (fields.every((v) => v.trim() === '')) continue;
    if (!columns) {
      columns = readHeader(fields);
      idColumn = columns.indexOf('id');
      continue;
    }
    const row = toRow(fields, columns, at, idColumn);
    if (row) yield row;
  }
  if (!columns) throw new FeedFormatError('Le flux est vide : aucune ligne d’en-tête ni aucun produit.');
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
