import { parseResourceList, shopBaseUrl } from './prestashop-api';

describe('shopBaseUrl', () => {
  it.each([
    ['https://boutique.example', 'https://boutique.example/'],
    ['https://boutique.example/api/', 'https://boutique.example/'],
    ['https://boutique.example/api/products?display=full', 'https://boutique.example/'],
    ['https://boutique.example/fr/', 'https://boutique.example/'],
    ['https://boutique.example/index.php', 'https://boutique.example/'],
    ['https://www.example.fr/boutique/', 'https://www.example.fr/boutique/'],
    ['https://www.example.fr/boutique/api', 'https://www.example.fr/boutique/'],
    ['https://user:pass@boutique.example/?ws_key=SECRET', 'https://boutique.example/'],
  ])('%s → %s', (input, expected) => {
    expect(shopBaseUrl(input)).toBe(expected);
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => shopBaseUrl('ftp://boutique.example/')).toThrow(expect.objectContaining({ kind: 'invalid_source' }));
    expect(() => shopBaseUrl('boutique')).toThrow(expect.objectContaining({ kind: 'invalid_source' }));
  });
});

describe('parseResourceList', () => {
  it('reads the GET permissions from the XML root listing', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">
<api shopName="Ma boutique">
<products xlink:href="https://b.example/api/products" get="true" put="false" post="false" patch="false" delete="false" head="true">
<description xlink:href="https://b.example/api/products" get="true" put="false" post="false" patch="false" delete="false" head="true">The products</description>
<schema xlink:href="https://b.example/api/products?schema=blank" type="blank"/>
</products>
<taxes xlink:href="https://b.example/api/taxes" get="false" put="true" post="false" patch="false" delete="false" head="false">
</taxes>
</api>
</prestashop>`;
    const readable = parseResourceList(xml);
    expect(readable.has('products')).toBe(true);
    expect(readable.has('taxes')).toBe(false);
  });

  it('reads the JSON root listing, a plain list of resource names', () => {
    expect([...parseResourceList('["products","combinations"]')]).toEqual(['products', 'combinations']);
  });

  it('calls an HTML page bad_format', () => {
    expect(() => parseResourceList('<!doctype html><html><body>Maintenance</body></html>')).toThrow(expect.objectContaining({ kind: 'bad_format' }));
  });
});
