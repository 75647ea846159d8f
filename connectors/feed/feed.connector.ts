import type { Readable } from 'node:stream';
import type { Connector, ConnectorContext, ProbeResult, ProductBatch, ReadOptions, ReadSummary, ShopSource } from '../core/connector';
import { ConnectorError, isConnectorError } from '../core/errors';
import type { HttpResponse } from '../core/http-client';
import type { NormalizedProduct, SkippedItem } from '../core/normalized-product';
import { isBrokenRow } from './feed-fields';
import { describeDetection, openFeed } from './feed-reader';
import { mapBrokenRow, mapFeedGroup, mapFeedRow, MappedRows, MapOptions } from './feed.mapper';
import { GroupedOutput, VariantGrouper } from './variant-grouper';

export const FEED_BATCH_SIZE = 500;
/** Feeds are one file, often large; the stream is read as it arrives, so the cap only bounds the transfer. */
export const MAX_FEED_BYTES = 500 * 1024 * 1024;
const READ_TIMEOUT_MS = 15 * 60_000;
const PROBE_TIMEOUT_MS = 30_000;
const PROBE_ROWS = 50;
const PROBE_SAMPLES = 5;
const ACCEPT = 'text/csv, text/tab-separated-values, application/rss+xml, application/atom+xml, application/xml, text/xml;q=0.9, */*;q=0.5';

export interface FeedProbeResult extends ProbeResult {
  /** What was recognised, in French: format, delimiter, encoding, rows read. */
  detected?: string;
}

/**
 * Product feeds (Google Merchant Center style CSV/TSV/XML) published by the shop at a
 * URL. The whole feed is one file, so every read is a full pass; a conditional GET
 * (ETag / Last-Modified) spares re-reading an unchanged file.
 */
export class FeedConnector implements Connector {
  readonly platform = 'feed' as const;
  readonly supportsIncremental = false;

  async *products(source: ShopSource, _options: ReadOptions, ctx: ConnectorContext): AsyncGenerator<ProductBatch, ReadSummary, void> {
    const headers: Record<string, string> = { Accept: ACCEPT };
    if (source.etag) headers['If-None-Match'] = source.etag;
    if (source.lastModified) headers['If-Modified-Since'] = source.lastModified;
    const res = await ctx.http.request({
      url: feedUrl(source),
      responseType: 'stream',
      headers,
      acceptStatuses: [304],
      maxBytes: MAX_FEED_BYTES,
      timeoutMs: READ_TIMEOUT_MS,
      signal: ctx.signal,
    });
    if (res.status === 304) {
      res.data?.destroy();
      return { incremental: false, notModified: true, etag: res.headers.etag ?? source.etag, lastModified: res.headers['last-modified'] ?? source.lastModified };
    }
    const reading = new FeedReading({ base: res.url });
    try {
      const feed = await openFeed(res.data, { headers: res.headers, maxBytes: MAX_FEED_BYTES });
      ctx.log?.(`Flux ${describeDetection(feed.detection())}`);
      for await (const record of feed.records) {
        reading.add(record);
        if (reading.size >= FEED_BATCH_SIZE) {
          ctx.signal?.throwIfAborted();
          yield reading.take();
        }
      }
      reading.finish();
      while (reading.size > 0) yield reading.take();
      if (reading.lateRows) ctx.log?.(`${reading.lateRows} variantes éloignées de leur groupe dans le flux importées comme produits séparés`);
    } finally {
      res.data.destroy();
    }
    return { incremental: false, etag: res.headers.etag, lastModified: res.headers['last-modified'] };
  }

  async probe(source: ShopSource, ctx: ConnectorContext): Promise<FeedProbeResult> {
    let res: HttpResponse<Readable> | undefined;
    try {
      res = await ctx.http.request({ url: feedUrl(source), responseType: 'stream', headers: { Accept: ACCEPT }, maxBytes: MAX_FEED_BYTES, timeoutMs: PROBE_TIMEOUT_MS, signal: ctx.signal });
      const feed = await openFeed(res.data, { headers: res.headers, maxBytes: MAX_FEED_BYTES });
      const reading = new FeedReading({ base: res.url });
      let rows = 0;
      for await (const record of feed.records) {
        reading.add(record);
        if (++rows >= PROBE_ROWS) break;
      }
      reading.finish();
      const { products, skipped } = reading.take(Infinity);
      const detected = `Flux ${describeDetection(feed.detection())} : ${rows} ${rows >= PROBE_ROWS ? 'premières lignes lues' : rows > 1 ? 'lignes lues' : 'ligne lue'}, ${products.length} produit${products.length > 1 ? 's' : ''} valide${products.length > 1 ? 's' : ''}, ${skipped.length} ignoré${skipped.length > 1 ? 's' : ''}.`;
      const base = { platform: this.platform, samples: products.slice(0, PROBE_SAMPLES), skippedSamples: skipped.slice(0, PROBE_SAMPLES), detected };
      if (products.length) return { ok: true, ...base };
      const diagnosis = rows
        ? `Aucun produit utilisable parmi les ${rows} premières lignes du flux. Premier problème : ${skipped[0]?.reason ?? 'inconnu'}. Corrigez ces lignes dans votre export puis réessayez.`
        : 'Le flux ne contient aucun produit. Vérifiez que votre export n’est pas vide.';
      return { ok: false, ...base, diagnosis, errorKind: 'bad_format' };
    } catch (e) {
      const error = isConnectorError(e) ? e : new ConnectorError('bad_format', `Unreadable feed: ${(e as Error)?.message}`);
      return { ok: false, platform: this.platform, samples: [], skippedSamples: [], diagnosis: error.diagnosis, errorKind: error.kind };
    } finally {
      res?.data.destroy();
    }
  }
}

/** Records → products, grouped by variant group, in batches; skips duplicate ids. */
class FeedReading {
  private readonly grouper = new VariantGrouper();
  private readonly seenIds = new Set<string>();
  private products: NormalizedProduct[] = [];
  private skipped: SkippedItem[] = [];
  lateRows = 0;

  constructor(private readonly mapOptions: MapOptions) {}

  get size(): number {
    return this.products.length + this.skipped.length;
  }

  add(record: Parameters<typeof isBrokenRow>[0]): void {
    if (isBrokenRow(record)) this.skipped.push(mapBrokenRow(record));
    else for (const out of this.grouper.push(record)) this.collect(out);
  }

  finish(): void {
    for (const out of this.grouper.end()) this.collect(out);
  }

  take(max = FEED_BATCH_SIZE): ProductBatch {
    const products = this.products.splice(0, max);
    // Skips are small and few; they all leave with the next batch.
    return { products, skipped: this.skipped.splice(0) };
  }

  private collect(out: GroupedOutput): void {
    if ('single' in out && out.late) this.lateRows++;
    const mapped: MappedRows = 'single' in out ? mapFeedRow(out.single, this.mapOptions) : mapFeedGroup(out.groupId, out.rows, this.mapOptions);
    this.skipped.push(...mapped.skipped);
    for (const p of mapped.products) {
      if (this.seenIds.has(p.externalId)) {
        this.skipped.push({ externalId: p.externalId, reason: `identifiant « ${p.externalId} » en double dans le flux : seule sa première occurrence est importée` });
        continue;
      }
      this.seenIds.add(p.externalId);
      this.products.push(p);
    }
  }
}

function feedUrl(source: ShopSource): string {
  let u: URL;
  try {
    u = new URL(source.url.trim());
  } catch {
    throw new ConnectorError('invalid_source', 'Feed URL is not a valid address');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ConnectorError('invalid_source', 'Feed URL must use http or https');
  return u.toString();
}
