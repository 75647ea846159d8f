import type { ProductDocument } from '../catalog/product-document';
import type { DirectoryShop } from '../shops/shop-directory.service';
import { distanceKm, roundKm } from './geo';
import { highlightTitle } from './highlight';
import { frenchAgo } from './relative-time';

/** One search hit as the public API shows it (see CONTRACT.md, "Product"). */
export interface ProductHit {
  id: string;
  title: string;
  description: string;
  price: number;
  compareAtPrice: number | null;
  currency: string;
  inStock: boolean;
  imageUrl: string | null;
  productUrl: string;
  url: string;
  category: string | null;
  brand: string | null;
  shop: { id: string; slug: string; name: string; commune: string };
  updatedAt: string;
  distanceKm?: number;
  verifiedAt: string | null;
  verifiedAgo: string | null;
  highlight: { title: string };
}

/** The document fields a hit needs: nothing else is fetched from the engine. */
export const HIT_ATTRIBUTES = [
  'id', 'title', 'description', 'price', 'compareAtPrice', 'currency', 'inStock', 'imageUrl', 'productUrl',
  'category', 'brand', 'shop', 'updatedAt',
] satisfies Array<keyof ProductDocument>;

export interface HitContext {
  shops: (id: string) => DirectoryShop | undefined;
  origin?: { lat: number; lng: number };
  now: Date;
}

type EngineHit = Pick<ProductDocument, (typeof HIT_ATTRIBUTES)[number]> & { _formatted?: { title?: unknown } };

export function toProductHit(doc: EngineHit, ctx: HitContext): ProductHit {
  const shop = ctx.shops(doc.shop.id);
  const verified = shop?.lastSuccessAt ?? null;
  const hit: ProductHit = {
    id: doc.id,
    title: doc.title,
    description: doc.description,
    price: doc.price,
    compareAtPrice: doc.compareAtPrice ?? null,
    currency: doc.currency || 'EUR',
    inStock: doc.inStock,
    imageUrl: doc.imageUrl ?? null,
    productUrl: doc.productUrl,
    url: `/go/${doc.id}`,
    category: doc.category ?? null,
    brand: doc.brand ?? null,
    shop: { id: doc.shop.id, slug: doc.shop.slug, name: doc.shop.name, commune: doc.shop.commune },
    updatedAt: new Date(doc.updatedAt * 1000).toISOString(),
    verifiedAt: verified ? verified.toISOString() : null,
    verifiedAgo: verified ? frenchAgo(verified, ctx.now) : null,
    highlight: { title: highlightTitle(doc.title, doc._formatted?.title) },
  };
  if (ctx.origin && shop) hit.distanceKm = roundKm(distanceKm(ctx.origin.lat, ctx.origin.lng, shop.lat, shop.lng));
  return hit;
}
