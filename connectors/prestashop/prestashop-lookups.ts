import { isConnectorError } from '../core/errors';
import type { PrestashopApi } from './prestashop-api';
import { optionLabels, pickLanguage, toNumber } from './prestashop.mapper';
import type { PsCategory, PsCountry, PsLanguage, PsOption, PsOptionValue, PsTax, PsTaxRule } from './prestashop.types';

const MAX_CATEGORY_DEPTH = 12;

/**
 * The shop's reference data (language, VAT, categories, option names), read once per run
 * and only when first needed, so a page of 100 products costs a handful of requests.
 */
export class PrestashopLookups {
  private language?: Promise<string>;
  private taxRates?: Promise<Map<string, number>>;
  private options?: Promise<Map<string, { option: string; value: string }>>;
  private readonly categories = new Map<string, Promise<PsCategory | undefined>>();

  constructor(
    private readonly api: PrestashopApi,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** French when the shop has it, else the first active language. */
  languageId(): Promise<string> {
    this.language ??= this.api.list<PsLanguage>('languages', { display: 'full' }).then((langs) => {
      const active = langs.filter((l) => String(l.active ?? '1') === '1');
      const fr = active.find((l) => String(l.iso_code).toLowerCase() === 'fr') ?? langs.find((l) => String(l.iso_code).toLowerCase() === 'fr');
      const chosen = fr ?? active[0] ?? langs[0];
      if (!fr) this.log(`PrestaShop: no French language, using language ${chosen?.iso_code ?? '(none)'}`);
      return chosen ? String(chosen.id) : '1';
    });
    return this.language;
  }

  /** VAT percent applied in France to products of this tax rules group (0 when none). */
  async taxRate(groupId: string | undefined): Promise<number> {
    if (!groupId || groupId === '0') return 0;
    this.taxRates ??= this.loadTaxRates();
    return (await this.taxRates).get(groupId) ?? 0;
  }

  private async loadTaxRates(): Promise<Map<string, number>> {
    const countries = await this.api.list<PsCountry>('countries', { display: '[id,iso_code]', 'filter[iso_code]': '[FR]' });
    const france = countries.find((c) => String(c.iso_code).toUpperCase() === 'FR');
    const rates = new Map<string, number>();
    if (!france) {
      this.log('PrestaShop: France not found among countries, prices read without VAT');
      return rates;
    }
    const [rules, taxes] = await Promise.all([
      this.api.list<PsTaxRule>('tax_rules', { display: 'full', 'filter[id_country]': `[${france.id}]` }),
      this.api.list<PsTax>('taxes', { display: 'full' }),
    ]);
    const taxRate = new Map(taxes.filter((t) => String(t.deleted ?? '0') !== '1').map((t) => [String(t.id), toNumber(t.rate) ?? 0]));
    // Metropolitan France: rules for the whole country (no state, no postcode range).
    const national = rules.filter((r) => (r.id_state ?? '0') === '0' && !nonEmptyZip(r.zipcode_from) && !nonEmptyZip(r.zipcode_to));
    const byGroup = new Map<string, PsTaxRule[]>();
    for (const r of national) byGroup.set(r.id_tax_rules_group, [...(byGroup.get(r.id_tax_rules_group) ?? []), r]);
    for (const [group, groupRules] of byGroup) rates.set(group, combineRates(groupRules, taxRate));
    return rates;
  }

  /** Category names from the broadest to the product's own, without the shop's root and home. */
  async categoryPath(categoryId: string | undefined, languageId: string): Promise<string[]> {
    const path: string[] = [];
    let id = categoryId;
    for (let depth = 0; id && id !== '0' && depth < MAX_CATEGORY_DEPTH; depth++) {
      const category = await this.category(id);
      if (!category || String(category.is_root_category) === '1' || category.id_parent === '0') break;
      const name = pickLanguage(category.name, languageId).trim();
      if (name) path.unshift(name);
      id = category.id_parent;
    }
    return path;
  }

  private category(id: string): Promise<PsCategory | undefined> {
    let pending = this.categories.get(id);
    if (!pending) {
      pending = this.api.get(`categories/${encodeURIComponent(id)}`).then(
        (data) => (data as { category?: PsCategory })?.category,
        (e) => {
          // A deleted category only costs the product its path; other failures end the run.
          if (isConnectorError(e) && e.kind === 'not_found') return undefined;
          throw e;
        },
      );
      this.categories.set(id, pending);
    }
    return pending;
  }

  /** Option value id → { option: "Taille", value: "M" } in the given language. */
  async optionLabel(languageId: string): Promise<(valueId: string) => { option: string; value: string } | undefined> {
    this.options ??= (async () => {
      const [options, values] = await Promise.all([
        this.api.list<PsOption>('product_options', { display: 'full' }),
        this.api.list<PsOptionValue>('product_option_values', { display: 'full' }),
      ]);
      return optionLabels(options, values, languageId);
    })();
    const labels = await this.options;
    return (valueId) => labels.get(valueId);
  }
}

function nonEmptyZip(z: string | undefined): boolean {
  return !!z && z !== '0';
}

/** Behaviour 1 adds rates together; 2 applies them one after another; 0 keeps the first only. */
function combineRates(rules: PsTaxRule[], taxRate: Map<string, number>): number {
  let total = 0;
  let factor = 1;
  for (const rule of rules) {
    const rate = taxRate.get(String(rule.id_tax)) ?? 0;
    const behavior = rule.behavior ?? '0';
    if (behavior === '0') return rate;
    if (behavior === '1') total += rate;
    else factor *= 1 + rate / 100;
  }
  return Math.round(((1 + total / 100) * factor - 1) * 100_000) / 1000;
}
