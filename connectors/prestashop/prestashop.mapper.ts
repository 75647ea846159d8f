import type { NormalizedProduct, ProductVariant } from '../core/normalized-product';
import { round2 } from '../core/text';
import { validateProduct, Validated } from '../core/validate-product';
import { fromShopTime } from './prestashop-dates';
import type { PsCombination, PsLocalized, PsOption, PsOptionValue, PsProduct, PsStockAvailable } from './prestashop.types';

/** Everything besides the product itself that the mapping needs, resolved by the connector. */
export interface PrestashopMapContext {
  /** The shop's base URL with a trailing slash (where `index.php` lives). */
  shopUrl: string;
  /** The language id whose values residents read (French when the shop has it). */
  languageId: string;
  /** VAT rate in percent for this product's tax rules group in France, e.g. 20. */
  taxRate: number;
  categoryPath: string[];
  /** This product's combinations (declinaisons), empty for a simple product. */
  combinations: PsCombination[];
  /** Product option value id → option name and value name, e.g. { option: 'Taille', value: 'M' }. */
  optionLabel: (valueId: string) => { option: string; value: string } | undefined;
  /** Quantity per `${id_product}:${id_product_attribute}`, from stock_availables. */
  stock: Map<string, number>;
}

/** The value of a localized field in the given language (another language only when that one is empty). */
export function pickLanguage(field: PsLocalized | unknown, languageId: string): string {
  if (typeof field === 'string') return field;
  if (typeof field === 'number') return String(field);
  if (!Array.isArray(field)) return '';
  const filled = field.filter((e) => e && typeof e.value === 'string' && e.value.trim() !== '');
  const hit = filled.find((e) => String(e.id) === languageId) ?? filled[0];
  return hit ? (hit.value as string) : '';
}

/** PrestaShop's "12.500000" (or a number) → number; undefined when not a finite number. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

export function withTax(priceExcludingTax: number, ratePercent: number): number {
  return round2(priceExcludingTax * (1 + ratePercent / 100));
}

/** Only products a customer can find in the shop: enabled and not hidden from catalogue and search. */
export function isListed(raw: PsProduct): boolean {
  return String(raw.active) === '1' && raw.visibility !== 'none';
}

/**
 * Public image URL, the one the shop's own theme uses; never `/api/images/…`, which needs
 * the key. Without a link_rewrite the friendly route cannot be built, so the physical
 * path under img/p/ (one folder per digit of the id) is used instead.
 */
export function imageUrl(shopUrl: string, imageId: string, linkRewrite: string): string | undefined {
  if (!/^\d+$/.test(imageId)) return undefined;
  const slug = linkRewrite.trim();
  if (slug) return new URL(`${imageId}-large_default/${encodeURIComponent(slug)}.jpg`, shopUrl).toString();
  return new URL(`img/p/${imageId.split('').join('/')}/${imageId}-large_default.jpg`, shopUrl).toString();
}

/** PrestaShop answers this URL with a redirect to the product's canonical page. */
export function productPageUrl(shopUrl: string, productId: string): string {
  return new URL(`index.php?controller=product&id_product=${encodeURIComponent(productId)}`, shopUrl).toString();
}

export function mapProduct(raw: PsProduct, ctx: PrestashopMapContext): Validated {
  return validateProduct(toNormalized(raw, ctx));
}

export function toNormalized(raw: PsProduct, ctx: PrestashopMapContext): Partial<NormalizedProduct> {
  const id = raw && raw.id !== undefined && raw.id !== null ? String(raw.id) : '';
  const lang = ctx.languageId;
  const linkRewrite = pickLanguage(raw.link_rewrite, lang);
  const basePrice = toNumber(raw.price);
  const variants = basePrice === undefined ? [] : mapVariants(id, basePrice, ctx);
  // Variants are built one per combination, in the same order.
  const defaultVariant = variants[ctx.combinations.findIndex((c) => String(c.default_on) === '1')];

  let price: number | undefined;
  if (variants.length) price = (defaultVariant ?? variants.reduce((a, b) => (b.price < a.price ? b : a))).price;
  else if (basePrice !== undefined) price = withTax(basePrice, ctx.taxRate);

  const ownQuantity = ctx.stock.get(`${id}:0`) ?? toNumber(raw.quantity);
  const description = pickLanguage(raw.description, lang) || pickLanguage(raw.description_short, lang);
  return {
    externalId: id,
    title: pickLanguage(raw.name, lang),
    description,
    price,
    currency: 'EUR',
    inStock: (ownQuantity ?? 0) > 0,
    quantity: ownQuantity,
    variants,
    imageUrls: imageIds(raw)
      .map((imageId) => imageUrl(ctx.shopUrl, imageId, linkRewrite))
      .filter((u): u is string => !!u),
    productUrl: id ? productPageUrl(ctx.shopUrl, id) : undefined,
    categoryPath: ctx.categoryPath,
    brand: raw.manufacturer_name ?? undefined,
    gtin: raw.ean13 ?? undefined,
    tags: [],
    sourceUpdatedAt: fromShopTime(raw.date_upd),
  };
}

/** The default image first, then the others in the shop's order. */
function imageIds(raw: PsProduct): string[] {
  const ids = (raw.associations?.images ?? []).map((i) => String(i?.id ?? ''));
  const first = raw.id_default_image ? String(raw.id_default_image) : undefined;
  const ordered = first && first !== '0' ? [first, ...ids.filter((i) => i !== first)] : ids;
  return [...new Set(ordered.filter((i) => /^\d+$/.test(i)))];
}

function mapVariants(productId: string, basePrice: number, ctx: PrestashopMapContext): ProductVariant[] {
  return ctx.combinations.map((c) => {
    const impact = toNumber(c.price) ?? 0;
    const options: Record<string, string> = {};
    for (const ov of c.associations?.product_option_values ?? []) {
      const label = ctx.optionLabel(String(ov.id));
      if (label) options[label.option] = label.value;
    }
    const quantity = ctx.stock.get(`${productId}:${c.id}`) ?? toNumber(c.quantity) ?? 0;
    const values = Object.values(options);
    return {
      externalId: String(c.id),
      title: values.length ? values.join(' / ') : `Déclinaison ${c.id}`,
      options,
      price: withTax(basePrice + impact, ctx.taxRate),
      inStock: quantity > 0,
      quantity,
      sku: c.reference || undefined,
      gtin: c.ean13 && /^\d{8,14}$/.test(c.ean13) ? c.ean13 : undefined,
    };
  });
}

/** stock_availables rows → quantity per `${id_product}:${id_product_attribute}`. */
export function stockByKey(rows: PsStockAvailable[]): Map<string, number> {
  const stock = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.id_product}:${row.id_product_attribute ?? 0}`;
    // In a multistore setup a product can have one row per shop; the first one is kept.
    if (!stock.has(key)) stock.set(key, toNumber(row.quantity) ?? 0);
  }
  return stock;
}

/** combinations rows → per product id, in id order. */
export function combinationsByProduct(rows: PsCombination[]): Map<string, PsCombination[]> {
  const byProduct = new Map<string, PsCombination[]>();
  for (const c of rows) {
    const key = String(c.id_product);
    byProduct.set(key, [...(byProduct.get(key) ?? []), c]);
  }
  for (const list of byProduct.values()) list.sort((a, b) => Number(a.id) - Number(b.id));
  return byProduct;
}

/** Option value id → { option: "Taille", value: "M" }, with the name customers see (public_name). */
export function optionLabels(options: PsOption[], values: PsOptionValue[], languageId: string): Map<string, { option: string; value: string }> {
  const optionName = new Map(options.map((o) => [String(o.id), pickLanguage(o.public_name, languageId) || pickLanguage(o.name, languageId)]));
  return new Map(
    values.map((v) => [String(v.id), { option: optionName.get(String(v.id_attribute_group)) || 'Option', value: pickLanguage(v.name, languageId) }]),
  );
}
