import { HttpException } from '@nestjs/common';
import type { MerchantShopView } from '../../merchants/merchant-shop-views';
import { WEEKDAYS } from '../../merchants/opening-hours.schema';
import { text } from './form-input';
import type { FieldErrors } from './templates/form-fields';

/** The profile form's plain fields, in the order the form shows them. */
export const PROFILE_TEXT_FIELDS = ['name', 'siret', 'address', 'postalCode', 'commune', 'phone', 'website', 'description', 'pickupPolicy'] as const;
export const DELIVERY_FIELDS = ['deliveryCommunes', 'deliveryFee', 'deliveryDelay'] as const;
/** Two ranges a day: morning and afternoon, the gap between them being the lunch break. */
export const RANGES_PER_DAY = 2;

const REQUIRED: readonly string[] = ['name', 'siret', 'address', 'postalCode', 'commune'];

export type ProfileValues = Record<string, string>;

export function hourField(day: string, range: number, edge: 'debut' | 'fin'): string {
  return `h_${day}_${range}_${edge}`;
}

/** Every field the form sends, in display order (for "focus on the first error"). */
export const PROFILE_FIELD_ORDER: string[] = [
  ...PROFILE_TEXT_FIELDS.slice(0, 8),
  ...WEEKDAYS.flatMap((d) => Array.from({ length: RANGES_PER_DAY }, (_, i) => [hourField(d, i + 1, 'debut'), hourField(d, i + 1, 'fin')]).flat()),
  'pickupPolicy',
  'deliveryEnabled',
  ...DELIVERY_FIELDS,
];

/** What the merchant typed, to show again with the errors (and the defaults of an edit). */
export function profileValues(body: Record<string, unknown> | undefined): ProfileValues {
  const values: ProfileValues = {};
  for (const name of PROFILE_FIELD_ORDER) values[name] = text(body, name);
  values.deliveryEnabled = body?.deliveryEnabled ? 'oui' : '';
  return values;
}

/** An existing shop's profile as form values. */
export function valuesOfShop(shop: MerchantShopView): ProfileValues {
  const values: ProfileValues = {
    name: shop.name,
    siret: shop.siret ?? '',
    address: shop.address,
    postalCode: shop.postalCode,
    commune: shop.commune,
    phone: shop.phone ?? '',
    website: shop.website ?? '',
    description: shop.description ?? '',
    pickupPolicy: shop.pickupPolicy ?? '',
  };
  const hours = (shop.openingHours ?? {}) as Record<string, Array<[string, string]>>;
  for (const day of WEEKDAYS) {
    for (let i = 1; i <= RANGES_PER_DAY; i++) {
      const range = hours[day]?.[i - 1];
      values[hourField(day, i, 'debut')] = range?.[0] ?? '';
      values[hourField(day, i, 'fin')] = range?.[1] ?? '';
    }
  }
  const delivery = shop.localDelivery as { communes?: string[]; fee?: number; delay?: string } | null;
  values.deliveryEnabled = delivery ? 'oui' : '';
  values.deliveryCommunes = delivery?.communes?.join(', ') ?? '';
  values.deliveryFee = delivery?.fee !== undefined ? String(delivery.fee).replace('.', ',') : '';
  values.deliveryDelay = delivery?.delay ?? '';
  return values;
}

/**
 * The form's values in the shape of the API's shop-profile schema. Problems only the form
 * can have (half a time range, a fee that is not a number) are reported here; everything
 * else is left to the schema, so the pages and the API refuse exactly the same things.
 */
export function profileInput(values: ProfileValues, empty: undefined | null): { input: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const input: Record<string, unknown> = {};
  // An empty required field: missing on creation ("champ obligatoire"), emptied on an edit.
  for (const name of PROFILE_TEXT_FIELDS) input[name] = values[name] !== '' ? values[name] : REQUIRED.includes(name) ? (empty === null ? '' : undefined) : empty;
  const hours: Record<string, Array<[string, string]>> = {};
  for (const day of WEEKDAYS) {
    for (let i = 1; i <= RANGES_PER_DAY; i++) {
      const start = values[hourField(day, i, 'debut')];
      const end = values[hourField(day, i, 'fin')];
      if (!start && !end) continue;
      if (!start || !end) {
        errors[hourField(day, i, start ? 'fin' : 'debut')] = `${day} : indiquez l'heure d'ouverture et celle de fermeture, ou aucune des deux.`;
        continue;
      }
      (hours[day] ??= []).push([start, end]);
    }
  }
  input.openingHours = Object.keys(hours).length ? hours : empty === null ? null : undefined;
  if (values.deliveryEnabled) {
    const communes = values.deliveryCommunes.split(/[,;\n]/).map((c) => c.trim()).filter(Boolean);
    const feeText = values.deliveryFee.replace(/\s|€/g, '').replace(',', '.');
    const fee = feeText === '' ? 0 : Number(feeText);
    if (!Number.isFinite(fee)) errors.deliveryFee = 'montant en euros attendu, par exemple 3,50 (0 pour une livraison gratuite).';
    input.localDelivery = { communes, fee: Number.isFinite(fee) ? fee : 0, delay: values.deliveryDelay };
  } else input.localDelivery = empty;
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  return { input, errors };
}

/** A schema path (from the create or update schema) → the form field that shows it. */
export function profileFieldOf(path: string[]): string {
  const [head, second, third] = path;
  if (head === 'openingHours') {
    if (second && third !== undefined) return hourField(second, Number(third) + 1, 'debut');
    return second ? hourField(second, 1, 'debut') : '_form';
  }
  if (head === 'localDelivery') {
    if (second === 'fee') return 'deliveryFee';
    if (second === 'delay') return 'deliveryDelay';
    return 'deliveryCommunes';
  }
  return (PROFILE_TEXT_FIELDS as readonly string[]).includes(head) ? head : '_form';
}

/**
 * The services' refusals after validation: the territory (commune, postal code) and the
 * communes delivered. Shown next to the field they are about.
 */
export function serviceRefusal(e: unknown): FieldErrors | null {
  if (!(e instanceof HttpException) || e.getStatus() !== 422) return null;
  const message = e.message;
  if (message.startsWith('Livraison locale')) return { deliveryCommunes: message.replace(/^Livraison locale : /, '') };
  if (message.startsWith('Le code postal')) return { postalCode: message };
  return { commune: message };
}
