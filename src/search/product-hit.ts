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

const DOCUMENT_FIELDS = [
  'id', 'title', 'description', 'price', 'compareAtPrice', 'currency', 'inStock', 'imageUrl', 'productUrl',
  'category', 'brand', 'updatedAt',
] as const satisfies Array<keyof ProductDocument>;

/**
 * The document fields a hit needs: nothing else is fetched from the engine. Of its shop
 * only the id: name, slug and commune come from the shop directory, which is fresher
 * and spares the engine's answer a copy per hit.
 */
export const HIT_ATTRIBUTES: string[] = [...DOCUMENT_FIELDS, 'shop.id'];

export interface HitContext {
  shops: (id: string) => DirectoryShop | undefined;
  origin?: { lat: number; lng: number };
  now: Date;
}

export type EngineHit = Pick<ProductDocument, (typeof DOCUMENT_FIELDS)[number]> & {
  shop: { id: string };
  _formatted?: { title?: unknown };
};

/**
 * The public hit, or undefined for a product whose shop is not among those the search
 * may show (the engine was asked for those shops only: this never shows anything else).
 */
export function toProductHit(doc: EngineHit, ctx: HitContext): ProductHit | undefined {
  const shop = doc.shop?.id === undefined ? undefined : ctx.shops(doc.shop.id);
  if (!shop) return undefined;
  const verified = shop.lastSuccessAt;
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
    shop: { id: shop.id, slug: shop.slug, name: shop.name, commune: shop.commune },
    updatedAt: new Date(doc.updatedAt * 1000).toISOString(),
    verifiedAt: verified ? verified.toISOString() : null,
    verifiedAgo: verified ? frenchAgo(verified, ctx.now) : null,
    highlight: { title: highlightTitle(doc.title, doc._formatted?.title) },
  };
  if (ctx.origin) hit.distanceKm = roundKm(distanceKm(ctx.origin.lat, ctx.origin.lng, shop.lat, shop.lng));
  return hit;
}
