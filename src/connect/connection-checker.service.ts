import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHttpClient } from '../../connectors/core/axios-http-client';
import type { Connector, Platform, ProbeResult, ShopSource } from '../../connectors/core/connector';
import { detectPlatform, PlatformDetection } from '../../connectors/core/detect-platform';
import type { HttpClient } from '../../connectors/core/http-client';
import type { ShopSummary } from '../catalog/product-document';
import { ConfigService } from '../config/config.service';
import { CONNECTORS } from '../sync/connectors.token';
import { ConnectionPreview, toConnectionPreview } from './connection-preview';

/** A merchant is waiting on the page: answer within this, retry a failure once. */
const MERCHANT_WAIT = { totalTimeoutMs: 30_000, connectTimeoutMs: 10_000, retries: 1 };

/**
 * Talks to a merchant's shop on their behalf (detection, probes, the OAuth code exchange)
 * through the one hardened HTTP client: private and metadata addresses are refused unless
 * ALLOW_PRIVATE_HOSTS, so a pasted address cannot reach inside our network.
 */
@Injectable()
export class ConnectionChecker {
  private readonly logger = new Logger('Connect');

  constructor(
    @Inject(CONNECTORS) private readonly connectors: ReadonlyMap<Platform, Connector>,
    private readonly config: ConfigService,
  ) {}

  async withHttp<T>(use: (http: HttpClient) => Promise<T>): Promise<T> {
    const http = createHttpClient({ allowPrivateHosts: this.config.values.allowPrivateHosts, ...MERCHANT_WAIT });
    try {
      return await use(http);
    } finally {
      http.close();
    }
  }

  detect(url: string): Promise<PlatformDetection> {
    return this.withHttp((http) => detectPlatform(url, http));
  }

  /** The connector's own check; it never throws for a shop that cannot be read, it explains. */
  async probe(platform: Platform, source: ShopSource): Promise<ProbeResult> {
    const connector = this.connectors.get(platform);
    if (!connector) throw new Error(`No connector for platform ${platform}`);
    // Only the address and the outcome: credentials never reach a log line.
    const log = (message: string) => this.logger.debug(`${platform} ${new URL(source.url).host}: ${message}`);
    return this.withHttp((http) => connector.probe(source, { http, log }));
  }

  async preview(shop: ShopSummary, platform: Platform, source: ShopSource, now = new Date()): Promise<ConnectionPreview> {
    return toConnectionPreview(platform, await this.probe(platform, source), shop, now);
  }
}
