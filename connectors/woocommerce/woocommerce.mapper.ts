import type { NormalizedProduct, ProductVariant } from '../core/normalized-product';
import { cleanLine, fromMinorUnits, parsePrice } from '../core/text';
import { Validated, validateProduct } from '../core/validate-product';

/**
 * Pure WooCommerce → normalized mapping, for the two APIs a shop can be read through:
 * the public Store API (prices as integer strings in minor units) and the authenticated
 * REST API v3 (prices as decimal strings). Raw items are untrusted JSON: every field is
 * checked before use, and `validateProduct` is the last word.
 */

type Raw = Record<string, unknown>;

function isRaw(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Raw[] {
  return Array.isArray(value) ? value.filter(isRaw) : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** WooCommerce ids are positive integers, sometimes serialised as strings by plugins. */
export function wooId(raw: unknown): string | undefined {
  const id = isRaw(raw) ? raw.id : undefined;
  const s = str(id);
  return s && /^\d{1,18}$/.test(s) && s !== '0' ? s : undefined;
}

function names(value: unknown): string[] {
  return list(value).map((t) => cleanLine(t.name)).filter(Boolean);
}

function imageSources(value: unknown): string[] {
  return list(value).map((i) => str(i.src)).filter((s): s is string => !!s);
}

function notParsable(raw: unknown): Validated {
  return { skipped: { externalId: wooId(raw), reason: 'élément illisible dans la réponse de la boutique' } };
}

// ---------- Store API (public, no keys) ----------

/** Minor units → euros with the item's own `currency_minor_unit` (2 unless told otherwise). */
function storePrice(prices: Raw, field: string): number | undefined {
  const unit = typeof prices.currency_minor_unit === 'number' ? prices.currency_minor_unit : 2;
  return fromMinorUnits(prices[field], unit);
}

/**
 * Store API variation items carry their own prices and stock; their options come from the
 * parent's `variations[].attributes` (term slugs), named through the parent's attribute terms.
 */
function storeVariant(parent: Raw, item: Raw): ProductVariant | undefined {
  const id = wooId(item);
  const prices = isRaw(item.prices) ? item.prices : {};
  const price = storePrice(prices, 'price');
  if (!id || price === undefined) return undefined;
  const regular = storePrice(prices, 'regular_price');
  const options: Record<string, string> = {};
  const declared = list(parent.variations).find((v) => str(v.id) === id);
  for (const a of list(declared?.attributes)) {
    const name = cleanLine(a.name);
    const slug = str(a.value);
    if (!name || !slug) continue;
    const attribute = list(parent.attributes).find((x) => cleanLine(x.name) === name);
    const term = list(attribute?.terms).find((t) => str(t.slug) === slug);
    options[name] = cleanLine(term?.name) || slug;
  }
  if (!Object.keys(options).length) Object.assign(options, parseVariationLabel(item.variation));
  return {
    externalId: id,
    title: Object.values(options).join(' / ') || cleanLine(item.name),
    options,
    price,
    compareAtPrice: regular !== undefined && regular > price ? regular : undefined,
    inStock: item.is_in_stock === true,
    sku: cleanLine(item.sku) || undefined,
  };
}

/** "Taille: M, Couleur: Bleu" → { Taille: "M", Couleur: "Bleu" } */
function parseVariationLabel(label: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of cleanLine(label).split(',')) {
    const [name, value] = part.split(':').map((s) => s.trim());
    if (name && value) out[name] = value;
  }
  return out;
}

export function storeProductToPartial(raw: Raw, variationItems?: unknown[]): Partial<NormalizedProduct> {
  const prices = isRaw(raw.prices) ? raw.prices : {};
  const variants = (variationItems ?? [])
    .filter(isRaw)
    .map((v) => storeVariant(raw, v))
    .filter((v): v is ProductVariant => !!v);
  const price = storePrice(prices, 'price') ?? (variants.length ? Math.min(...variants.map((v) => v.price)) : undefined);
  const regular = storePrice(prices, 'regular_price');
  return {
    externalId: wooId(raw),
    title: str(raw.name),
    description: str(raw.description) || str(raw.short_description) || '',
    price,
    compareAtPrice: price !== undefined && regular !== undefined && regular > price ? regular : undefined,
    currency: str(prices.currency_code),
    inStock: raw.is_in_stock === true,
    variants,
    imageUrls: imageSources(raw.images),
    productUrl: str(raw.permalink),
    categoryPath: names(raw.categories).slice(0, 1),
    brand: names(raw.brands)[0],
    tags: names(raw.tags),
  };
}

export function mapStoreProduct(raw: unknown, variationItems?: unknown[]): Validated {
  return isRaw(raw) ? validateProduct(storeProductToPartial(raw, variationItems)) : notParsable(raw);
}

/** Variable products list their variations only by id in the Store API: prices need a second read. */
export function storeNeedsVariations(raw: unknown): boolean {
  return isRaw(raw) && raw.type === 'variable' && list(raw.variations).length > 0;
}

// ---------- REST API v3 (consumer keys) ----------

/** Only what a visitor can find in the shop: published and not hidden from the catalogue. */
export function isRestProductPublic(raw: unknown): boolean {
  return isRaw(raw) && raw.status === 'publish' && raw.catalog_visibility !== 'hidden' && raw.type !== 'variation';
}

export function restNeedsVariations(raw: unknown): boolean {
  return isRaw(raw) && raw.type === 'variable' && Array.isArray(raw.variations) && raw.variations.length > 0;
}

function restInStock(raw: Raw): boolean {
  // "onbackorder" can be ordered but is not on the shelf: a resident would find nothing in the shop.
  return raw.stock_status === 'instock';
}

function restVariant(item: Raw): ProductVariant | undefined {
  const id = wooId(item);
  const price = parsePrice(item.price) ?? parsePrice(item.regular_price);
  if (!id || price === undefined || price <= 0) return undefined;
  if (item.status !== undefined && item.status !== 'publish') return undefined;
  const regular = parsePrice(item.regular_price);
  const options: Record<string, string> = {};
  for (const a of list(item.attributes)) {
    const name = cleanLine(a.name);
    const option = cleanLine(a.option);
    if (name && option) options[name] = option;
  }
  return {
    externalId: id,
    title: Object.values(options).join(' / ') || cleanLine(item.sku) || id,
    options,
    price,
    compareAtPrice: regular !== undefined && regular > price ? regular : undefined,
    inStock: restInStock(item),
    quantity: item.manage_stock === true && typeof item.stock_quantity === 'number' ? item.stock_quantity : undefined,
    sku: cleanLine(item.sku) || undefined,
    gtin: validGtin(item.global_unique_id),
  };
}

function validGtin(value: unknown): string | undefined {
  const s = str(value)?.trim();
  return s && /^\d{8,14}$/.test(s) ? s : undefined;
}

/** WooCommerce writes GMT dates without a zone designator. */
function gmtDate(value: unknown): string | undefined {
  const s = str(value);
  if (!s || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(s)) return undefined;
  const d = new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function restModifiedAt(raw: unknown): Date | undefined {
  const iso = isRaw(raw) ? gmtDate(raw.date_modified_gmt) : undefined;
  return iso ? new Date(iso) : undefined;
}

export function restProductToPartial(raw: Raw, variationItems?: unknown[]): Partial<NormalizedProduct> {
  const variants = (variationItems ?? [])
    .filter(isRaw)
    .map(restVariant)
    .filter((v): v is ProductVariant => !!v);
  const listed = parsePrice(raw.price);
  const price = listed && listed > 0 ? listed : variants.length ? Math.min(...variants.map((v) => v.price)) : parsePrice(raw.regular_price);
  const regular = parsePrice(raw.regular_price);
  return {
    externalId: wooId(raw),
    title: str(raw.name),
    description: str(raw.description) || str(raw.short_description) || '',
    price,
    compareAtPrice: price !== undefined && regular !== undefined && regular > price ? regular : undefined,
    currency: 'EUR',
    inStock: restInStock(raw),
    quantity: raw.manage_stock === true && typeof raw.stock_quantity === 'number' ? raw.stock_quantity : undefined,
    variants,
    imageUrls: imageSources(raw.images),
    productUrl: str(raw.permalink),
    categoryPath: names(raw.categories).slice(0, 1),
    brand: names(raw.brands)[0],
    gtin: validGtin(raw.global_unique_id),
    tags: names(raw.tags),
    sourceUpdatedAt: gmtDate(raw.date_modified_gmt),
  };
}

export function mapRestProduct(raw: unknown, variationItems?: unknown[]): Validated {
  return isRaw(raw) ? validateProduct(restProductToPartial(raw, variationItems)) : notParsable(raw);
}
