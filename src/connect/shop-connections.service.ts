import { BadRequestException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { Platform, ShopSource } from '../../connectors/core/connector';
import type { ShopSummary } from '../catalog/product-document';
import { AuditLog, redactUrl } from '../audit/audit-log.service';
import { ConfigService } from '../config/config.service';
import { ShopOwnership } from '../merchants/shop-ownership.service';
import { CredentialsCipher } from '../shops/credentials.cipher';
import { ShopDirectory } from '../shops/shop-directory.service';
import { ShopModeration } from '../shops/shop-moderation.service';
import { nextStepFor, NextStep } from './connect-next-steps';
import type { TestConnectionInput } from './connect-input.schema';
import { ConnectionChecker } from './connection-checker.service';
import type { ConnectionPreview } from './connection-preview';
import { ConnectionRepository, ConnectShopRow } from './connection.repository';

export interface ConnectedAnswer {
  connected: true;
  platform: Platform;
  /** How the catalogue will be read, e.g. "storefront", "admin-api", "rest-api", "webservice", "feed". */
  mode: string;
  sourceUrl: string;
  preview: ConnectionPreview | null;
}

/**
 * A merchant's shop and where its catalogue comes from: ownership first, then a probe,
 * and only a shop that reads well is saved. Credentials are sealed on the way in and
 * never leave this service.
 */
@Injectable()
export class ShopConnections {
  private readonly logger = new Logger('Connect');

  constructor(
    private readonly repository: ConnectionRepository,
    private readonly ownership: ShopOwnership,
    private readonly checker: ConnectionChecker,
    private readonly cipher: CredentialsCipher,
    private readonly moderation: ShopModeration,
    private readonly directory: ShopDirectory,
    private readonly config: ConfigService,
    private readonly audit: AuditLog,
  ) {}

  /** The merchant's own shop, or 404 exactly like a shop that does not exist. */
  async owned(merchantId: string, shopId: string): Promise<ConnectShopRow> {
    await this.ownership.assertOwns(merchantId, shopId);
    const shop = await this.repository.shop(shopId);
    if (!shop) throw new NotFoundException('Boutique introuvable dans votre espace.');
    return shop;
  }

  summary(shop: ConnectShopRow): ShopSummary {
    return { id: shop.id, slug: shop.slug, name: shop.name, commune: shop.communeName };
  }

  async detect(shop: ConnectShopRow, url: string): Promise<{ platform: Platform | null; message: string; nextStep: NextStep }> {
    const found = await this.checker.detect(url);
    return {
      platform: found.platform ?? null,
      message: found.hint,
      nextStep: nextStepFor(found.platform, shop.id, { shopifyApp: !!this.config.values.shopifyApp, unreachable: !!found.errorKind }),
    };
  }

  /** "Tester la connexion": a probe and its preview; nothing is written. */
  test(shop: ConnectShopRow, input: TestConnectionInput): Promise<ConnectionPreview> {
    const credentials = 'credentials' in input ? stripEmpty(input.credentials) : undefined;
    return this.checker.preview(this.summary(shop), input.platform, { url: input.url, credentials });
  }

  /** The address given, or the shop's current one when it already reads from this platform. */
  urlOrCurrent(shop: ConnectShopRow, platform: Platform, url: string | undefined): string {
    if (url) return url;
    if (shop.platform === platform) return shop.sourceUrl;
    throw new BadRequestException('url : champ obligatoire.');
  }

  /** Probes with the given source and saves it only when the shop reads well (else 422 with the diagnosis). */
  async connectChecked(shop: ConnectShopRow, platform: Platform, source: ShopSource, mode: string): Promise<ConnectedAnswer> {
    const preview = await this.checker.preview(this.summary(shop), platform, source);
    if (!preview.ok) throw new UnprocessableEntityException(preview.diagnosis ?? 'La boutique n’a pas pu être lue.');
    await this.save(shop, platform, source.url, source.credentials, mode);
    return { connected: true, platform, mode, sourceUrl: source.url, preview };
  }

  async save(shop: Pick<ConnectShopRow, 'id' | 'slug' | 'merchantId'>, platform: Platform, sourceUrl: string, credentials: Record<string, string> | undefined, mode: string): Promise<void> {
    const sealed = credentials && Object.keys(credentials).length ? this.cipher.seal(credentials) : null;
    await this.repository.saveConnection(shop.id, { platform, sourceUrl, credentialsEncrypted: sealed });
    this.directory.invalidate();
    this.logger.log(`Shop "${shop.slug}" connected: ${platform} (${mode})${sealed ? ', credentials sealed' : ''}`);
    await this.audit.record(shop.merchantId ? `merchant:${shop.merchantId}` : 'system', 'shop.updated', shop.id, {
      connection: mode,
      platform,
      sourceUrl: redactUrl(sourceUrl),
      withCredentials: !!sealed,
    });
  }

  /** Forgets the credentials and takes the products off the street, like an admin disconnection. */
  async disconnect(shop: ConnectShopRow): Promise<{ disconnected: true; status: string }> {
    await this.repository.deletePendingFor(shop.id);
    const result = await this.moderation.disconnect(shop.id);
    return { disconnected: true, status: result.status };
  }
}

function stripEmpty(credentials: Record<string, string | undefined> | undefined): Record<string, string> | undefined {
  if (!credentials) return undefined;
  const out = Object.fromEntries(Object.entries(credentials).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  return Object.keys(out).length ? out : undefined;
}
