/**
 * The connector contract: what the sync engine and the merchant's "Tester la connexion"
 * rely on, whatever the platform. One suite, run for every way Vitrines reads a shop
 * (test/contract/contract-platforms.ts).
 * Real: the connector from the registry, the hardened HTTP client, HTTP over loopback, the
 * mappers and validation. Fake: only the merchant's shop, a local server speaking the
 * platform's wire format (test/servers/), and the broken fixtures of test/fixtures/.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClosableHttpClient, createHttpClient } from '../../connectors/core/axios-http-client';
import type { ConnectorContext, ProductBatch, ReadSummary, ShopSource } from '../../connectors/core/connector';
import { ConnectorError, ERROR_KINDS } from '../../connectors/core/errors';
import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import { demoCatalogue, DemoProduct } from '../servers/demo-catalogue';
import { notOkFiles } from './contract-fixtures';
import { ContractShop, PLATFORMS_UNDER_CONTRACT } from './contract-platforms';
import { breachesOf, isReadSummary, looksFrench } from './product-rules';

/** A reason a merchant can read: French words, not an exception message. */
const FRENCH_REASON = /[éèêàç]|\b(manquante?|invalide|illisible|prix|titre|ligne|devise|identifiant)\b/i;

/**
 * A catalogue spanning at least two full source pages and a bit, with a draft, a product
 * unpublished from the online store and a published product the merchant hides.
 */
function contractCatalogue(pageSize: number): { products: DemoProduct[]; hiddenIds: number[] } {
  const products = demoCatalogue(Math.max(2 * pageSize + 17, 30), 11);
  products[3].published = false;
  products[4].published = false;
  const hidden = products.find((p, i) => i > 5 && p.published && p.variants.length === 0)!;
  return { products, hiddenIds: [hidden.id] };
}

async function readAll(gen: AsyncGenerator<ProductBatch, ReadSummary, void>) {
  const batches: ProductBatch[] = [];
  for (;;) {
    const step = await gen.next();
    if (step.done) return { batches, summary: step.value as unknown, products: batches.flatMap((b) => b.products), skipped: batches.flatMap((b) => b.skipped) };
    batches.push(step.value);
  }
}

/** An address where nothing listens: a port taken, then freed. */
async function deadOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return `127.0.0.1:${port}`;
}

/** Prices as the demo shop shows them, tax included: the product's, or each variant's. */
function priceMismatches(read: NormalizedProduct[], demo: Map<string, DemoProduct>): string[] {
  const problems: string[] = [];
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b).join(',');
  for (const p of read) {
    const d = demo.get(p.externalId);
    if (!d) continue;
    if (d.variants.length === 0) {
      if (p.price !== d.price) problems.push(`${p.externalId}: ${p.price} instead of ${d.price}`);
      continue;
    }
    const expected = d.variants.map((v) => v.price);
    if (sorted(p.variants.map((v) => v.price)) !== sorted(expected)) problems.push(`${p.externalId}: variants ${sorted(p.variants.map((v) => v.price))} instead of ${sorted(expected)}`);
    if (p.priceMin !== Math.min(...expected) || p.priceMax !== Math.max(...expected)) problems.push(`${p.externalId}: range ${p.priceMin}–${p.priceMax}`);
  }
  return problems;
}

describe.each(PLATFORMS_UNDER_CONTRACT)('connector contract: $name', (platform) => {
  const { connector } = platform;
  const { products: demo, hiddenIds } = contractCatalogue(platform.pageSize);
  const listed = demo.filter((p) => p.published && !hiddenIds.includes(p.id));
  const neverListed = demo.filter((p) => !p.published || hiddenIds.includes(p.id)).map((p) => String(p.id));
  const demoById = new Map(demo.map((p) => [String(p.id), p]));
  let shop: ContractShop;
  let http: ClosableHttpClient;
  let ctx: ConnectorContext;
  let full: Awaited<ReturnType<typeof readAll>>;

  beforeAll(async () => {
    shop = await platform.start(demo, hiddenIds);
    // Politeness is not under test: the local shop answers at once, and a failure is not retried.
    http = createHttpClient({ allowPrivateHosts: true, retries: 0, requestsPerSecond: 0, concurrency: 4 });
    ctx = { http };
    full = await readAll(connector.products(shop.source, {}, ctx));
  });
  afterAll(async () => {
    http?.close();
    await shop?.close();
  });

  it('is the registry’s connector for its platform', () => {
    expect(connector.platform).toBe(platform.platform);
    expect(typeof connector.supportsIncremental).toBe('boolean');
  });

  describe('probe', () => {
    it('answers ok with valid sample products of the shop', async () => {
      const result = await connector.probe(shop.source, ctx);
      expect(result).toMatchObject({ ok: true, platform: platform.platform });
      expect(result.diagnosis).toBeUndefined();
      expect(result.samples.length).toBeGreaterThan(0);
      expect(breachesOf(result.samples)).toEqual({});
      const listedIds = new Set(listed.map((p) => String(p.id)));
      expect(result.samples.filter((p) => !listedIds.has(p.externalId))).toEqual([]);
      for (const s of result.skippedSamples) expect(typeof s.reason).toBe('string');
    });

    it(`states the shop's product count${platform.probeCountsProducts ? '' : ' only when it knows it'}`, async () => {
      const { productCount } = await connector.probe(shop.source, ctx);
      if (platform.probeCountsProducts) expect(productCount).toEqual(expect.any(Number));
      if (productCount !== undefined) {
        expect(Number.isInteger(productCount)).toBe(true);
        expect(productCount).toBeGreaterThanOrEqual(listed.length);
        expect(productCount).toBeLessThanOrEqual(demo.length);
      }
    });
  });

  describe('products()', () => {
    it('yields one ProductBatch per source page: several for a catalogue bigger than a page', () => {
      expect(full.batches.length).toBeGreaterThan(1);
      for (const batch of full.batches) {
        expect(Array.isArray(batch.products)).toBe(true);
        expect(Array.isArray(batch.skipped)).toBe(true);
        expect(batch.products.length).toBeLessThanOrEqual(platform.pageSize);
      }
    });

    it('never yields a product that breaks the rules of a normalized product', () => {
      expect(breachesOf(full.products)).toEqual({});
    });

    it('reads a valid catalogue without skipping anything', () => {
      expect(full.skipped).toEqual([]);
    });

    it('yields every published product exactly once, and never an unpublished or hidden one', () => {
      const ids = full.products.map((p) => p.externalId);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      expect(ids.filter((id) => neverListed.includes(id))).toEqual([]);
      expect([...ids].sort()).toEqual(listed.map((p) => String(p.id)).sort());
    });

    it('hands over the prices the shop shows, tax included', () => {
      expect(priceMismatches(full.products, demoById)).toEqual([]);
    });

    it('returns a ReadSummary: a full pass when no `since` was given', () => {
      expect(isReadSummary(full.summary)).toBe(true);
      expect((full.summary as ReadSummary).incremental).toBe(false);
    });

    it('stops with an error when the read is cancelled', async () => {
      const controller = new AbortController();
      const gen = connector.products(shop.source, {}, { http, signal: controller.signal });
      const first = await gen.next();
      expect(first.done).toBe(false);
      controller.abort();
      let failure: unknown;
      try {
        // A page already on its way may still arrive; the read must not get to its end.
        for (let step = await gen.next(); !step.done; step = await gen.next());
      } catch (e) {
        failure = e;
      }
      // An AbortError (a DOMException, from another realm under jest) or a ConnectorError.
      expect(failure).toMatchObject({ name: expect.any(String), message: expect.any(String) });
      expect(await gen.next()).toEqual({ done: true, value: undefined });
    });
  });

  describe('an unreachable shop', () => {
    let unreachable: ShopSource;
    beforeAll(async () => {
      const url = new URL(shop.source.url);
      url.host = await deadOrigin();
      unreachable = { ...shop.source, url: url.toString() };
    });

    it('makes probe answer ok:false with a French diagnosis instead of throwing', async () => {
      const result = await connector.probe(unreachable, ctx);
      expect(result).toMatchObject({ ok: false, samples: [] });
      expect(looksFrench(result.diagnosis)).toBe(true);
      expect(Object.keys(ERROR_KINDS)).toContain(result.errorKind);
    });

    it('makes products() throw a classified ConnectorError', async () => {
      let failure: unknown;
      try {
        await readAll(connector.products(unreachable, {}, ctx));
      } catch (e) {
        failure = e;
      }
      expect(failure).toBeInstanceOf(ConnectorError);
      const error = failure as ConnectorError;
      expect(Object.keys(ERROR_KINDS)).toContain(error.kind);
      expect(error.kind).toBe('unreachable');
      expect(error.retriable).toBe(true);
      expect(looksFrench(error.diagnosis)).toBe(true);
    });
  });

  describe(`broken fixtures (test/fixtures/${platform.platform}/not-ok/)`, () => {
    const { fixtures } = platform;
    const files = notOkFiles(fixtures);

    it('exist', () => {
      expect(files.length).toBeGreaterThan(0);
    });

    it.each(files.filter((f) => !fixtures.refusedAsAWhole.includes(f)))('%s: each bad product is skipped with a French reason, never handed over', async (file) => {
      const { products, skipped } = await fixtures.read(file);
      expect(skipped.length).toBeGreaterThan(0);
      expect(skipped.filter((s) => !FRENCH_REASON.test(s.reason))).toEqual([]);
      if (!fixtures.mixesGoodRows) expect(products).toEqual([]);
      expect(breachesOf(products)).toEqual({});
    });

    if (fixtures.refusedAsAWhole.length === 0) return;
    it.each(fixtures.refusedAsAWhole)('%s: not a catalogue, refused as a whole with a classified error', async (file) => {
      await expect(fixtures.read(file)).rejects.toBeInstanceOf(ConnectorError);
      await expect(fixtures.read(file)).rejects.toMatchObject({ kind: 'bad_format' });
    });
  });
});
