/** A product as every connector hands it over, whatever the platform. Prices are euros, tax included. */
export interface NormalizedProduct {
  externalId: string;
  title: string;
  /** Plain text: HTML removed, entities decoded, at most DESCRIPTION_MAX_LENGTH characters. */
  description: string;
  price: number;
  /** The price before a sale ("prix barré"), when the shop shows one above `price`. */
  compareAtPrice?: number;
  currency: string;
  inStock: boolean;
  quantity?: number;
  variants: ProductVariant[];
  /** Lowest and highest variant price; equal to `price` for a product without variants. */
  priceMin: number;
  priceMax: number;
  /** Absolute public http(s) URLs, first one is the main image. */
  imageUrls: string[];
  /** The product's own page on the merchant's site, where the purchase happens. */
  productUrl: string;
  /** From the broadest to the narrowest, e.g. ["Épicerie", "Thés"]. */
  categoryPath: string[];
  brand?: string;
  gtin?: string;
  tags: string[];
  sourceUpdatedAt?: string;
}

export interface ProductVariant {
  externalId: string;
  title: string;
  /** e.g. { Taille: "M", Couleur: "Bleu" } */
  options: Record<string, string>;
  price: number;
  compareAtPrice?: number;
  inStock: boolean;
  quantity?: number;
  sku?: string;
  gtin?: string;
}

/** A source item that could not become a product, and why (in French, for the merchant). */
export interface SkippedItem {
  externalId?: string;
  reason: string;
}

export const DESCRIPTION_MAX_LENGTH = 5000;
export const TITLE_MAX_LENGTH = 300;
