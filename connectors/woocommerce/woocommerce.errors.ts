import { ConnectorError, ConnectorErrorKind, isConnectorError } from '../core/errors';

/**
 * A classified failure whose shopkeeper sentence is specific to WooCommerce (where the keys
 * live in the back office, what a stripped Authorization header means, …). The kind still
 * drives what the sync does; only the explanation changes.
 */
export class WooCommerceError extends ConnectorError {
  constructor(
    kind: ConnectorErrorKind,
    detail: string,
    private readonly frenchDiagnosis: string,
    extra: ConnectorError['extra'] = {},
  ) {
    super(kind, detail, extra);
  }

  override get diagnosis(): string {
    return this.frenchDiagnosis;
  }
}

const KEYS_PAGE = 'WooCommerce › Réglages › Avancé › API REST';

export const DIAGNOSIS = {
  secretInvalid:
    `La boutique reconnaît la clé API mais refuse son secret (« cs_… ») : il a été mal recopié ou la clé a été régénérée. ` +
    `Recopiez le secret exactement, ou créez une nouvelle clé en lecture seule dans ${KEYS_PAGE}, puis reconnectez votre boutique.`,
  noReadPermission:
    `La clé API fournie n'a pas le droit de lecture. Dans ${KEYS_PAGE}, donnez-lui les droits « Lecture » (ou créez une nouvelle clé en lecture seule), puis reconnectez votre boutique.`,
  keysRefused:
    `La boutique refuse les clés API fournies, envoyées dans l'en-tête « Authorization » puis dans l'adresse de la requête : ` +
    `elles sont incorrectes, révoquées ou appartiennent à une autre boutique. Créez une nouvelle clé en lecture seule dans ${KEYS_PAGE} et reconnectez votre boutique. ` +
    `Si vous êtes certain de vos clés, votre hébergeur supprime sans doute l'en-tête « Authorization » et filtre aussi les paramètres d'adresse : demandez-lui de transmettre cet en-tête à WordPress.`,
  headerStripped:
    `Votre hébergeur supprime l'en-tête « Authorization » des requêtes : la boutique ne reçoit pas les clés API par la voie normale. ` +
    `Vitrines les transmet donc dans l'adresse de chaque requête, ce qui fonctionne en HTTPS. Pour corriger durablement, demandez à votre hébergeur de transmettre l'en-tête ` +
    `« Authorization » à PHP (par exemple la ligne « SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1 » dans le fichier .htaccess).`,
  storeApiNotFound:
    `L'API publique de WooCommerce (Store API) est introuvable à cette adresse : le site n'est pas une boutique WooCommerce, sa version est trop ancienne, ` +
    `ou l'API REST de WordPress (/wp-json/) est désactivée. Vérifiez l'adresse de la boutique et mettez WooCommerce à jour, ou connectez-la avec une clé API en lecture.`,
  restApiNotFound:
    `L'API REST de WooCommerce (/wp-json/wc/v3/) est introuvable à cette adresse. Vérifiez l'adresse de la boutique, que WooCommerce est à jour ` +
    `et qu'aucune extension ne désactive l'API REST de WordPress.`,
  htmlInsteadOfJson:
    `La boutique a répondu par une page web (souvent la page de connexion WordPress) au lieu de la liste des produits : une extension de sécurité, ` +
    `de maintenance ou « site privé » bloque l'API REST (/wp-json/). Autorisez l'accès à /wp-json/wc/ dans cette extension, ou demandez-le à votre hébergeur.`,
  notAList:
    `La boutique a répondu, mais pas avec une liste de produits WooCommerce. Vérifiez que l'adresse est bien celle de la boutique (page d'accueil du site).`,
  incompleteKeys:
    `Les identifiants WooCommerce sont incomplets : il faut la clé client (« ck_… ») et le secret client (« cs_… »). Recopiez-les depuis ${KEYS_PAGE}.`,
  badAddress: `L'adresse de la boutique n'est pas une adresse web valide (elle doit commencer par https://). Vérifiez-la.`,
};

/** WordPress's REST errors are `{"code","message","data":{"status"}}`; the snippet may be cut. */
export function restErrorOf(e: unknown): { code?: string; message?: string } {
  const body = isConnectorError(e) ? e.extra.bodySnippet ?? '' : '';
  try {
    const parsed = JSON.parse(body) as { code?: unknown; message?: unknown };
    return { code: typeof parsed.code === 'string' ? parsed.code : undefined, message: typeof parsed.message === 'string' ? parsed.message : undefined };
  } catch {
    return { code: /"code"\s*:\s*"([^"]+)"/.exec(body)?.[1], message: /"message"\s*:\s*"([^"]+)"/.exec(body)?.[1] };
  }
}

/** Turns the generic classes into WooCommerce-specific sentences where we know better. */
export function explain(e: unknown, api: 'store' | 'rest'): unknown {
  if (!isConnectorError(e) || e instanceof WooCommerceError) return e;
  if (e.kind === 'not_found') return new WooCommerceError('not_found', e.message, api === 'store' ? DIAGNOSIS.storeApiNotFound : DIAGNOSIS.restApiNotFound, e.extra);
  if (e.kind === 'bad_format' && /^\s*</.test(e.extra.bodySnippet ?? '')) return new WooCommerceError('bad_format', e.message, DIAGNOSIS.htmlInsteadOfJson, e.extra);
  return e;
}
