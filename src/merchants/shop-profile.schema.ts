import { z } from 'zod';
import { PLATFORMS } from '../shops/shop-input.schema';
import { openingHoursSchema } from './opening-hours.schema';
import { normalizeSiret } from './siret';

const required = (what: string) => (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? 'champ obligatoire.' : `${what} attendu.`);

const text = (max: number) =>
  z
    .string({ error: required('texte') })
    .trim()
    .min(1, 'ne peut pas être vide.')
    .max(max, `${max} caractères au plus.`);

/** Plain text: markup would be shown to residents as is, so it is refused rather than guessed at. */
const plainText = (max: number) => text(max).refine((v) => !/<\/?[a-z!][^>]*>/i.test(v), 'texte simple attendu, sans balises HTML.');

const httpUrl = z
  .string({ error: required('adresse web') })
  .trim()
  .max(2000, '2000 caractères au plus.')
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'adresse http:// ou https:// attendue.');

const coordinate = (min: number, max: number) =>
  z
    .number({ error: required('nombre') })
    .min(min, `doit être compris entre ${min} et ${max}.`)
    .max(max, `doit être compris entre ${min} et ${max}.`);

export const SIRET_INVALID = 'SIRET invalide : 14 chiffres attendus, dont le dernier est une clé de contrôle (voir votre extrait Kbis ou votre avis de situation INSEE).';

const siret = z
  .string({ error: required('texte') })
  .transform((v, ctx) => {
    const digits = normalizeSiret(v);
    if (!digits) {
      ctx.addIssue({ code: 'custom', message: SIRET_INVALID });
      return z.NEVER;
    }
    return digits;
  });

/** A French number, stored as "04 78 12 34 56"; +33 and 0033 are accepted. */
const phone = z
  .string({ error: required('texte') })
  .transform((v, ctx) => {
    const compact = v.replace(/[\s.\-()]/g, '');
    const match = /^(?:0|\+33|0033)([1-9]\d{8})$/.exec(compact);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: 'numéro de téléphone français attendu (par exemple 04 78 12 34 56).' });
      return z.NEVER;
    }
    return `0${match[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
  });

export const localDeliverySchema = z.object(
  {
    communes: z.array(text(100), { error: 'liste de communes attendue.' }).min(1, 'au moins une commune desservie.').max(100, '100 communes au plus.'),
    fee: z
      .number({ error: required('montant en euros') })
      .min(0, 'montant positif ou nul attendu.')
      .max(1000, '1000 € au plus.')
      .refine((v) => Math.round(v * 100) === v * 100 || Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'deux décimales au plus.'),
    delay: plainText(100),
  },
  { error: 'objet {communes, fee, delay} attendu.' },
);

export type LocalDeliveryInput = z.output<typeof localDeliverySchema>;

const profileFields = {
  name: text(120),
  siret,
  address: text(200),
  postalCode: z
    .string({ error: required('texte') })
    .trim()
    .regex(/^\d{5}$/, 'code postal à 5 chiffres attendu.'),
  commune: text(100),
  lat: coordinate(-90, 90),
  lng: coordinate(-180, 180),
  website: httpUrl,
  phone,
  description: plainText(500),
  openingHours: openingHoursSchema,
  pickupPolicy: plainText(300),
  localDelivery: localDeliverySchema,
};

const pairs = (input: { lat?: unknown; lng?: unknown; commune?: unknown; postalCode?: unknown }, ctx: z.RefinementCtx) => {
  if ((input.lat === undefined) !== (input.lng === undefined)) {
    ctx.addIssue({ code: 'custom', path: [input.lat === undefined ? 'lat' : 'lng'], message: 'lat et lng vont ensemble : indiquez les deux ou aucun.' });
  }
};

/**
 * A merchant's new shop. The store itself (platform, sourceUrl) is required for now because
 * the shops table needs it; the connection flow replaces it later with what it detects.
 */
export const createMerchantShopSchema = z
  .object(
    {
      ...profileFields,
      website: httpUrl.optional(),
      phone: phone.optional(),
      description: plainText(500).optional(),
      openingHours: openingHoursSchema.optional(),
      pickupPolicy: plainText(300).optional(),
      localDelivery: localDeliverySchema.optional(),
      lat: profileFields.lat.optional(),
      lng: profileFields.lng.optional(),
      platform: z.enum(PLATFORMS, { error: `valeur attendue parmi ${PLATFORMS.join(', ')}.` }),
      sourceUrl: httpUrl,
    },
    { error: 'le corps de la requête doit être un objet JSON.' },
  )
  .superRefine(pairs);

export type CreateMerchantShopInput = z.output<typeof createMerchantShopSchema>;

/** A profile edit: any subset of fields; optional ones are cleared with null. */
export const updateMerchantShopSchema = z
  .strictObject(
    {
      // A form posts its CSRF token with the fields.
      _csrf: z.unknown().optional(),
      name: profileFields.name.optional(),
      siret: profileFields.siret.optional(),
      address: profileFields.address.optional(),
      postalCode: profileFields.postalCode.optional(),
      commune: profileFields.commune.optional(),
      lat: profileFields.lat.nullable().optional(),
      lng: profileFields.lng.nullable().optional(),
      website: httpUrl.nullable().optional(),
      phone: phone.nullable().optional(),
      description: plainText(500).nullable().optional(),
      openingHours: openingHoursSchema.nullable().optional(),
      pickupPolicy: plainText(300).nullable().optional(),
      localDelivery: localDeliverySchema.nullable().optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `champ(s) non modifiable(s) ici : ${issue.keys.join(', ')}.` : 'le corps de la requête doit être un objet JSON.',
    },
  )
  .transform(({ _csrf, ...fields }) => fields)
  .superRefine((input, ctx) => {
    pairs(input, ctx);
    if ((input.commune === undefined) !== (input.postalCode === undefined)) {
      ctx.addIssue({ code: 'custom', path: [input.commune === undefined ? 'commune' : 'postalCode'], message: 'commune et code postal vont ensemble : indiquez les deux.' });
    }
    if (Object.values(input).every((v) => v === undefined)) ctx.addIssue({ code: 'custom', message: 'aucun champ à modifier.' });
  });

export type UpdateMerchantShopInput = z.output<typeof updateMerchantShopSchema>;
