import type { NormalizedProduct, ProductVariant, SkippedItem } from '../core/normalized-product';
import { cleanLine } from '../core/text';
import { publicUrl } from '../core/url';
import { validateProduct } from '../core/validate-product';
import type { BrokenRow, FeedRow } from './feed-fields';
import { parseAvailability, parseCategory, parseFeedPrice, parseImages, parseQuantity, parseUpdated, saleApplies } from './feed-values';

export interface MapOptions {
  /** The feed's address, to resolve relative links. */
  base?: string;
  /** The instant sale dates are compared with. */
  now?: Date;
}

export type MappedRows = { products: NormalizedProduct[]; skipped: SkippedItem[] };

/** Variant option names as residents read them, from the Google variant attributes. */
const OPTION_FIELDS = [
  ['color', 'Couleur'],
  ['size', 'Taille'],
  ['material', 'Matière'],
] as const;

interface RowOffer {
  price: number;
  compareAtPrice?: number;
  currency: string;
  inStock: boolean;
  quantity?: number;
}

/** Price, sale price, stock of one row; or the reason the row cannot be sold. */
function readOffer(row: FeedRow, now: Date): RowOffer | { problem: string } {
  const f = row.fields;
  const rawPrice = (f.price ?? '').trim();
  if (!rawPrice) return { problem: 'prix manquant' };
  const regular = parseFeedPrice(rawPrice);
  if (regular.amount === undefined) return { problem: `prix « ${rawPrice.slice(0, 40)} » illisible` };
  const sale = saleApplies(f.sale_price_effective_date, now) ? parseFeedPrice(f.sale_price) : {};
  const onSale = sale.amount !== undefined && sale.amount > 0 && sale.amount < regular.amount;
  const quantity = parseQuantity(f.quantity);
  // A "stock" column may hold a word ("en stock") rather than a number.
  const availability = parseAvailability(f.availability) ?? (quantity === undefined ? parseAvailability(f.quantity) : undefined);
  return {
    price: onSale ? sale.amount! : regular.amount,
    compareAtPrice: onSale ? regular.amount : undefined,
    currency: (f.currency?.trim() || regular.currency || 'EUR').toUpperCase(),
    inStock: availability ?? (quantity !== undefined ? quantity > 0 : true),
    quantity,
  };
}

/** The fields every row of a product shares (taken from the first row of a group). */
function commonDraft(row: FeedRow, base?: string): Partial<NormalizedProduct> {
  const f = row.fields;
  return {
    title: f.title,
    description: f.description ?? '',
    productUrl: publicUrl((f.link ?? '').trim(), base),
    imageUrls: parseImages(f.image_link, f.additional_image_link, base),
    categoryPath: parseCategory(f.product_type).length ? parseCategory(f.product_type) : parseCategory(f.google_product_category),
    brand: f.brand,
    gtin: f.gtin?.trim(),
    tags: [],
    sourceUpdatedAt: parseUpdated(f.updated),
  };
}

function skip(row: FeedRow | BrokenRow, reason: string, externalId?: string): SkippedItem {
  const id = externalId ?? ('fields' in row ? row.fields.id?.trim() : row.externalId);
  return { externalId: id || undefined, reason: `${row.position} : ${reason}` };
}

/** One stand-alone row (no item_group_id) → a product, or the reason it was skipped. */
export function mapFeedRow(row: FeedRow, options: MapOptions = {}): MappedRows {
  const offer = readOffer(row, options.now ?? new Date());
  if ('problem' in offer) return { products: [], skipped: [skip(row, offer.problem)] };
  // Assigned onto the draft, not spread into a new object: spreading two objects per row
  // roughly doubled what a large feed sent to V8's old generation.
  const result = validateProduct(Object.assign(commonDraft(row, options.base), offer, { externalId: row.fields.id, variants: [] }));
  if ('skipped' in result) return { products: [], skipped: [skip(row, result.skipped.reason)] };
  return { products: [result.product], skipped: [] };
}

/** A record the reader already rejected, with its position. */
export function mapBrokenRow(row: BrokenRow): SkippedItem {
  return skip(row, row.reason);
}

/**
 * The rows sharing one item_group_id → one product whose variants are the rows. The
 * product takes the group id; its price is the cheapest sellable variant's; its text,
 * link and category come from the first row. A broken row is skipped alone; the group
 * is skipped only when no row can be sold.
 */
export function mapFeedGroup(groupId: string, rows: FeedRow[], options: MapOptions = {}): MappedRows {
  const now = options.now ?? new Date();
  const skipped: SkippedItem[] = [];
  const variants: ProductVariant[] = [];
  const offers: RowOffer[] = [];
  const sellable: FeedRow[] = [];
  for (const row of rows) {
    const offer = readOffer(row, now);
    const id = row.fields.id?.trim();
    if ('problem' in offer) {
      skipped.push(skip(row, `variante du groupe ${groupId} : ${offer.problem}`));
      continue;
    }
    if (!id) {
      skipped.push(skip(row, `variante du groupe ${groupId} : identifiant manquant`));
      continue;
    }
    const options: Record<string, string> = {};
    for (const [field, label] of OPTION_FIELDS) {
      const value = cleanLine(row.fields[field], 60);
      if (value) options[label] = value;
    }
    offers.push(offer);
    sellable.push(row);
    variants.push({
      externalId: id,
      title: Object.values(options).join(' / ') || cleanLine(row.fields.title, 120) || id,
      options,
      price: offer.price,
      compareAtPrice: offer.compareAtPrice,
      inStock: offer.inStock,
      quantity: offer.quantity,
      sku: id,
      gtin: /^\d{8,14}$/.test(row.fields.gtin?.trim() ?? '') ? row.fields.gtin!.trim() : undefined,
    });
  }
  if (!variants.length) return { products: [], skipped };

  const first = sellable[0];
  const cheapest = offers.reduce((best, o) => (o.price < best.price ? o : best), offers[0]);
  const quantities = offers.map((o) => o.quantity);
  const draft: Partial<NormalizedProduct> = Object.assign(commonDraft(first, options.base), {
    externalId: groupId,
    title: groupTitle(first.fields.title ?? '', variants[0].options),
    price: cheapest.price,
    compareAtPrice: cheapest.compareAtPrice,
    currency: cheapest.currency,
    inStock: offers.some((o) => o.inStock),
    quantity: quantities.every((q) => q !== undefined) ? quantities.reduce((a, q) => a! + q!, 0) : undefined,
    variants,
    imageUrls: [...new Set(sellable.flatMap((r) => parseImages(r.fields.image_link, r.fields.additional_image_link, options.base)))],
    sourceUpdatedAt: latest(sellable.map((r) => parseUpdated(r.fields.updated))),
  });
  const result = validateProduct(draft);
  if ('skipped' in result) return { products: [], skipped: [...skipped, skip(first, result.skipped.reason, groupId)] };
  return { products: [result.product], skipped };
}

/**
 * Variant rows usually repeat their options in the title ("Pull en laine - Bleu - M");
 * the product shows the bare title.
 */
export function groupTitle(title: string, options: Record<string, string>): string {
  let t = title.trim();
  const values = Object.values(options).filter(Boolean);
  for (let changed = true; changed; ) {
    changed = false;
    for (const v of values) {
      const escaped = v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const next = t.replace(new RegExp(`\\s*(?:[-–—/,|]\\s*${escaped}|\\(${escaped}\\))\\s*$`, 'i'), '');
      if (next !== t && next.trim()) {
        t = next;
        changed = true;
      }
    }
  }
  return t;
}

function latest(dates: Array<string | undefined>): string | undefined {
  const valid = dates.filter((d): d is string => !!d && !Number.isNaN(new Date(d).getTime()));
  return valid.sort((a, b) => new Date(b).getTime() - new Date(a).getTime())[0];
}
