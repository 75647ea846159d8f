import { DESCRIPTION_MAX_LENGTH, NormalizedProduct, SkippedItem, TITLE_MAX_LENGTH } from './normalized-product';
import { cleanLine, htmlToText, round2 } from './text';
import { publicUrl } from './url';

export type Validated = { product: NormalizedProduct } | { skipped: SkippedItem };

const MAX_PRICE = 1_000_000;

/**
 * The last gate before a product leaves a connector: what residents will see must have
 * an id, a title, a usable price and a page on the merchant's site. Anything else is
 * skipped with a reason the merchant can act on. Also bounds and cleans every field.
 */
export function validateProduct(p: Partial<NormalizedProduct>): Validated {
  const externalId = typeof p.externalId === 'string' ? p.externalId.trim() : '';
  const skip = (reason: string): Validated => ({ skipped: { externalId: externalId || undefined, reason } });
  if (!externalId || externalId.length > 200) return skip('identifiant du produit manquant ou invalide');
  const title = cleanLine(p.title, TITLE_MAX_LENGTH);
  if (!title) return skip('titre manquant');
  if (typeof p.price !== 'number' || !Number.isFinite(p.price) || p.price <= 0 || p.price > MAX_PRICE) {
    return skip('prix manquant ou invalide');
  }
  const productUrl = publicUrl(p.productUrl);
  if (!productUrl) return skip('adresse de la page produit manquante ou invalide');
  const currency = (p.currency ?? 'EUR').toUpperCase();
  if (currency !== 'EUR') return skip(`devise ${currency} non prise en charge (EUR uniquement)`);

  const variants = (p.variants ?? []).filter((v) => Number.isFinite(v.price) && v.price > 0);
  const prices = variants.length ? variants.map((v) => v.price) : [p.price];
  const compareAt = p.compareAtPrice && p.compareAtPrice > p.price ? round2(p.compareAtPrice) : undefined;
  return {
    product: {
      externalId,
      title,
      description: htmlToText(p.description ?? '', DESCRIPTION_MAX_LENGTH),
      price: round2(p.price),
      compareAtPrice: compareAt,
      currency,
      inStock: variants.length ? variants.some((v) => v.inStock) : !!p.inStock,
      quantity: typeof p.quantity === 'number' && Number.isFinite(p.quantity) ? p.quantity : undefined,
      variants,
      priceMin: round2(Math.min(...prices)),
      priceMax: round2(Math.max(...prices)),
      imageUrls: [...new Set((p.imageUrls ?? []).map((u) => publicUrl(u)).filter((u): u is string => !!u))].slice(0, 10),
      productUrl,
      categoryPath: (p.categoryPath ?? []).map((c) => cleanLine(c, 100)).filter(Boolean).slice(0, 6),
      brand: cleanLine(p.brand, 100) || undefined,
      gtin: typeof p.gtin === 'string' && /^\d{8,14}$/.test(p.gtin.trim()) ? p.gtin.trim() : undefined,
      tags: [...new Set((p.tags ?? []).map((t) => cleanLine(t, 60)).filter(Boolean))].slice(0, 30),
      sourceUpdatedAt: validDate(p.sourceUpdatedAt),
    },
  };
}

function validDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
