import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { ProductBatch } from '../core/connector';
import type { HttpClient } from '../core/http-client';
import { FeedConnector, FeedProbeResult } from './feed.connector';

// Real: the connector, the stream parsers and the fixture files. Faked: only the HTTP
// client, which hands over the file as the response body stream.
const FIXTURES = join(__dirname, '../../test/fixtures/feed');

function fileClient(path: string, contentType = 'text/plain'): HttpClient {
  return {
    request: async () => ({ status: 200, headers: { 'content-type': contentType }, url: 'https://boutique.example/flux', data: createReadStream(join(FIXTURES, path), { highWaterMark: 64 }) }),
  } as unknown as HttpClient;
}

async function readAll(path: string) {
  const gen = new FeedConnector().products({ url: 'https://boutique.example/flux' }, {}, { http: fileClient(path) });
  const batches: ProductBatch[] = [];
  for (;;) {
    const next = await gen.next();
    if (next.done) return { batches, products: batches.flatMap((b) => b.products), skipped: batches.flatMap((b) => b.skipped) };
    batches.push(next.value);
  }
}

describe('feed fixtures (ok/)', () => {
  it('reads a comma CSV in UTF-8 with Google Merchant columns', async () => {
    const { products, skipped } = await readAll('ok/csv-comma-utf8.csv');
    expect(skipped).toEqual([]);
    expect(products.map((p) => p.externalId)).toEqual(['FB-001', 'FB-002', 'FB-003', 'FB-004']);
    const [baguette, brioche, tarte, galette] = products;
    expect(baguette).toMatchObject({
      title: 'Baguette tradition',
      description: 'Pain au levain, cuit au feu de bois.',
      price: 1.3,
      inStock: true,
      quantity: 40,
      brand: 'Fournil de la Croix-Rousse',
      gtin: '3012345678901',
      categoryPath: ['Boulangerie', 'Pains'],
      productUrl: 'https://boulangerie.example/produits/baguette-tradition',
      sourceUpdatedAt: '2026-10-01T08:00:00.000Z',
    });
    expect(baguette.imageUrls).toEqual([
      'https://boulangerie.example/img/baguette.jpg',
      'https://boulangerie.example/img/baguette-2.jpg',
      'https://boulangerie.example/img/baguette-3.jpg',
    ]);
    expect(brioche).toMatchObject({ price: 12.5, compareAtPrice: 14.9, inStock: true });
    expect(tarte).toMatchObject({ description: 'Part de tarte "maison"', inStock: false, categoryPath: ['Pâtisserie'] });
    expect(galette.inStock).toBe(false); // preorder: not on the shelf today
  });

  it('reads a semicolon CSV with BOM, French column names and decimal commas', async () => {
    const { products, skipped } = await readAll('ok/csv-semicolon-bom.csv');
    expect(skipped).toEqual([]);
    expect(products.map((p) => [p.externalId, p.title, p.price, p.compareAtPrice, p.inStock])).toEqual([
      ['EP-10', 'Huile d’olive vierge extra', 18.5, undefined, true],
      ['EP-11', 'Moutarde à l’ancienne', 3.9, 4.2, true],
      ['EP-12', 'Miel de châtaignier', 1234.5, undefined, false],
    ]);
    expect(products[2].description).toBe('Miel des Monts d’Or; récolte 2026');
    expect(products[0].categoryPath).toEqual(['Épicerie fine', 'Huiles']);
  });

  it('reads a Windows-1252 CSV without mangling ’ € œ é', async () => {
    const { products } = await readAll('ok/csv-windows-1252.csv');
    expect(products.map((p) => p.title)).toEqual(['Bœuf bourguignon à l’ancienne', 'Crème brûlée', 'Pâté en croûte « Lyonnais »']);
    expect(products[0].description).toBe('Plat cuisiné, prêt en 5 min — recette de grand-mère');
    expect(products[0].price).toBe(12.9);
    expect(products[1].description).toBe('Œufs frais, vanille de Madagascar');
  });

  it('reads a TSV and groups variants by item_group_id even when their rows are apart', async () => {
    const { products } = await readAll('ok/tsv-google.tsv');
    expect(products.map((p) => p.externalId).sort()).toEqual(['AC-1', 'CH-7']);
    const pull = products.find((p) => p.externalId === 'AC-1')!;
    expect(pull.title).toBe('Pull en laine mérinos');
    expect(pull.variants.map((v) => [v.externalId, v.options, v.price, v.inStock])).toEqual([
      ['AC-1-S-B', { Couleur: 'Bleu', Taille: 'S' }, 89, true],
      ['AC-1-M-B', { Couleur: 'Bleu', Taille: 'M' }, 89, false],
      ['AC-1-M-R', { Couleur: 'Rouge', Taille: 'M' }, 95, true],
    ]);
    expect(pull).toMatchObject({ price: 89, priceMin: 89, priceMax: 95, inStock: true, categoryPath: ['Vêtements', 'Pulls'] });
    expect(pull.imageUrls).toEqual(['https://atelier.example/img/pull-bleu.jpg', 'https://atelier.example/img/pull-rouge.jpg']);
  });

  it('reads an RSS 2.0 feed with the g: namespace', async () => {
    const { products, skipped } = await readAll('ok/rss-google.xml');
    expect(skipped).toEqual([]);
    const [sm, comte] = products;
    expect(sm).toMatchObject({
      externalId: 'CR-1',
      title: 'Saint-Marcellin',
      description: 'Fromage au lait de vache, affiné 10 jours & servi coulant.',
      productUrl: 'https://cremerie.example/produits/saint-marcellin?utm=flux&ref=google',
      price: 4.5, // the shipping price nested in <g:shipping> is not the product's
      inStock: true,
      categoryPath: ['Fromagerie', 'Pâtes molles'],
    });
    expect(sm.imageUrls).toHaveLength(2);
    expect(comte).toMatchObject({
      title: 'Comté 18 mois',
      description: 'Comté fruité épais, la part de 250 g',
      productUrl: 'https://cremerie.example/produits/comte?a=1&b=2',
      price: 8.9,
      compareAtPrice: 9.8,
      inStock: false,
      gtin: '3012345000019',
      categoryPath: ['Alimentation, boissons et tabac', 'Produits laitiers', 'Fromage'],
    });
  });

  it('reads an Atom feed with <link href> and <summary>', async () => {
    const { products } = await readAll('ok/atom-google.xml');
    expect(products.map((p) => [p.externalId, p.title, p.productUrl, p.price, p.inStock])).toEqual([
      ['LIB-1', 'Guide des traboules', 'https://librairie.example/livres/guide-des-traboules', 19.9, true],
      ['LIB-2', 'Atlas des Monts d’Or', 'https://librairie.example/livres/atlas-monts-d-or', 32, false],
    ]);
    expect(products[0]).toMatchObject({ description: 'Promenades dans le Vieux-Lyon et à la Croix-Rousse.', sourceUpdatedAt: '2026-09-30T12:00:00.000Z', brand: 'Éditions du Rhône' });
  });
});

describe('feed fixtures (not-ok/)', () => {
  it('skips each broken row with its line number and imports the rest', async () => {
    const { products, skipped } = await readAll('not-ok/broken-rows.csv');
    expect(products.map((p) => p.externalId)).toEqual(['OK-1', 'OK-2']);
    expect(products[1].price).toBe(42);
    expect(skipped.map((s) => s.reason)).toEqual([
      'ligne 3 : identifiant du produit manquant ou invalide',
      'ligne 4 : titre manquant',
      'ligne 5 : prix manquant',
      'ligne 6 : prix « douze euros » illisible',
      'ligne 7 : adresse de la page produit manquante ou invalide',
      'ligne 8 : devise USD non prise en charge (EUR uniquement)',
      'identifiant « OK-1 » en double dans le flux : seule sa première occurrence est importée',
    ]);
    expect(skipped[1].externalId).toBe('NO-TITLE');
  });

  it('skips rows with the wrong number of columns (invalid-row-length.csv)', async () => {
    const { products, skipped } = await readAll('not-ok/invalid-row-length.csv');
    expect(products.map((p) => p.externalId)).toEqual(['J-1', 'J-4', 'J-5']);
    expect(products[2].title).toBe('Toupie "géante');
    expect(skipped).toEqual([
      { externalId: 'J-2', reason: expect.stringMatching(/^ligne 3 : 4 colonnes au lieu de 5/) },
      { externalId: 'J-3', reason: expect.stringMatching(/^ligne 4 : 6 colonnes au lieu de 5/) },
    ]);
  });

  it('reports an unclosed quote with its line and keeps the rows before it', async () => {
    const { products, skipped } = await readAll('not-ok/unclosed-quote.csv');
    expect(products.map((p) => p.externalId)).toEqual(['Q-1']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0].reason).toMatch(/guillemet/);
  });

  it('refuses an HTML page with a clear French message', async () => {
    await expect(readAll('not-ok/html-page.html')).rejects.toMatchObject({
      kind: 'bad_format',
      message: expect.stringContaining('Cette adresse renvoie une page web, pas un flux produits'),
    });
  });

  it('refuses a header without the required columns, naming the missing one', async () => {
    await expect(readAll('not-ok/missing-columns.csv')).rejects.toMatchObject({ kind: 'bad_format', message: expect.stringContaining('price (prix)') });
  });

  it('probe reports what it recognised and what it refused, without throwing', async () => {
    const connector = new FeedConnector();
    const ok = (await connector.probe({ url: 'https://boutique.example/flux' }, { http: fileClient('ok/csv-semicolon-bom.csv') })) as FeedProbeResult;
    expect(ok).toMatchObject({ ok: true, platform: 'feed' });
    expect(ok.samples).toHaveLength(3);
    expect(ok.detected).toBe('Flux CSV (séparateur point-virgule, encodage UTF-8 avec BOM) : 3 lignes lues, 3 produits valides, 0 ignoré.');
    const html = await connector.probe({ url: 'https://boutique.example/flux' }, { http: fileClient('not-ok/html-page.html', 'text/html') });
    expect(html).toMatchObject({ ok: false, errorKind: 'bad_format', samples: [] });
    expect(html.diagnosis).toContain('cette adresse renvoie une page web, pas un flux produits'.replace(/^c/, 'C'));
  });
});
