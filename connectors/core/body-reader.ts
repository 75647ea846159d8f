import { Readable, Transform } from 'node:stream';
import iconv from 'iconv-lite';
import { ConnectorError } from './errors';

/**
 * Response bodies are read as streams with a byte counter, so the size cap holds for
 * buffered and streamed reads alike, after decompression (a small gzip bomb cannot
 * inflate past it), and a connection cut mid-body surfaces as a classified error.
 */

export function tooLarge(target: string, maxBytes: number): ConnectorError {
  return new ConnectorError('too_large', `Response from ${target} exceeds the ${formatBytes(maxBytes)} limit`, { url: target });
}

/** Classifies an error met while reading a body: our own errors pass, anything else is a cut connection. */
export function bodyError(err: unknown, target: string): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const code = (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message ?? 'error';
  return new ConnectorError('unreachable', `Connection to ${target} was cut while reading the answer (${code})`, { url: target });
}

/** A pass-through that fails with `too_large` past maxBytes and classifies source errors. */
export function capStream(source: Readable, maxBytes: number, target: string): Readable {
  let seen = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) return done(tooLarge(target, maxBytes));
      done(null, chunk);
    },
  });
  source.on('error', (err) => capped.destroy(bodyError(err, target)));
  // A socket that closes before the body ended, without an error event, is a cut too.
  source.on('aborted', () => capped.destroy(bodyError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }), target)));
  capped.on('close', () => source.destroy());
  source.pipe(capped);
  return capped;
}

/** Reads a whole (capped) stream into memory. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads at most `limit` bytes and drops the rest: for error pages, where only a snippet
 * and firewall markers matter. Never throws.
 */
export async function readHead(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= limit) break;
    }
  } catch {
    // What arrived before the failure is enough to classify the answer.
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/** Decodes with the charset the server declares (many French shops still serve ISO-8859-1), BOM first. */
export function decodeText(body: Buffer, contentType: string | undefined): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return body.subarray(3).toString('utf8');
  const charset = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset)) return iconv.decode(body, charset);
  return body.toString('utf8');
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}
