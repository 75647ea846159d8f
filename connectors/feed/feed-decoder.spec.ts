import * as iconv from 'iconv-lite';
import { FeedDecoder, isValidUtf8 } from './feed-decoder';

function decodeInChunks(bytes: Buffer, chunkSize: number): { text: string; decoder: FeedDecoder } {
  const decoder = new FeedDecoder(10_000_000);
  let text = '';
  for (let i = 0; i < bytes.length; i += chunkSize) text += decoder.write(bytes.subarray(i, i + chunkSize));
  text += decoder.end();
  return { text, decoder };
}

const FRENCH = 'Bœuf à l’ancienne — 12,90 € — crème brûlée, Œufs';

describe('FeedDecoder', () => {
  it.each([1, 7, 4096])('reads UTF-8 split into %i-byte chunks without breaking characters', (size) => {
    const { text, decoder } = decodeInChunks(Buffer.from(FRENCH, 'utf8'), size);
    expect(text).toBe(FRENCH);
    expect(decoder.info).toEqual({ encoding: 'utf-8', bom: false });
  });

  it('drops a UTF-8 BOM and says it saw one', () => {
    const { text, decoder } = decodeInChunks(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id;titre\n', 'utf8')]), 2);
    expect(text).toBe('id;titre\n');
    expect(decoder.info).toEqual({ encoding: 'utf-8', bom: true });
  });

  it('reads Windows-1252 with the right characters for 0x80–0x9F (€, ’, œ, —)', () => {
    const { text, decoder } = decodeInChunks(iconv.encode(FRENCH, 'windows-1252'), 5);
    expect(text).toBe(FRENCH);
    expect(decoder.info.encoding).toBe('windows-1252');
  });

  it('decides on the first accented bytes even far into a long ASCII feed', () => {
    const ascii = 'id,title,price\n' + 'A-1,Plain ascii title,1.00\n'.repeat(5000);
    const bytes = Buffer.concat([Buffer.from(ascii), iconv.encode('B-2,Crème brûlée à 3 €,3.50\n', 'windows-1252'), Buffer.from('x'.repeat(3000))]);
    const { text, decoder } = decodeInChunks(bytes, 16 * 1024);
    expect(text).toContain('B-2,Crème brûlée à 3 €,3.50');
    expect(text.length).toBe(ascii.length + 'B-2,Crème brûlée à 3 €,3.50\n'.length + 3000);
    expect(decoder.info.encoding).toBe('windows-1252');
  });

  it('refuses a feed larger than its cap', () => {
    const decoder = new FeedDecoder(10);
    expect(() => decoder.write(Buffer.alloc(11, 0x41))).toThrow(expect.objectContaining({ kind: 'too_large' }));
  });

  it('tells valid UTF-8 from Latin bytes, a cut last character allowed', () => {
    expect(isValidUtf8(Buffer.from('é', 'utf8'))).toBe(true);
    expect(isValidUtf8(Buffer.from('é', 'utf8').subarray(0, 1))).toBe(true);
    expect(isValidUtf8(Buffer.from([0xe9, 0x20]))).toBe(false);
    expect(isValidUtf8(Buffer.from([0x92]))).toBe(false);
  });
});
