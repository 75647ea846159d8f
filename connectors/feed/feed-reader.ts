import type { Readable } from 'node:stream';
import { ConnectorError, isConnectorError } from '../core/errors';
import { detectChallenge } from '../core/response-inspector';
import { csvRecords } from './csv-records';
import { EncodingInfo, encodingLabel, FeedDecoder } from './feed-decoder';
import type { FeedRecord } from './feed-fields';
import { Delimiter, delimiterLabel, FeedFormat, firstLine, sniffDelimiter, sniffFormat } from './feed-sniff';
import { xmlRecords } from './xml-records';

/** Text gathered before deciding the format: enough for an XML prologue or a long CSV header. */
const HEAD_CHARS = 4096;
const MAX_HEAD_CHARS = 1024 * 1024;

export interface FeedDetection {
  format: FeedFormat;
  /** RSS 2.0 or Atom, for XML. */
  xmlDialect?: 'RSS 2.0' | 'Atom' | 'XML';
  delimiter?: Delimiter;
  /** Final once the first non-ASCII bytes were seen; read it after the records. */
  encoding: EncodingInfo;
}

export interface OpenFeed {
  detection(): FeedDetection;
  records: AsyncGenerator<FeedRecord, void, void>;
}

/**
 * A feed's byte stream → its format and a stream of records. Only the first few
 * kilobytes are read ahead (to recognise the format and the CSV delimiter); everything
 * else flows through, chunk by chunk, as the records are consumed.
 */
export async function openFeed(stream: Readable, options: { headers?: Record<string, string>; maxBytes: number }): Promise<OpenFeed> {
  const decoder = new FeedDecoder(options.maxBytes);
  const source = decodedText(stream, decoder);
  let head = '';
  let done = false;
  while (!done && needsMore(head)) {
    const next = await source.next();
    if (next.done) done = true;
    else head += next.value;
  }
  const headers = options.headers ?? {};
  let format: FeedFormat;
  try {
    format = sniffFormat(head, headers['content-type']);
  } catch (e) {
    // A firewall's challenge page is not the merchant's mistake: name it as such.
    const waf = detectChallenge(200, headers, head, true);
    if (waf) throw new ConnectorError('blocked', `${waf} security check answered instead of the feed`);
    throw e;
  }
  const delimiter = format === 'csv' ? sniffDelimiter(firstLine(head) ?? head) : undefined;
  const lower = head.slice(0, HEAD_CHARS).toLowerCase();
  const xmlDialect = format !== 'xml' ? undefined : /<rss[\s>]/.test(lower) ? 'RSS 2.0' : /<feed[\s>]/.test(lower) ? 'Atom' : 'XML';

  const text = (async function* () {
    if (head) yield head;
    if (!done) yield* source;
  })();
  return {
    detection: () => ({ format, xmlDialect, delimiter, encoding: decoder.info }),
    records: format === 'csv' ? csvRecords(text, delimiter!) : xmlRecords(text),
  };
}

function needsMore(head: string): boolean {
  if (head.length >= MAX_HEAD_CHARS) return false;
  if (head.length < HEAD_CHARS) return true;
  return !head.trimStart().startsWith('<') && firstLine(head) === undefined;
}

/**
 * Text is handed on in pieces of at most this many bytes. V8 puts a string of over about
 * 128 KB (64K characters once one of them is a ’ or an emoji) straight into its old
 * generation, where it waits for a full collection: read in network-sized chunks (64 KB),
 * a large feed's whole text went there.
 */
const TEXT_PIECE_BYTES = 16 * 1024;

async function* decodedText(stream: Readable, decoder: FeedDecoder): AsyncGenerator<string, void, void> {
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      for (let i = 0; i < bytes.length; i += TEXT_PIECE_BYTES) {
        const text = decoder.write(bytes.subarray(i, i + TEXT_PIECE_BYTES));
        if (text) yield text;
      }
    }
    const tail = decoder.end();
    if (tail) yield tail;
  } catch (e) {
    if (isConnectorError(e)) throw e;
    throw new ConnectorError('unreachable', `Feed transfer interrupted: ${(e as Error).message}`);
  } finally {
    stream.destroy();
  }
}

/** The format as a shopkeeper reads it: "CSV (séparateur point-virgule, encodage UTF-8 avec BOM)". */
export function describeDetection(d: FeedDetection): string {
  if (d.format === 'xml') return `XML ${d.xmlDialect ?? ''} (encodage ${encodingLabel(d.encoding)})`.replace('  ', ' ');
  const kind = d.delimiter === '\t' ? 'TSV' : 'CSV';
  return `${kind} (séparateur ${delimiterLabel(d.delimiter ?? ',')}, encodage ${encodingLabel(d.encoding)})`;
}
