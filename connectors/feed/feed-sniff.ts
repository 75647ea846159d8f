import { FeedFormatError } from './feed-format-error';

export type FeedFormat = 'csv' | 'xml';
export type Delimiter = ',' | ';' | '\t' | '|';

const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];

/**
 * The format, read from the first characters rather than the Content-Type, which shops
 * and hosting panels routinely get wrong (feeds served as text/html or
 * application/octet-stream). An HTML page is refused with a message the merchant
 * understands: they usually pasted their shop's address instead of the feed's.
 */
export function sniffFormat(head: string, contentType = ''): FeedFormat {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text === '') throw new FeedFormatError('Le flux est vide : cette adresse ne renvoie aucun produit.');
  if (text.startsWith('<')) {
    const lower = text.slice(0, 4096).toLowerCase();
    const html = lower.search(/<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]/);
    const feed = lower.search(/<rss[\s>]|<feed[\s>]|<rdf:rdf[\s>]|<(g:)?item[\s>]|<entry[\s>]|<products?[\s>]/);
    if (html >= 0 && (feed < 0 || html < feed)) throw htmlPageError();
    return 'xml';
  }
  if (/text\/html/i.test(contentType) && /<(html|body|div|p)[\s>]/i.test(text.slice(0, 4096))) throw htmlPageError();
  return 'csv';
}

export function htmlPageError(): FeedFormatError {
  return new FeedFormatError(
    'Cette adresse renvoie une page web, pas un flux produits. Indiquez l’adresse du fichier CSV ou XML exporté par votre boutique (par exemple le flux Google Shopping).',
  );
}

/** The first line of the text (the header), ignoring line breaks inside quotes. */
export function firstLine(text: string): string | undefined {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if ((c === '\n' || c === '\r') && !inQuotes) return text.slice(0, i);
  }
  return undefined;
}

/** The delimiter that splits the header into the most columns, outside quotes; comma by default. */
export function sniffDelimiter(header: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const c of header.replace(/^\uFEFF/, '')) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(c as Delimiter)) counts.set(c as Delimiter, counts.get(c as Delimiter)! + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

export function delimiterLabel(d: Delimiter): string {
  return { ',': 'virgule', ';': 'point-virgule', '\t': 'tabulation', '|': 'barre verticale' }[d];
}
