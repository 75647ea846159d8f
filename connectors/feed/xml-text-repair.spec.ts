import { XmlTextRepair } from './xml-text-repair';

function repairInChunks(input: string, size: number): string {
  const repair = new XmlTextRepair();
  let out = '';
  for (let i = 0; i < input.length; i += size) out += repair.push(input.slice(i, i + size));
  return out + repair.end();
}

describe('XmlTextRepair', () => {
  it.each([1, 3, 1000])('escapes bare ampersands and HTML entities, keeps XML ones (chunks of %i)', (size) => {
    const input = '<link>https://a.example/?x=1&y=2&amp;z=3</link><d>caf&eacute;&nbsp;&lt;b&gt; &#233; &#xE9; AT&T</d>';
    expect(repairInChunks(input, size)).toBe(
      '<link>https://a.example/?x=1&amp;y=2&amp;z=3</link><d>caf&amp;eacute;&amp;nbsp;&lt;b&gt; &#233; &#xE9; AT&amp;T</d>',
    );
  });

  it.each([1, 4, 1000])('leaves CDATA sections untouched (chunks of %i)', (size) => {
    const input = '<d><![CDATA[<p>Pain & beurre ]] ]]]></d><e>a & b</e>';
    expect(repairInChunks(input, size)).toBe('<d><![CDATA[<p>Pain & beurre ]] ]]]></d><e>a &amp; b</e>');
  });

  it('drops control characters XML forbids', () => {
    expect(repairInChunks('<t>a\u000bb\u0001c\td</t>', 2)).toBe('<t>abc\td</t>');
  });
});
