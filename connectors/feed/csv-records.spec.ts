import { csvRecords } from './csv-records';
import { MAX_ROW_CHARS } from './csv-rows';
import type { FeedRecord } from './feed-fields';

async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, size = 16 * 1024, delimiter: ',' | ';' | '\t' = ','): Promise<FeedRecord[]> {
  const out: FeedRecord[] = [];
  for await (const r of csvRecords(pieces(text, size), delimiter)) out.push(r);
  return out;
}

const FEED = [
  'id,title,link,price',
  'A-1,"Pain ""bio""",https://b.example/a1,2.50',
  '',
  'A-2,"Tarte aux pralines',
  'de Lyon, rose",https://b.example/a2,12',
  'A-3,Brioche,https://b.example/a3,4',
].join('\r\n');

describe('csvRecords', () => {
  it('reads quoted fields, escaped quotes and multi-line fields, with each row’s first line', async () => {
    expect(await read(FEED)).toEqual([
      { position: 'ligne 2', fields: { id: 'A-1', title: 'Pain "bio"', link: 'https://b.example/a1', price: '2.50' } },
      { position: 'ligne 4', fields: { id: 'A-2', title: 'Tarte aux pralines\r\nde Lyon, rose', link: 'https://b.example/a2', price: '12' } },
      { position: 'ligne 6', fields: { id: 'A-3', title: 'Brioche', link: 'https://b.example/a3', price: '4' } },
    ]);
  });

  it('gives the same rows wherever the text is cut into pieces', async () => {
    const whole = await read(FEED);
    for (let size = 1; size <= FEED.length; size++) expect(await read(FEED, size)).toEqual(whole);
    expect(await read(FEED.replace(/\r\n/g, '\n'), 7)).toHaveLength(3);
    // The same with a stray quote (read on by the lenient parser) and a quote never closed.
    const broken = `${FEED}\r\nA-4,"Nougat"blanc,https://b.example/a4,6\r\nA-5,"Tarte\r\nA-6,Miel,https://b.example/a6,7\r\n`;
    const brokenWhole = await read(broken);
    expect(brokenWhole.slice(3)).toEqual([
      { position: 'ligne 7', fields: expect.objectContaining({ id: 'A-4', title: '"Nougat"blanc' }) },
      { position: 'ligne 8', reason: expect.stringMatching(/^guillemet ouvert jamais refermé/) },
    ]);
    for (let size = 1; size <= broken.length; size++) expect(await read(broken, size)).toEqual(brokenWhole);
  });

  it('drops a byte order mark and reads semicolons and tabs', async () => {
    const semicolon = '\uFEFFid;title;link;price\nB-1;Café;https://b.example/b1;3,20\n';
    expect(await read(semicolon, 5, ';')).toEqual([{ position: 'ligne 2', fields: { id: 'B-1', title: 'Café', link: 'https://b.example/b1', price: '3,20' } }]);
    expect(await read('id\ttitle\tlink\tprice\nT-1\tThé\thttps://b.example/t1\t5', 3, '\t')).toHaveLength(1);
  });

  it('keeps a stray quote as typed and goes on', async () => {
    const text = 'id,title,link,price\nC-1,"Nougat"blanc,https://b.example/c1,6\nC-2,Calisson,https://b.example/c2,7\n';
    expect(await read(text)).toEqual([
      { position: 'ligne 2', fields: expect.objectContaining({ id: 'C-1', title: '"Nougat"blanc' }) },
      { position: 'ligne 3', fields: expect.objectContaining({ id: 'C-2' }) },
    ]);
  });

  it('reports a quote never closed, keeping the rows before it', async () => {
    const text = 'id,title,link,price\nD-1,Sacoche,https://b.example/d1,45\nD-2,"Éclairage,https://b.example/d2,25\nD-3,Chambre à air,https://b.example/d3,8\n';
    expect(await read(text, 4)).toEqual([
      { position: 'ligne 2', fields: expect.objectContaining({ id: 'D-1' }) },
      { position: 'ligne 3', reason: expect.stringMatching(/^guillemet ouvert jamais refermé/) },
    ]);
  });

  it('reads on after a stray quote deep in a large feed, with the right line numbers', async () => {
    const row = (i: number) => `H-${i},"Savon n°${i}",https://b.example/h${i},3`;
    const lines = ['id,title,link,price', ...Array.from({ length: 3000 }, (_, i) => row(i + 1))];
    lines[2000] = 'H-2000,"Savon "extra" doux",https://b.example/h2000,3';
    const records = await read(lines.join('\n'));
    expect(records).toHaveLength(3000);
    expect(records[1998]).toEqual({ position: 'ligne 2000', fields: expect.objectContaining({ id: 'H-1999', title: 'Savon n°1999' }) });
    expect(records[1999]).toEqual({ position: 'ligne 2001', fields: expect.objectContaining({ id: 'H-2000', title: '"Savon "extra" doux"' }) });
    expect(records[2999]).toEqual({ position: 'ligne 3001', fields: expect.objectContaining({ id: 'H-3000', title: 'Savon n°3000' }) });
  });

  it('reports a quote left open in a large feed and keeps the rows before it', async () => {
    const row = (i: number) => `E-${i},Savon n°${i},https://b.example/e${i},3`;
    const tail = Array.from({ length: 40_000 }, (_, i) => row(i + 2)).join('\n');
    const text = `id,title,link,price\n${row(1)}\nE-X,"Savon sans fin,https://b.example/x,3\n${tail}\n`;
    expect(text.length).toBeGreaterThan(MAX_ROW_CHARS);
    expect(await read(text)).toEqual([
      { position: 'ligne 2', fields: expect.objectContaining({ id: 'E-1' }) },
      { position: 'ligne 3', reason: expect.stringMatching(/^guillemet ouvert jamais refermé/) },
    ]);
  });

  it('closes its source when the reader stops early, on either parser', async () => {
    for (const text of [FEED, `${FEED}\r\nA-4,"Nougat"blanc,https://b.example/a4,6\r\nA-5,Miel,https://b.example/a5,7\r\n`]) {
      let closed = false;
      const source = async function* () {
        try {
          yield* pieces(text, 8);
        } finally {
          closed = true;
        }
      };
      const records = csvRecords(source(), ',');
      const wanted = text === FEED ? 1 : 4;
      let seen = 0;
      for await (const record of records) {
        void record;
        if (++seen === wanted) break;
      }
      expect(closed).toBe(true);
    }
  });

  it('refuses a feed without a header, or whose header is never closed', async () => {
    await expect(read('"id,title,link,price\nF-1,Savon,https://b.example/f1,3\n')).rejects.toThrow(/en-tête du flux est illisible/);
    await expect(read('\n\n')).rejects.toThrow(/vide/);
  });

  it('reads a header after empty lines, counting them', async () => {
    expect(await read('\n\nid,title,link,price\nG-1,Savon,https://b.example/g1,3')).toEqual([
      { position: 'ligne 4', fields: expect.objectContaining({ id: 'G-1' }) },
    ]);
  });
});
