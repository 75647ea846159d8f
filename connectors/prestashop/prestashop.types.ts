/**
 * The PrestaShop 1.7 / 8 webservice as it answers with `output_format=JSON`. Numbers come
 * as strings (only `id` is sometimes a number), and a localized field is either an array
 * of `{id, value}` (one per installed language) or a plain string when the shop has a
 * single language.
 */
export type PsId = string | number;
export type PsLocalized = string | Array<{ id: PsId; value: string | null }> | null | undefined;

export interface PsProduct {
  id: PsId;
  id_manufacturer?: string;
  id_category_default?: string;
  id_default_image?: string | null;
  id_default_combination?: string | null;
  id_tax_rules_group?: string;
  manufacturer_name?: string | null;
  reference?: string;
  ean13?: string | null;
  quantity?: string;
  price?: string;
  active?: string;
  visibility?: string;
  date_upd?: string;
  name?: PsLocalized;
  description?: PsLocalized;
  description_short?: PsLocalized;
  link_rewrite?: PsLocalized;
  associations?: {
    categories?: Array<{ id: PsId }>;
    images?: Array<{ id: PsId }>;
    combinations?: Array<{ id: PsId }>;
    stock_availables?: Array<{ id: PsId; id_product_attribute: PsId }>;
  };
}

export interface PsCombination {
  id: PsId;
  id_product: PsId;
  reference?: string;
  ean13?: string | null;
  quantity?: string;
  /** Price impact on the product's base price, tax excluded. */
  price?: string;
  default_on?: string | null;
  associations?: { product_option_values?: Array<{ id: PsId }>; images?: Array<{ id: PsId }> };
}

export interface PsStockAvailable {
  id: PsId;
  id_product: PsId;
  /** 0 for the product as a whole, else the combination id. */
  id_product_attribute: PsId;
  quantity: string;
  out_of_stock?: string;
}

export interface PsCategory {
  id: PsId;
  id_parent: string;
  is_root_category?: string;
  name?: PsLocalized;
}

export interface PsOptionValue {
  id: PsId;
  id_attribute_group: string;
  name?: PsLocalized;
}

export interface PsOption {
  id: PsId;
  name?: PsLocalized;
  public_name?: PsLocalized;
}

export interface PsLanguage {
  id: PsId;
  iso_code: string;
  active?: string;
}

export interface PsTaxRule {
  id: PsId;
  id_tax_rules_group: string;
  id_country: string;
  id_state?: string;
  zipcode_from?: string;
  zipcode_to?: string;
  id_tax: string;
  /** 0: this tax only, 1: combined with the others, 2: one after another. */
  behavior?: string;
}

export interface PsTax {
  id: PsId;
  rate: string;
  active?: string;
  deleted?: string;
}

export interface PsCountry {
  id: PsId;
  iso_code: string;
}

export interface PsTaxRuleGroup {
  id: PsId;
  name?: string;
  active?: string;
  deleted?: string;
}
