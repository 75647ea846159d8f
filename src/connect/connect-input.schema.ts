import { z } from 'zod';

/** Messages never echo a value: keys must not come back, even when wrong. */
const required = (what: string) => (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? 'champ obligatoire.' : `${what} attendu.`);

const secret = z.string({ error: required('texte') }).trim().min(1, 'ne peut pas être vide.').max(2000, '2000 caractères au plus.');

/**
 * A shop address as merchants paste it: the scheme may be missing (https is assumed).
 * Only http(s), no user:password@ part.
 */
export const shopUrl = z
  .string({ error: required('adresse web') })
  .trim()
  .min(1, 'ne peut pas être vide.')
  .max(2000, '2000 caractères au plus.')
  .transform((value, ctx) => {
    const normalized = normalizeShopUrl(value);
    if (!normalized) {
      ctx.addIssue({ code: 'custom', message: 'adresse de boutique invalide : indiquez par exemple https://www.ma-boutique.fr' });
      return z.NEVER;
    }
    return normalized;
  });

export function normalizeShopUrl(value: string): string | undefined {
  const raw = value.trim();
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (u.username || u.password || !u.hostname) return undefined;
  u.hash = '';
  return u.toString();
}

export const PLATFORM_VALUES = ['shopify', 'woocommerce', 'prestashop', 'feed'] as const;

export const detectSchema = z.strictObject({ url: shopUrl }, { error: 'objet attendu.' });
export const urlSchema = detectSchema;
export const shopifyStartSchema = z.strictObject({ shop: z.string({ error: required('adresse de boutique') }).trim().min(1, 'ne peut pas être vide.').max(300, '300 caractères au plus.') }, { error: 'objet attendu.' });

export const wooKeysSchema = z.strictObject(
  { url: shopUrl.optional(), consumerKey: secret, consumerSecret: secret },
  { error: 'objet attendu.' },
);
export const optionalUrlSchema = z.strictObject({ url: shopUrl.optional() }, { error: 'objet attendu.' });
export const prestashopSchema = z.strictObject({ url: shopUrl.optional(), apiKey: secret }, { error: 'objet attendu.' });

/** "Tester la connexion": the same credentials each platform accepts when connecting. */
export const testConnectionSchema = z.discriminatedUnion(
  'platform',
  [
    z.strictObject({ platform: z.literal('shopify'), url: shopUrl, credentials: z.strictObject({ accessToken: secret.optional() }, { error: 'objet attendu.' }).optional() }),
    z.strictObject({
      platform: z.literal('woocommerce'),
      url: shopUrl,
      credentials: z
        .strictObject({ consumerKey: secret.optional(), consumerSecret: secret.optional() }, { error: 'objet attendu.' })
        .refine((c) => !!c.consumerKey === !!c.consumerSecret, 'consumerKey et consumerSecret vont ensemble.')
        .optional(),
    }),
    z.strictObject({ platform: z.literal('prestashop'), url: shopUrl, credentials: z.strictObject({ apiKey: secret }, { error: 'objet attendu.' }) }),
    z.strictObject({ platform: z.literal('feed'), url: shopUrl }),
  ],
  { error: 'platform : shopify, woocommerce, prestashop ou feed attendu.' },
);
export type TestConnectionInput = z.output<typeof testConnectionSchema>;

/** What WooCommerce POSTs to the callback_url once the merchant approved (class WC_Auth::create_keys). */
export const wooCallbackSchema = z.object(
  {
    key_id: z.union([z.number(), z.string()]).optional(),
    user_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(200)),
    consumer_key: z.string().regex(/^ck_[A-Za-z0-9]{8,128}$/, 'clé consommateur WooCommerce attendue.'),
    consumer_secret: z.string().regex(/^cs_[A-Za-z0-9]{8,128}$/, 'secret consommateur WooCommerce attendu.'),
    key_permissions: z.string().max(40),
  },
  { error: 'objet attendu.' },
);
