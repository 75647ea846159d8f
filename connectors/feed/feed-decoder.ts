import * as iconv from 'iconv-lite';
import { ConnectorError } from '../core/errors';

export type FeedEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface EncodingInfo {
  encoding: FeedEncoding;
  bom: boolean;
}

/** Bytes examined after the first non-ASCII byte before deciding UTF-8 or Windows-1252. */
const JUDGE_BYTES = 1024;

/**
 * Bytes → text for a feed whose encoding nobody declared reliably. A BOM decides at once;
 * otherwise the text stays undecided while it is plain ASCII (both encodings agree there),
 * and the first non-ASCII bytes decide: valid UTF-8 sequences mean UTF-8, anything else
 * is read as Windows-1252 (what Excel writes on a French Windows). Decoding goes through
 * iconv-lite because Node's own windows-1252 decoder maps 0x80–0x9F (€, ’, œ) wrongly.
 */
export class FeedDecoder {
  private decided?: EncodingInfo;
  private decoder?: ReturnType<typeof iconv.getDecoder>;
  private pending: Buffer = Buffer.alloc(0);
  private bytes = 0;
  private started = false;

  constructor(private readonly maxBytes: number) {}

  /** The encoding found so far; plain ASCII reads as UTF-8 without BOM. */
  get info(): EncodingInfo {
    return this.decided ?? { encoding: 'utf-8', bom: false };
  }

  write(chunk: Buffer): string {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      throw new ConnectorError('too_large', `Feed larger than ${this.maxBytes} bytes`);
    }
    if (this.decoder) return this.decoder.write(chunk);
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    if (!this.started) {
      if (buf.length < 3) {
        this.pending = buf;
        return '';
      }
      this.started = true;
      const bom = detectBom(buf);
      if (bom) return this.decide(bom, buf.subarray(bom.length));
    }
    const firstHigh = buf.findIndex((b) => b >= 0x80);
    if (firstHigh < 0) return buf.toString('latin1');
    const ascii = buf.subarray(0, firstHigh).toString('latin1');
    const rest = buf.subarray(firstHigh);
    if (rest.length < JUDGE_BYTES) {
      // Too little to judge reliably; wait for the next chunk (or the end).
      this.pending = rest;
      return ascii;
    }
    return ascii + this.decide({ info: judge(rest), length: 0 }, rest);
  }

  end(): string {
    let out = '';
    if (!this.decoder && this.pending.length) {
      const bom = this.started ? undefined : detectBom(this.pending);
      const buf = bom ? this.pending.subarray(bom.length) : this.pending;
      const info = bom?.info ?? (buf.some((b) => b >= 0x80) ? judge(buf.subarray(buf.findIndex((b) => b >= 0x80))) : undefined);
      if (!info) return buf.toString('latin1');
      out = this.decide({ info, length: 0 }, buf);
    }
    return out + (this.decoder?.end() ?? '');
  }

  private decide(found: { info: EncodingInfo; length: number }, rest: Buffer): string {
    this.decided = found.info;
    this.decoder = iconv.getDecoder(found.info.encoding, { stripBOM: false });
    return this.decoder.write(rest);
  }
}

function detectBom(buf: Buffer): { info: EncodingInfo; length: number } | undefined {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { info: { encoding: 'utf-8', bom: true }, length: 3 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { info: { encoding: 'utf-16le', bom: true }, length: 2 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { info: { encoding: 'utf-16be', bom: true }, length: 2 };
  return undefined;
}

/** UTF-8 when the bytes (starting at a non-ASCII byte) are valid UTF-8, a cut last sequence allowed. */
function judge(bytes: Buffer): EncodingInfo {
  const sample = bytes.subarray(0, JUDGE_BYTES);
  return { encoding: isValidUtf8(sample) ? 'utf-8' : 'windows-1252', bom: false };
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return true; // sequence cut by the sample's end
      if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}

export function encodingLabel(info: EncodingInfo): string {
  const names: Record<FeedEncoding, string> = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (Excel)', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16' };
  return names[info.encoding] + (info.bom && info.encoding === 'utf-8' ? ' avec BOM' : '');
}
