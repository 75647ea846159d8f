/**
 * The feed connector against a local shop publishing Google Merchant Center style feeds.
 * Real: the connector, the hardened HTTP client, HTTP over loopback (gzip, ETag, 304),
 * the stream parsers, the mapper and validation. Fake: only the merchant's shop
 * (test/servers/feed-server.ts).
 */
import type { ConnectorContext, ProductBatch, ReadSummary, ShopSource } from '../../connectors/core/connector';
import { ClosableHttpClient, createHttpClient } from '../../connectors/core/axios-http-client';
import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import { FEED_BATCH_SIZE, FeedConnector, FeedProbeResult } from '../../connectors/feed/feed.connector';
import { demoCatalogue, DemoProduct } from '../servers/demo-catalogue';
import { FeedServer, FeedServerFormat, startFeedServer } from '../servers/feed-server';

function catalogue(): DemoProduct[] {
  const products = demoCatalogue(60, 3);
  products[2].published = false;
  Object.assign(products[5], {
    title: 'Bœuf bourguignon à l’ancienne',
    descriptionHtml: '<p>Prêt en 5 min — 12 € la part, crème brûlée offerte</p>',
    price: 12.9,
    compareAtPrice: 15.5,
    variants: [],
    published: true,
  });
  Object.assign(products[6], {
    title: 'Pull en laine mérinos',
    published: true,
    variants: ['S', 'M'].flatMap((taille, i) =>
      ['Bleu', 'Rouge'].map((couleur, j) => ({ id: products[6].id * 10 + i * 2 + j, options: { Taille: taille, Couleur: couleur }, price: 80 + i * 5 + j, inStock: i === 1 && j === 1, quantity: i === 1 && j === 1 ? 3 : 0, sku: `PULL-${taille}-${couleur}` })),
    ),
  });
  return products;
}

const published = (products: DemoProduct[]) => products.filter((p) => p.published);

async function readAll(gen: AsyncGenerator<ProductBatch, ReadSummary, void>) {
  const batches: ProductBatch[] = [];
  for (;;) {
    const step = await gen.next();
    if (step.done) return { batches, summary: step.value, products: batches.flatMap((b) => b.products), skipped: batches.flatMap((b) => b.skipped) };
    batches.push(step.value);
  }
}

describe('feed connector against a local feed server', () => {
  const connector = new FeedConnector();
  const products = catalogue();
  let server: FeedServer;
  let http: ClosableHttpClient;
  let ctx: ConnectorContext;
  const read = (source: ShopSource) => readAll(connector.products(source, {}, ctx));
  const byId = (list: NormalizedProduct[], id: number) => list.find((p) => p.externalId === String(id))!;

  beforeAll(async () => {
    server = await startFeedServer({ products });
    http = createHttpClient({ allowPrivateHosts: true, retries: 0, requestsPerSecond: 1000, concurrency: 4 });
    ctx = { http };
  });
  afterAll(async () => {
    http.close();
    await server.close();
  });
  afterEach(() => {
    Object.assign(server.settings, { delimiter: ',', encoding: 'utf-8', decimalComma: false, frenchHeaders: false, scatterVariants: false });
    Object.assign(server.faults, { htmlInsteadOfFeed: false, brokenRows: false, gzip: false });
  });

  function expectCatalogue(read: NormalizedProduct[]) {
    expect(read.map((p) => p.externalId).sort()).toEqual(published(products).map((p) => String(p.id)).sort());
    const boeuf = byId(read, products[5].id);
    expect(boeuf).toMatchObject({
      title: 'Bœuf bourguignon à l’ancienne',
      description: 'Prêt en 5 min — 12 € la part, crème brûlée offerte',
      price: 12.9,
      compareAtPrice: 15.5,
      productUrl: `${server.origin}/produits/${products[5].handle}`,
      imageUrls: [`${server.origin}${products[5].imagePath}`],
      categoryPath: [products[5].category],
      brand: products[5].brand,
    });
    const pull = byId(read, products[6].id);
    expect(pull).toMatchObject({ title: 'Pull en laine mérinos', price: 80, priceMin: 80, priceMax: 86, inStock: true });
    expect(pull.variants.map((v) => [v.externalId, v.options, v.inStock])).toEqual([
      ['PULL-S-Bleu', { Couleur: 'Bleu', Taille: 'S' }, false],
      ['PULL-S-Rouge', { Couleur: 'Rouge', Taille: 'S' }, false],
      ['PULL-M-Bleu', { Couleur: 'Bleu', Taille: 'M' }, false],
      ['PULL-M-Rouge', { Couleur: 'Rouge', Taille: 'M' }, true],
    ]);
    const simple = published(products).find((p) => !p.variants.length && p.compareAtPrice === undefined)!;
    expect(byId(read, simple.id)).toMatchObject({ price: simple.price, inStock: simple.inStock, quantity: simple.quantity, sourceUpdatedAt: simple.updatedAt });
  }

  it.each<[string, FeedServerFormat, Partial<FeedServer['settings']>]>([
    ['CSV, comma, UTF-8', 'csv', {}],
    ['CSV, semicolon, decimal commas, French headers, BOM', 'csv', { delimiter: ';', decimalComma: true, frenchHeaders: true, encoding: 'utf-8-bom' }],
    ['CSV, Windows-1252 (accents, ’, œ and € preserved)', 'csv', { delimiter: ';', encoding: 'windows-1252', decimalComma: true }],
    ['TSV', 'tsv', {}],
    ['RSS 2.0 with g: namespace', 'rss', {}],
    ['Atom', 'atom', {}],
  ])('imports every published product from %s', async (_name, format, settings) => {
    Object.assign(server.settings, settings);
    const { products: list, skipped, summary } = await read({ url: server.feedUrl(format) });
    expect(skipped).toEqual([]);
    expectCatalogue(list);
    expect(summary).toMatchObject({ incremental: false, etag: expect.any(String), lastModified: expect.any(String) });
    expect(summary.notModified).toBeUndefined();
  });

  it('reads a gzip-compressed feed', async () => {
    server.faults.gzip = true;
    const { products: list } = await read({ url: server.url });
    expectCatalogue(list);
    expect(server.requests.at(-1)).toMatchObject({ contentEncoding: 'gzip' });
  });

  it('groups variants by item_group_id even when their rows are scattered through the feed', async () => {
    server.settings.scatterVariants = true;
    const { products: list } = await read({ url: server.url });
    expectCatalogue(list);
    const grouped = published(products).filter((p) => p.variants.length);
    for (const p of grouped) expect(byId(list, p.id).variants).toHaveLength(p.variants.length);
  });

  it('skips broken rows with their line and reason, and imports the rest', async () => {
    server.faults.brokenRows = true;
    const { products: list, skipped } = await read({ url: server.url });
    expectCatalogue(list);
    expect(skipped).toEqual([
      { externalId: 'CASSE-SANS-PRIX', reason: expect.stringMatching(/^ligne \d+ : prix manquant$/) },
      { externalId: 'CASSE-PRIX-EN-LETTRES', reason: expect.stringMatching(/^ligne \d+ : prix « sur demande » illisible$/) },
      { externalId: 'CASSE-SANS-TITRE', reason: expect.stringMatching(/^ligne \d+ : titre manquant$/) },
      { externalId: 'CASSE-COLONNE', reason: expect.stringMatching(/^ligne \d+ : 14 colonnes au lieu de 16/) },
    ]);
  });

  it('skips broken XML items with their position too', async () => {
    server.faults.brokenRows = true;
    const { products: list, skipped } = await read({ url: server.feedUrl('rss') });
    expectCatalogue(list);
    expect(skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^article n°\d+ \(ligne \d+\) : prix manquant$/),
      expect.stringMatching(/^article n°\d+ \(ligne \d+\) : prix « sur demande » illisible$/),
      expect.stringMatching(/^article n°\d+ \(ligne \d+\) : titre manquant$/),
    ]);
  });

  it('answers an unchanged feed with 304 → notModified and no batches; a change is read in full', async () => {
    const first = await read({ url: server.url });
    const { etag, lastModified } = first.summary;

    const again = await read({ url: server.url, etag, lastModified });
    expect(again.batches).toEqual([]);
    expect(again.summary).toMatchObject({ incremental: false, notModified: true, etag, lastModified });
    expect(server.requests.at(-1)).toMatchObject({ status: 304, ifNoneMatch: etag, ifModifiedSince: lastModified });

    const byDate = await read({ url: server.url, lastModified });
    expect(byDate.summary.notModified).toBe(true);

    const target = published(products).find((p) => !p.variants.length && p.id !== products[5].id)!;
    const removed = published(products).find((p) => p.id !== target.id && p.id !== products[5].id && p.id !== products[6].id)!;
    server.setPrice(target.id, 42.42);
    server.removeProduct(removed.id);
    const changed = await read({ url: server.url, etag, lastModified });
    expect(changed.summary.notModified).toBeUndefined();
    expect(changed.summary.etag).not.toBe(etag);
    expect(byId(changed.products, target.id).price).toBe(42.42);
    expect(byId(changed.products, removed.id)).toBeUndefined();
    expect(changed.products).toHaveLength(published(products).length - 1);
  });

  it('refuses an HTML page served instead of the feed as bad_format, in French', async () => {
    server.faults.htmlInsteadOfFeed = true;
    await expect(read({ url: server.url })).rejects.toMatchObject({
      kind: 'bad_format',
      diagnosis: expect.stringContaining('Cette adresse renvoie une page web, pas un flux produits'),
    });
  });

  it('probe reports the detected format, samples and skipped rows', async () => {
    Object.assign(server.settings, { delimiter: ';', encoding: 'windows-1252', decimalComma: true });
    server.faults.brokenRows = true;
    const probe = (await connector.probe({ url: server.url }, ctx)) as FeedProbeResult;
    expect(probe).toMatchObject({ ok: true, platform: 'feed' });
    expect(probe.diagnosis).toBeUndefined();
    expect(probe.samples).toHaveLength(5);
    expect(probe.skippedSamples.map((s) => s.externalId)).toEqual(['CASSE-SANS-PRIX', 'CASSE-PRIX-EN-LETTRES', 'CASSE-SANS-TITRE', 'CASSE-COLONNE']);
    expect(probe.detected).toMatch(/^Flux CSV \(séparateur point-virgule, encodage Windows-1252 \(Excel\)\) : 50 premières lignes lues, \d+ produits valides, 4 ignorés\.$/);
  });

  it('probe explains an HTML page instead of throwing', async () => {
    server.faults.htmlInsteadOfFeed = true;
    const probe = await connector.probe({ url: server.url }, ctx);
    expect(probe).toMatchObject({ ok: false, errorKind: 'bad_format', samples: [], skippedSamples: [] });
    expect(probe.diagnosis).toContain('Cette adresse renvoie une page web, pas un flux produits');
  });

  it('probe explains an unreachable feed instead of throwing', async () => {
    const probe = await connector.probe({ url: `${server.origin}/flux/inconnu.csv` }, ctx);
    expect(probe).toMatchObject({ ok: false, errorKind: 'not_found' });
  });
});

describe('feed connector on a 200,000-row feed', () => {
  const ROWS = 200_000;
  let server: FeedServer;
  let http: ClosableHttpClient;

  /** Generated on every request, so neither the server nor the test holds the catalogue. */
  function* generated(): Generator<DemoProduct> {
    for (let i = 1; i <= ROWS; i++) {
      yield {
        id: i, handle: `produit-${i}`, title: `Produit n°${i}`, descriptionHtml: '', price: 1 + (i % 500) / 10, inStock: i % 7 !== 0, quantity: i % 7,
        category: 'Épicerie fine', brand: 'Maison Bonnard', tags: [], imagePath: `/images/${i}.jpg`, published: true, updatedAt: '2026-10-01T00:00:00.000Z', variants: [],
      };
    }
  }

  beforeAll(async () => {
    server = await startFeedServer({ products: generated, delimiter: ';', gzip: true });
    http = createHttpClient({ allowPrivateHosts: true, retries: 0, requestsPerSecond: 1000, concurrency: 4 });
  });
  afterAll(async () => {
    http.close();
    await server.close();
  });

  it('streams every row out, in batches of at most the batch size', async () => {
    const gen = new FeedConnector().products({ url: server.url }, {}, { http });
    const seen = new Uint8Array(ROWS + 1);
    let count = 0;
    let batches = 0;
    let largest = 0;
    let skipped = 0;
    for (;;) {
      const step = await gen.next();
      if (step.done) break;
      batches++;
      largest = Math.max(largest, step.value.products.length);
      skipped += step.value.skipped.length;
      for (const p of step.value.products) {
        const id = Number(p.externalId);
        expect(seen[id]).toBe(0);
        seen[id] = 1;
        count++;
      }
    }
    expect(skipped).toBe(0);
    expect(count).toBe(ROWS);
    expect(largest).toBeLessThanOrEqual(FEED_BATCH_SIZE);
    expect(batches).toBeGreaterThanOrEqual(ROWS / FEED_BATCH_SIZE);
  }, 240_000);

  it('probe reads only the start of the feed', async () => {
    const probe = (await new FeedConnector().probe({ url: server.url }, { http })) as FeedProbeResult;
    expect(probe.ok).toBe(true);
    expect(probe.detected).toBe('Flux CSV (séparateur point-virgule, encodage UTF-8) : 50 premières lignes lues, 50 produits valides, 0 ignoré.');
  });
});
