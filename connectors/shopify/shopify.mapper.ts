import type { NormalizedProduct, ProductVariant } from '../core/normalized-product';
import { cleanLine, parsePrice } from '../core/text';
import { publicUrl } from '../core/url';
import { Validated, validateProduct } from '../core/validate-product';
import type { AdminProductNode, AdminVariantNode, StorefrontProduct, StorefrontVariant } from './shopify.types';

/** Shopify's name for the only option of a product that has no real options. */
const DEFAULT_OPTION_NAME = 'Title';
const DEFAULT_OPTION_VALUE = 'Default Title';

/**
 * A product of the public storefront `products.json`. The storefront lists only what is
 * published to the online store, and says nothing about the currency: shops we index
 * sell in euros, and the Admin API (token mode) is the way to check it.
 */
export function mapStorefrontProduct(raw: unknown, shopBase: string): Validated {
  if (!isObject(raw)) return { skipped: { reason: 'produit illisible dans la réponse de la boutique' } };
  const p = raw as StorefrontProduct;
  const optionNames = (Array.isArray(p.options) ? p.options : []).map((o) => (isObject(o) ? cleanLine(o.name, 100) : ''));
  const rawVariants = (Array.isArray(p.variants) ? p.variants : []).filter(isObject) as StorefrontVariant[];
  const variants = rawVariants.map((v): ProductVariant | undefined => {
    const price = parsePrice(v.price);
    if (price === undefined) return undefined;
    const values = [v.option1, v.option2, v.option3];
    return {
      externalId: idString(v.id) ?? '',
      title: cleanLine(v.title, 200),
      options: optionsFrom(values.map((value, i) => [optionNames[i] || `Option ${i + 1}`, value])),
      price,
      compareAtPrice: parsePrice(v.compare_at_price),
      inStock: v.available === true,
      sku: cleanLine(v.sku, 100) || undefined,
      gtin: gtinOf(v.barcode),
    };
  });
  const images = (Array.isArray(p.images) ? p.images : []).map((i) => (isObject(i) ? publicUrl(i.src, shopBase) : undefined));
  return validateProduct({
    externalId: idString(p.id),
    title: asString(p.title),
    description: asString(p.body_html),
    productUrl: productPageUrl(p.handle, shopBase),
    currency: 'EUR',
    imageUrls: images.filter((u): u is string => !!u),
    categoryPath: categoryOf(p.product_type),
    brand: asString(p.vendor),
    tags: tagsOf(p.tags),
    sourceUpdatedAt: asString(p.updated_at),
    ...priced(variants, rawVariants.map((v) => gtinOf(v.barcode))),
  });
}

/**
 * A `Product` node of the Admin GraphQL API. Returns null for a product residents must
 * never see (draft, archived): the query already excludes them, this is the second lock.
 * `variants` may hold more than the node's first page (fetched separately).
 */
export function mapAdminProduct(node: unknown, shopBase: string, currency = 'EUR', allVariants?: AdminVariantNode[]): Validated | null {
  if (!isObject(node)) return { skipped: { reason: 'produit illisible dans la réponse de la boutique' } };
  const p = node as AdminProductNode;
  if (typeof p.status === 'string' && p.status.toUpperCase() !== 'ACTIVE') return null;
  const rawVariants = (allVariants ?? p.variants?.nodes ?? []).filter(isObject) as AdminVariantNode[];
  const variants = rawVariants.map((v): ProductVariant | undefined => {
    const price = parsePrice(v.price);
    if (price === undefined) return undefined;
    const selected = Array.isArray(v.selectedOptions) ? v.selectedOptions.filter(isObject) : [];
    const quantity = typeof v.inventoryQuantity === 'number' && Number.isFinite(v.inventoryQuantity) ? Math.max(0, v.inventoryQuantity) : undefined;
    return {
      externalId: gidToId(v.id, 'ProductVariant') ?? '',
      title: cleanLine(v.title, 200),
      options: optionsFrom(selected.map((o) => [cleanLine(o.name, 100), o.value])),
      price,
      compareAtPrice: parsePrice(v.compareAtPrice),
      inStock: v.availableForSale === true,
      quantity,
      sku: cleanLine(v.sku, 100) || undefined,
      gtin: gtinOf(v.barcode),
    };
  });
  const images = [p.featuredImage?.url, ...(p.images?.nodes ?? []).map((i) => (isObject(i) ? i.url : undefined))]
    .map((u) => publicUrl(u, shopBase))
    .filter((u): u is string => !!u);
  const quantities = variants.map((v) => v?.quantity).filter((q): q is number => q !== undefined);
  return validateProduct({
    externalId: gidToId(p.id, 'Product'),
    title: asString(p.title),
    description: asString(p.descriptionHtml),
    productUrl: publicUrl(p.onlineStoreUrl) ?? productPageUrl(p.handle, shopBase),
    currency,
    imageUrls: images,
    categoryPath: categoryOf(p.productType),
    brand: asString(p.vendor),
    tags: tagsOf(p.tags),
    sourceUpdatedAt: asString(p.updatedAt),
    quantity: quantities.length ? quantities.reduce((a, b) => a + b, 0) : undefined,
    ...priced(variants, rawVariants.map((v) => gtinOf(v.barcode))),
  });
}

/** `gid://shopify/Product/123` → "123"; plain numeric ids pass through. */
export function gidToId(value: unknown, type?: string): string | undefined {
  if (typeof value === 'number') return idString(value);
  if (typeof value !== 'string') return undefined;
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/.exec(value.trim());
  if (m) return !type || m[1] === type ? m[2] : undefined;
  return idString(value);
}

/**
 * Price, stock and variants of the product from its variants. A product with a single
 * "Default Title" variant has no real options: it is a simple product, not a variant set.
 */
function priced(variants: Array<ProductVariant | undefined>, barcodes: Array<string | undefined>): Partial<NormalizedProduct> {
  const usable = variants.filter((v): v is ProductVariant => !!v && v.price > 0);
  const gtin = barcodes.find((b) => !!b);
  if (usable.length === 0) return { price: undefined, variants: [], inStock: false, gtin };
  const cheapest = usable.reduce((a, b) => (b.price < a.price ? b : a));
  const simple = usable.length === 1 && Object.keys(usable[0].options).length === 0;
  return {
    price: cheapest.price,
    compareAtPrice: cheapest.compareAtPrice,
    inStock: usable.some((v) => v.inStock),
    variants: simple ? [] : usable,
    gtin,
  };
}

function optionsFrom(pairs: Array<[string, unknown]>): Record<string, string> {
  const options: Record<string, string> = {};
  for (const [name, value] of pairs) {
    const v = cleanLine(value, 100);
    if (!name || !v || (name === DEFAULT_OPTION_NAME && v === DEFAULT_OPTION_VALUE) || v === DEFAULT_OPTION_VALUE) continue;
    options[name] = v;
  }
  return options;
}

function productPageUrl(handle: unknown, shopBase: string): string | undefined {
  if (typeof handle !== 'string' || !handle.trim()) return undefined;
  return publicUrl(`products/${encodeURIComponent(handle.trim())}`, shopBase);
}

function categoryOf(productType: unknown): string[] {
  const c = cleanLine(productType, 100);
  return c ? [c] : [];
}

function tagsOf(tags: unknown): string[] {
  const list = Array.isArray(tags) ? tags : typeof tags === 'string' ? tags.split(',') : [];
  return list.map((t) => cleanLine(t, 60)).filter(Boolean);
}

function gtinOf(barcode: unknown): string | undefined {
  const b = typeof barcode === 'string' ? barcode.trim() : typeof barcode === 'number' ? String(barcode) : '';
  return /^\d{8,14}$/.test(b) ? b : undefined;
}

function idString(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d{1,30}$/.test(value.trim())) return value.trim();
  return undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
