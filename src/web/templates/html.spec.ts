import { escapeHtml, html, raw, SafeHtml } from './html';
import { productCard } from './product-card';

describe('html templates', () => {
  it('escapes every interpolated string, including attribute quotes', () => {
    const title = '<script>alert("x")</script> & \'co\'';
    expect(html`<h1 title="${title}">${title}</h1>`.toString()).toBe(
      '<h1 title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</h1>',
    );
  });

  it('keeps fragments and raw() markup, joins arrays and drops null, undefined and false', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    const out = html`<ul>${items}</ul>${null}${undefined}${false}${raw('<hr>')}${0}`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.toString()).toBe('<ul><li>a&lt;b</li><li>c</li></ul><hr>0');
  });

  it('escapes backticks too', () => {
    expect(escapeHtml('`')).toBe('&#96;');
  });

  it('shows a product title holding <script> as text on a card', () => {
    const card = productCard({
      id: 's1-p1',
      title: '<script>alert(1)</script>Pain',
      description: '<img src=x onerror=alert(2)>',
      price: 12.5,
      compareAtPrice: null,
      currency: 'EUR',
      inStock: true,
      imageUrl: 'https://img.example/a.jpg?x="><script>',
      productUrl: 'https://shop.example/p',
      url: '/go/s1-p1',
      category: 'Boulangerie',
      brand: null,
      shop: { id: 's1', slug: 'fournil', name: 'Fournil <b>du</b> coin', commune: 'Lyon' },
      updatedAt: new Date().toISOString(),
      verifiedAt: null,
      verifiedAgo: 'il y a 2 h',
      highlight: { title: '<script>alert(1)</script>Pain' },
    }).toString();
    expect(card).not.toContain('<script>');
    expect(card).not.toContain('<b>');
    expect(card).not.toContain('"><script>');
    expect(card).toContain('&lt;script&gt;alert(1)&lt;/script&gt;Pain');
    expect(card).toContain('Fournil &lt;b&gt;du&lt;/b&gt; coin');
    expect(card).toContain('12,50');
    expect(card).toContain('href="/go/s1-p1"');
  });
});
