import { escapeHtml, highlightTitle, HIGHLIGHT_POST, HIGHLIGHT_PRE } from './highlight';
import { frenchAgo } from './relative-time';

describe('highlightTitle', () => {
  it('escapes the title and marks the matches', () => {
    const title = 'Pain <b>"bio"</b> & co';
    const formatted = `${HIGHLIGHT_PRE}Pain${HIGHLIGHT_POST} <b>"bio"</b> & co`;
    expect(highlightTitle(title, formatted)).toBe('<mark>Pain</mark> &lt;b&gt;&quot;bio&quot;&lt;/b&gt; &amp; co');
  });

  it('never lets a script through, even inside a match', () => {
    const title = '<script>alert(1)</script>';
    const out = highlightTitle(title, `${HIGHLIGHT_PRE}<script>${HIGHLIGHT_POST}alert(1)</script>`);
    expect(out).toBe('<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt;');
    expect(out).not.toMatch(/<script/);
  });

  it('shows a title holding the marker characters unmarked', () => {
    const title = `a${HIGHLIGHT_PRE}b${HIGHLIGHT_POST}c`;
    expect(highlightTitle(title, `${HIGHLIGHT_PRE}a${HIGHLIGHT_POST}${title.slice(1)}`)).toBe('abc');
  });

  it('falls back to the escaped title without formatting', () => {
    expect(highlightTitle("L'été", undefined)).toBe('L&#39;été');
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
