/**
 * What Shopify sends, as far as we read it. Everything is optional and `unknown`-ish on
 * purpose: the mapper checks each field instead of trusting the shop.
 */

/** One product of the public storefront `GET /products.json`. */
export interface StorefrontProduct {
  id?: unknown;
  title?: unknown;
  handle?: unknown;
  body_html?: unknown;
  vendor?: unknown;
  product_type?: unknown;
  /** An array on current shops, a comma-separated string on some older ones. */
  tags?: unknown;
  updated_at?: unknown;
  published_at?: unknown;
  images?: Array<{ src?: unknown }> | unknown;
  options?: Array<{ name?: unknown; position?: unknown; values?: unknown }> | unknown;
  variants?: StorefrontVariant[] | unknown;
}

export interface StorefrontVariant {
  id?: unknown;
  title?: unknown;
  option1?: unknown;
  option2?: unknown;
  option3?: unknown;
  /** A decimal string, e.g. "12.50". */
  price?: unknown;
  compare_at_price?: unknown;
  available?: unknown;
  sku?: unknown;
  barcode?: unknown;
}

/** One `Product` node of the Admin GraphQL API, as selected by our query. */
export interface AdminProductNode {
  id?: unknown;
  handle?: unknown;
  title?: unknown;
  descriptionHtml?: unknown;
  vendor?: unknown;
  productType?: unknown;
  tags?: unknown;
  updatedAt?: unknown;
  onlineStoreUrl?: unknown;
  /** ACTIVE, DRAFT or ARCHIVED. */
  status?: unknown;
  featuredImage?: { url?: unknown } | null;
  images?: { nodes?: Array<{ url?: unknown }> } | null;
  options?: Array<{ name?: unknown; values?: unknown }> | null;
  variants?: AdminVariantConnection | null;
}

export interface AdminVariantConnection {
  nodes?: AdminVariantNode[];
  pageInfo?: PageInfo;
}

export interface AdminVariantNode {
  id?: unknown;
  title?: unknown;
  /** Money scalar: a decimal string in the shop's currency. */
  price?: unknown;
  compareAtPrice?: unknown;
  availableForSale?: unknown;
  inventoryQuantity?: unknown;
  sku?: unknown;
  barcode?: unknown;
  selectedOptions?: Array<{ name?: unknown; value?: unknown }> | null;
}

export interface PageInfo {
  hasNextPage?: boolean;
  endCursor?: string | null;
}

export interface ThrottleStatus {
  maximumAvailable?: number;
  currentlyAvailable?: number;
  restoreRate?: number;
}

export interface QueryCost {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

export interface GraphqlError {
  message?: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphqlResponse<T> {
  data?: T | null;
  /** A list of errors; a plain string on some transport-level failures. */
  errors?: GraphqlError[] | string;
  extensions?: { cost?: QueryCost };
}
