import { cleanLine, htmlToText } from './text';

/** The plain four-step definition of collapsing, as a reference for the optimised one. */
function referenceCollapse(raw: string): string {
  return raw
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

describe('htmlToText', () => {
  it('turns merchant HTML into plain text with line breaks at blocks', () => {
    const html = '<p><strong>Pain</strong> de campagne</p><ul><li>Farine &amp; levain</li><li>Cuit au feu de bois</li></ul><script>alert(1)</script><style>p{}</style>';
    expect(htmlToText(html)).toBe('Pain de campagne\n\nFarine & levain\n\nCuit au feu de bois');
  });

  it('collapses spaces, tabs and non-breaking spaces, and trims around line breaks', () => {
    expect(htmlToText('Miel\u00A0\u00A0de  \t lavande \n\n\n\n  bio\u0007 ')).toBe('Miel de lavande\n\nbio');
    expect(htmlToText('<p>  Savon   </p>\n\n<p>\tdoux</p>')).toBe('Savon\n\ndoux');
  });

  it('collapses exactly as the plain definition does, whatever the text', () => {
    const alphabet = ['a', 'é', ' ', ' ', '\t', '\u00A0', '\n', '\n', '\r', '\u0001', '\u007F', 'b'];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(htmlToText(text)).toBe(referenceCollapse(text));
    }
  });

  it('cuts long texts with an ellipsis, at a word when one ends near the limit', () => {
    expect(htmlToText('Confiture de fraises du Lyonnais', 24)).toBe('Confiture de fraises…');
    expect(htmlToText('Confiture de fraises du Lyonnais', 20)).toBe('Confiture de fraise…');
  });
});

describe('cleanLine', () => {
  it('keeps one line of text from HTML and whitespace', () => {
    expect(cleanLine('  <b>Tarte</b>\n aux   pralines ')).toBe('Tarte aux pralines');
    expect(cleanLine(12)).toBe('12');
    expect(cleanLine(undefined)).toBe('');
  });
});
