import { z } from 'zod';
import { createMerchantShopSchema } from '../merchants/shop-profile.schema';
import { parseInput } from './input-validation';

const fields = createMerchantShopSchema.shape;

/**
 * The profile fields an admin registration may carry (the demo sends them), checked by the
 * very rules a merchant's profile follows. Kept apart from shop-input.schema: the merchant
 * schema itself builds on that file.
 */
const adminProfileSchema = z.object({
  openingHours: fields.openingHours,
  pickupPolicy: fields.pickupPolicy,
  localDelivery: fields.localDelivery,
  phone: fields.phone,
  description: fields.description,
});

export type AdminProfileExtras = z.output<typeof adminProfileSchema>;

/** 400 with one French sentence per problem, like any other registration field. */
export function parseProfileExtras(input: Record<string, unknown>): AdminProfileExtras {
  const given = Object.fromEntries(Object.keys(adminProfileSchema.shape).filter((k) => input[k] !== undefined && input[k] !== null).map((k) => [k, input[k]]));
  return parseInput(adminProfileSchema, given);
}
