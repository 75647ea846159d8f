import { z } from 'zod';

export const PLATFORMS = ['shopify', 'woocommerce', 'prestashop', 'feed'] as const;
export type ShopPlatform = (typeof PLATFORMS)[number];

export const MODERATION_STATUSES = ['approved', 'suspended', 'rejected'] as const;

/** Messages name no value: credentials must never be echoed back, even when wrong. */
const required = (what: string) => (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? 'champ obligatoire.' : `${what} attendu.`);

const text = (max: number) =>
  z
    .string({ error: required('texte') })
    .trim()
    .min(1, 'ne peut pas être vide.')
    .max(max, `${max} caractères au plus.`);

const httpUrl = z
  .string({ error: required('adresse web') })
  .trim()
  .max(2000, '2000 caractères au plus.')
  .refine(isHttpUrl, 'adresse http:// ou https:// attendue.');

const coordinate = (min: number, max: number) =>
  z
    .number({ error: required('nombre') })
    .min(min, `doit être compris entre ${min} et ${max}.`)
    .max(max, `doit être compris entre ${min} et ${max}.`);

const secret = z.string({ error: required('texte') }).trim().min(1, 'ne peut pas être vide.').max(2000, '2000 caractères au plus.');

/** Credentials each platform accepts; unknown keys are refused so that a typo is not silently dropped. */
const credentialSchemas = {
  woocommerce: z.strictObject({ consumerKey: secret.optional(), consumerSecret: secret.optional() }, { error: 'objet attendu.' }),
  prestashop: z.strictObject({ apiKey: secret }, { error: 'objet attendu.' }),
  shopify: z.strictObject({ accessToken: secret.optional() }, { error: 'objet attendu.' }),
} as const;

export const createShopSchema = z
  .object(
    {
      name: text(120),
      address: text(200),
      postalCode: z
        .string({ error: required('texte') })
        .trim()
        .regex(/^\d{5}$/, 'code postal à 5 chiffres attendu.'),
      commune: text(100),
      website: httpUrl,
      platform: z.enum(PLATFORMS, { error: `valeur attendue parmi ${PLATFORMS.join(', ')}.` }),
      sourceUrl: httpUrl,
      credentials: z.unknown().optional(),
      syncIntervalMinutes: z
        .number({ error: required('nombre') })
        .int('nombre entier de minutes attendu.')
        .min(5, 'entre 5 et 10080 minutes (une semaine).')
        .max(10080, 'entre 5 et 10080 minutes (une semaine).')
        .optional(),
      lat: coordinate(-90, 90).optional(),
      lng: coordinate(-180, 180).optional(),
      // Profile fields, checked by the registration with a merchant profile's rules (shop-profile-extras.ts).
      openingHours: z.unknown().optional(),
      pickupPolicy: z.unknown().optional(),
      localDelivery: z.unknown().optional(),
      phone: z.unknown().optional(),
      description: z.unknown().optional(),
    },
    { error: 'le corps de la requête doit être un objet JSON.' },
  )
  .transform((input, ctx) => {
    if ((input.lat === undefined) !== (input.lng === undefined)) {
      const missing = input.lat === undefined ? 'lat' : 'lng';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'lat et lng vont ensemble : indiquez les deux ou aucun.' });
    }
    const credentials = parseCredentials(input.platform, input.credentials, ctx);
    const { credentials: _raw, ...rest } = input;
    return { ...rest, credentials };
  });

export type CreateShopInput = z.output<typeof createShopSchema>;

export const shopStatusSchema = z.object(
  {
    status: z.enum(MODERATION_STATUSES, { error: `valeur attendue parmi ${MODERATION_STATUSES.join(', ')}.` }),
    reason: z.string({ error: 'texte attendu.' }).trim().max(500, '500 caractères au plus.').optional(),
  },
  { error: 'le corps de la requête doit être un objet JSON.' },
);

export type ShopStatusInput = z.output<typeof shopStatusSchema>;

/**
 * Checks the credentials against the platform and keeps only non-empty ones; returns
 * undefined when the shop is read without credentials (public Store API, storefront, feed).
 */
function parseCredentials(platform: ShopPlatform, raw: unknown, ctx: z.RefinementCtx): Record<string, string> | undefined {
  const empty = raw === undefined || raw === null || (isPlainObject(raw) && Object.keys(raw).length === 0);
  if (platform === 'feed') {
    if (!empty) ctx.addIssue({ code: 'custom', path: ['credentials'], message: "un flux produits se lit sans identifiants : retirez-les." });
    return undefined;
  }
  if (platform === 'prestashop' && empty) {
    ctx.addIssue({ code: 'custom', path: ['credentials', 'apiKey'], message: 'clé du webservice PrestaShop obligatoire.' });
    return undefined;
  }
  if (empty) return undefined;
  const parsed = credentialSchemas[platform].safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const message = issue.code === 'unrecognized_keys' ? `clé(s) inconnue(s) pour ${platform} : ${issue.keys.join(', ')}.` : issue.message;
      ctx.addIssue({ code: 'custom', path: ['credentials', ...issue.path.map(String)], message });
    }
    return undefined;
  }
  const values = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Record<string, string>;
  if (platform === 'woocommerce' && Object.keys(values).length === 1) {
    const missing = values.consumerKey ? 'consumerSecret' : 'consumerKey';
    ctx.addIssue({ code: 'custom', path: ['credentials', missing], message: 'consumerKey et consumerSecret vont ensemble : indiquez les deux ou aucun.' });
    return undefined;
  }
  return Object.keys(values).length ? values : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
