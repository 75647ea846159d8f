import { isConnectorError } from '../core/errors';
import type { PrestashopApi } from './prestashop-api';
import { optionLabels, pickLanguage, toNumber } from './prestashop.mapper';
import type { PsCategory, PsCountry, PsLanguage, PsOption, PsOptionValue, PsTax, PsTaxRule, PsTaxRuleGroup } from './prestashop.types';

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
    if (!france) {
      this.log('PrestaShop: France not found among countries, prices read without VAT');
      return new Map();
    }
    const [groups, rules, taxes] = await Promise.all([
      this.api.list<PsTaxRuleGroup>('tax_rule_groups', { display: 'full' }),
      this.api.list<PsTaxRule>('tax_rules', { display: 'full', 'filter[id_country]': `[${france.id}]` }),
      this.api.list<PsTax>('taxes', { display: 'full' }),
    ]);
    return franceRates(groups, rules, taxes, String(france.id));
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

/**
 * VAT percent per tax rules group for a customer in France, computed as PrestaShop's
 * TaxRulesTaxManager does for an address without state or postcode: only active groups,
 * country-wide rules, the first rule's behaviour deciding how several taxes combine.
 */
export function franceRates(groups: PsTaxRuleGroup[], rules: PsTaxRule[], taxes: PsTax[], franceId: string): Map<string, number> {
  const activeGroups = new Set(groups.filter((g) => String(g.active) === '1').map((g) => String(g.id)));
  const taxRate = new Map(taxes.map((t) => [String(t.id), toNumber(t.rate) ?? 0]));
  const byGroup = new Map<string, PsTaxRule[]>();
  const national = rules
    .filter((r) => String(r.id_country) === franceId && activeGroups.has(String(r.id_tax_rules_group)))
    .filter((r) => String(r.id_state ?? '0') === '0' && !nonEmptyZip(r.zipcode_from) && !nonEmptyZip(r.zipcode_to))
    .sort((a, b) => Number(a.id) - Number(b.id));
  for (const r of national) byGroup.set(String(r.id_tax_rules_group), [...(byGroup.get(String(r.id_tax_rules_group)) ?? []), r]);
  const rates = new Map<string, number>();
  for (const [group, groupRules] of byGroup) rates.set(group, combineRates(groupRules, taxRate));
  return rates;
}

function nonEmptyZip(z: string | undefined): boolean {
  return !!z && z !== '0';
}

/** 0: the first tax alone; 1: rates added together; 2: taxes applied one after another. */
function combineRates(rules: PsTaxRule[], taxRate: Map<string, number>): number {
  const behavior = String(rules[0].behavior ?? '0');
  const applied: number[] = [];
  for (const rule of rules) {
    applied.push(taxRate.get(String(rule.id_tax)) ?? 0);
    if (String(rule.behavior ?? '0') === '0') break;
  }
  if (behavior === '2') {
    const factor = applied.reduce((f, rate) => f * (1 + rate / 100), 1);
    return Math.round((factor - 1) * 100_000) / 1000;
  }
  return behavior === '1' ? applied.reduce((a, b) => a + b, 0) : applied[0];
}
