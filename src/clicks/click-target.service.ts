import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { MeiliSearchApiError } from 'meilisearch';
import { ProductIndexService } from '../catalog/product-index.service';
import type { ProductDocument } from '../catalog/product-document';
import { ShopDirectory } from '../shops/shop-directory.service';
import { withUtm } from './outbound-url';

/** Index document ids: letters, digits, - and _ (see documentId()); anything else is not ours. */
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/;

export interface ClickTarget {
  productId: string;
  shopId: string;
  /** The stored product page, with our UTM parameters. */
  location: string;
}

/**
 * Where /go/{id} leads: the productUrl stored in the index for that product, and nothing
 * from the request. Unknown ids, products of hidden or unknown shops and stored URLs that
 * are not http(s) all resolve to nothing (a 404).
 */
@Injectable()
export class ClickTargetService {
  private readonly logger = new Logger('Clicks');

  constructor(
    private readonly products: ProductIndexService,
    private readonly directory: ShopDirectory,
  ) {}

  async resolve(productId: string): Promise<ClickTarget | undefined> {
    if (!DOCUMENT_ID.test(productId)) return undefined;
    const doc = await this.fetch(productId);
    if (!doc || typeof doc.productUrl !== 'string' || typeof doc.shop?.id !== 'string') return undefined;
    const shop = await this.directory.byId(doc.shop.id);
    if (!shop?.visible) return undefined;
    const location = withUtm(doc.productUrl);
    return location ? { productId: doc.id, shopId: shop.id, location } : undefined;
  }

  private async fetch(id: string): Promise<Pick<ProductDocument, 'id' | 'productUrl' | 'shop'> | undefined> {
    try {
      return await this.products.index.getDocument<Pick<ProductDocument, 'id' | 'productUrl' | 'shop'>>(id, { fields: ['id', 'productUrl', 'shop'] });
    } catch (e) {
      if (e instanceof MeiliSearchApiError && e.cause?.code === 'document_not_found') return undefined;
      this.logger.error(`Product lookup failed: ${(e as Error).message}`);
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'Ce lien est momentanément indisponible. Réessayez dans un instant.',
      });
    }
  }
}
