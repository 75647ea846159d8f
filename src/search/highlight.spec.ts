import { escapeHtml, highlightTitle, MatchPosition } from './highlight';
import { frenchAgo } from './relative-time';

/** A match as the engine reports it: UTF-8 byte offsets of `part` in `title`. */
function at(title: string, part: string, from = 0): MatchPosition {
  const index = title.indexOf(part, from);
  return { start: Buffer.byteLength(title.slice(0, index)), length: Buffer.byteLength(part) };
}

describe('highlightTitle', () => {
  it('escapes the title and marks the matches', () => {
    const title = 'Pain <b>"bio"</b> & co';
    expect(highlightTitle(title, [at(title, 'Pain')])).toBe('<mark>Pain</mark> &lt;b&gt;&quot;bio&quot;&lt;/b&gt; &amp; co');
  });

  it('never lets a script through, even inside a match', () => {
    const title = '<script>alert(1)</script>';
    const out = highlightTitle(title, [at(title, '<script>')]);
    expect(out).toBe('<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt;');
    expect(out).not.toMatch(/<script/);
  });

  it('reads byte offsets in titles with accents, typographic quotes and emoji', () => {
    const title = 'Écharpe « mérinos » 🧣 à l’ancienne, mérinos';
    const out = highlightTitle(title, [at(title, 'ancienne'), at(title, 'mérino'), at(title, 'mérinos', 30), at(title, 'Écharpe')]);
    expect(out).toBe('<mark>Écharpe</mark> « <mark>mérino</mark>s » 🧣 à l’<mark>ancienne</mark>, <mark>mérinos</mark>');
  });

  it('merges overlapping matches', () => {
    const title = 'Baguette tradition';
    expect(highlightTitle(title, [{ start: 0, length: 7 }, { start: 3, length: 5 }])).toBe('<mark>Baguette</mark> tradition');
  });

  it('leaves out matches that are malformed, out of bounds or inside a character', () => {
    const title = 'Thé vert';
    // "é" is two bytes (2 and 3): offset 3 is inside it.
    const bad = [{ start: 3, length: 2 }, { start: 7, length: 40 }, { start: -1, length: 2 }, { start: 0, length: 0 }, { start: '0', length: 2 }, null];
    expect(highlightTitle(title, bad)).toBe('Thé vert');
    expect(highlightTitle(title, [...bad, { start: 5, length: 4 }])).toBe('Thé <mark>vert</mark>');
  });

  it('falls back to the escaped title without positions', () => {
    expect(highlightTitle("L'été", undefined)).toBe('L&#39;été');
    expect(highlightTitle("L'été", 'not a list')).toBe('L&#39;été');
    expect(escapeHtml('<>&"\'')).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('frenchAgo', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const ago = (ms: number) => frenchAgo(new Date(now.getTime() - ms), now);
  it('speaks French', () => {
    expect(ago(10_000)).toBe("à l'instant");
    expect(ago(5 * 60_000)).toBe('il y a 5 min');
    expect(ago(2 * 3_600_000 + 10 * 60_000)).toBe('il y a 2 h');
    expect(ago(30 * 3_600_000)).toBe('il y a 1 jour');
    expect(ago(3 * 86_400_000)).toBe('il y a 3 jours');
  });
});
