import type { HttpClient } from './http-client';
import type { NormalizedProduct, SkippedItem } from './normalized-product';

export type Platform = 'shopify' | 'woocommerce' | 'prestashop' | 'feed';

/** Where a shop's catalogue lives and how to read it. Credentials depend on the platform. */
export interface ShopSource {
  url: string;
  credentials?: Record<string, string>;
  /** Feeds: validators of the last successful read, for a conditional GET. */
  etag?: string;
  lastModified?: string;
}

export interface ConnectorContext {
  /** The one HTTP client, created per shop so politeness limits apply per shop. */
  http: HttpClient;
  log?: (message: string) => void;
  signal?: AbortSignal;
}

export interface ReadOptions {
  /** Only products changed since this instant (incremental read). Absent: a full pass. */
  since?: Date;
}

/** One page of the source, already normalized. */
export interface ProductBatch {
  products: NormalizedProduct[];
  skipped: SkippedItem[];
}

/** What a read ends with, besides its batches. */
export interface ReadSummary {
  /** True when `since` was honoured, i.e. the pass did not list the whole catalogue. */
  incremental: boolean;
  /** Feeds: a 304 answered the conditional GET; nothing changed since the last read. */
  notModified?: boolean;
  etag?: string;
  lastModified?: string;
}

export interface ProbeResult {
  ok: boolean;
  platform?: Platform;
  /** Products the source says it holds, when it says so. */
  productCount?: number;
  samples: NormalizedProduct[];
  skippedSamples: SkippedItem[];
  /** Plain French, for a shopkeeper: what is wrong and what to do. Absent when ok. */
  diagnosis?: string;
  errorKind?: string;
}

export interface Connector {
  readonly platform: Platform;
  readonly supportsIncremental: boolean;
  probe(source: ShopSource, ctx: ConnectorContext): Promise<ProbeResult>;
  /** Yields one batch per source page; the generator's return value summarises the read. */
  products(source: ShopSource, options: ReadOptions, ctx: ConnectorContext): AsyncGenerator<ProductBatch, ReadSummary, void>;
}
