/**
 * The Admin GraphQL documents we send. Products are paged by ID so that a product edited
 * during the read cannot jump pages; variants beyond the first hundred are fetched per
 * product with `PRODUCT_VARIANTS_QUERY`.
 */
export const ADMIN_API_VERSION = '2025-01';

/** Shopify allows at most this many variants per product. */
export const MAX_VARIANTS_PER_PRODUCT = 2048;

const VARIANT_FIELDS = `id title price compareAtPrice availableForSale inventoryQuantity sku barcode selectedOptions { name value }`;

const PRODUCT_FIELDS = `
      id handle title descriptionHtml vendor productType tags updatedAt onlineStoreUrl status
      featuredImage { url }
      images(first: 10) { nodes { url } }
      options { name values }
      variants(first: 100) {
        nodes { ${VARIANT_FIELDS} }
        pageInfo { hasNextPage endCursor }
      }`;

export function productsQuery(withCount: boolean): string {
  return `query Products($first: Int!, $after: String, $query: String) {
  shop { currencyCode }
  ${withCount ? 'productsCount(query: $query) { count precision }' : ''}
  products(first: $first, after: $after, query: $query, sortKey: ID) {
    nodes {${PRODUCT_FIELDS}
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
}

export const PRODUCT_VARIANTS_QUERY = `query ProductVariants($id: ID!, $after: String) {
  product(id: $id) {
    variants(first: 100, after: $after) {
      nodes { ${VARIANT_FIELDS} }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/**
 * Shopify search syntax: only what residents may see (active, published to the online
 * store), and for an incremental read only what changed since `since`.
 */
export function productSearch(since?: Date): string {
  const terms = ['status:active', 'published_status:published'];
  if (since) terms.push(`updated_at:>'${since.toISOString().replace(/\.\d{3}Z$/, 'Z')}'`);
  return terms.join(' ');
}
