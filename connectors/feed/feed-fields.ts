/**
 * The columns (CSV/TSV) or elements (XML) a product feed may carry, named as in the
 * Google Merchant Center product data specification, plus the French names merchants
 * commonly type in a spreadsheet by hand.
 */
export type FeedField =
  | 'id'
  | 'title'
  | 'description'
  | 'link'
  | 'image_link'
  | 'additional_image_link'
  | 'price'
  | 'sale_price'
  | 'sale_price_effective_date'
  | 'availability'
  | 'brand'
  | 'gtin'
  | 'product_type'
  | 'google_product_category'
  | 'item_group_id'
  | 'color'
  | 'size'
  | 'material'
  | 'quantity'
  | 'updated'
  | 'currency';

/** One source record, its fields already renamed to the canonical names. */
export interface FeedRow {
  /** Where it sits in the feed, for the merchant: "ligne 12" or "article n°3 (ligne 40)". */
  position: string;
  fields: Partial<Record<FeedField, string>>;
}

/** A record the reader could not even turn into fields (wrong column count, broken quoting, bad XML). */
export interface BrokenRow {
  position: string;
  reason: string;
  externalId?: string;
}

export type FeedRecord = FeedRow | BrokenRow;

export function isBrokenRow(r: FeedRecord): r is BrokenRow {
  return 'reason' in r;
}

/** Every field must be present in a CSV header; XML items missing one are skipped instead. */
export const REQUIRED_FIELDS: FeedField[] = ['id', 'title', 'price', 'link'];

/** The name a merchant reads in a message about a missing column. */
export const FIELD_LABELS: Record<FeedField, string> = {
  id: 'id (identifiant)',
  title: 'title (titre)',
  description: 'description',
  link: 'link (lien)',
  image_link: 'image_link',
  additional_image_link: 'additional_image_link',
  price: 'price (prix)',
  sale_price: 'sale_price (prix_promo)',
  sale_price_effective_date: 'sale_price_effective_date',
  availability: 'availability (disponibilite)',
  brand: 'brand (marque)',
  gtin: 'gtin (ean)',
  product_type: 'product_type (categorie)',
  google_product_category: 'google_product_category',
  item_group_id: 'item_group_id',
  color: 'color (couleur)',
  size: 'size (taille)',
  material: 'material (matiere)',
  quantity: 'quantity (quantite)',
  updated: 'updated',
  currency: 'currency (devise)',
};

const ALIASES: Record<FeedField, string[]> = {
  id: ['id', 'offer_id', 'identifiant', 'reference', 'ref', 'guid'],
  title: ['title', 'titre', 'nom', 'name', 'nom_produit', 'libelle'],
  description: ['description', 'summary', 'content', 'descriptif'],
  link: ['link', 'lien', 'url', 'url_produit', 'lien_produit', 'product_url'],
  image_link: ['image_link', 'image', 'image_url', 'lien_image', 'url_image', 'photo'],
  additional_image_link: ['additional_image_link', 'images_supplementaires', 'images_additionnelles', 'autres_images'],
  price: ['price', 'prix', 'prix_ttc', 'regular_price'],
  sale_price: ['sale_price', 'prix_promo', 'prix_promotion', 'prix_solde', 'prix_soldes'],
  sale_price_effective_date: ['sale_price_effective_date'],
  availability: ['availability', 'disponibilite', 'dispo', 'stock_status'],
  brand: ['brand', 'marque', 'fabricant'],
  gtin: ['gtin', 'ean', 'ean13', 'code_barre', 'code_barres'],
  product_type: ['product_type', 'categorie', 'category', 'type_de_produit', 'rayon'],
  google_product_category: ['google_product_category', 'categorie_google'],
  item_group_id: ['item_group_id', 'id_groupe', 'groupe', 'parent_id', 'id_parent'],
  color: ['color', 'couleur', 'colour'],
  size: ['size', 'taille', 'pointure'],
  material: ['material', 'matiere', 'matière'],
  quantity: ['quantity', 'quantite', 'qte', 'stock', 'stock_quantity'],
  updated: ['updated', 'last_updated', 'updated_at', 'date_modification', 'mise_a_jour', 'date_maj', 'pubdate'],
  currency: ['currency', 'devise'],
};

const BY_ALIAS = new Map<string, FeedField>();
for (const [field, names] of Object.entries(ALIASES) as Array<[FeedField, string[]]>) {
  for (const name of names) BY_ALIAS.set(name, field);
}

/**
 * Canonical field for a column or element name: case and accents ignored, `g:` prefix
 * dropped, spaces and dashes read as underscores ("Prix promo" → sale_price).
 */
export function canonicalField(name: string): FeedField | undefined {
  const key = name
    .trim()
    .replace(/^\uFEFF/, '')
    .replace(/^"|"$/g, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^g:/, '')
    .replace(/[\s\-.]+/g, '_');
  return BY_ALIAS.get(key);
}
