/**
 * Every failure a connector can meet, classified so that the sync engine acts on the
 * class (retry later, fail the run, ask the merchant) and the shopkeeper reads a cause
 * and a fix in plain French.
 */
export type ConnectorErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'auth_refused'
  | 'not_found'
  | 'rate_limited'
  | 'server_error'
  | 'bad_format'
  | 'blocked'
  | 'too_large'
  | 'pagination_loop'
  | 'forbidden_address'
  | 'invalid_source';

interface KindInfo {
  /** Worth retrying later without anyone acting. */
  retriable: boolean;
  /** Only the merchant can fix it (keys revoked, shop moved): stop scheduling until they act. */
  needsMerchant: boolean;
  explanation: string;
  fix: string;
}

export const ERROR_KINDS: Record<ConnectorErrorKind, KindInfo> = {
  unreachable: {
    retriable: true,
    needsMerchant: false,
    explanation: 'La boutique ne répond pas : le site est introuvable ou hors ligne.',
    fix: "Vérifiez l'adresse du site et qu'il s'ouvre dans un navigateur.",
  },
  timeout: {
    retriable: true,
    needsMerchant: false,
    explanation: 'La boutique a mis trop de temps à répondre.',
    fix: "Réessayez plus tard ; si cela dure, demandez à votre hébergeur si le site est surchargé.",
  },
  auth_refused: {
    retriable: false,
    needsMerchant: true,
    explanation: "La boutique refuse l'accès avec les identifiants fournis (clé révoquée, expirée ou sans les droits de lecture).",
    fix: "Créez une nouvelle clé d'accès en lecture seule et reconnectez votre boutique.",
  },
  not_found: {
    retriable: false,
    needsMerchant: true,
    explanation: "L'adresse du catalogue n'existe pas (404).",
    fix: "Vérifiez l'adresse de la boutique ou du flux, et que l'API de votre plateforme est activée.",
  },
  rate_limited: {
    retriable: true,
    needsMerchant: false,
    explanation: 'La boutique limite le nombre de requêtes et nous a demandé de patienter.',
    fix: 'Rien à faire : la lecture reprendra automatiquement plus tard.',
  },
  server_error: {
    retriable: true,
    needsMerchant: false,
    explanation: 'La boutique a renvoyé une erreur interne.',
    fix: "Réessayez plus tard ; si cela dure, contactez votre hébergeur.",
  },
  bad_format: {
    retriable: false,
    needsMerchant: false,
    explanation: "La réponse de la boutique n'a pas le format attendu.",
    fix: "Vérifiez que l'adresse mène bien à l'API ou au flux produits, et non à une page du site.",
  },
  blocked: {
    retriable: false,
    needsMerchant: true,
    explanation: 'Un pare-feu ou une extension de sécurité de la boutique bloque la lecture du catalogue.',
    fix: "Autorisez le robot « Vitrines » dans votre extension de sécurité (Wordfence, Cloudflare…) ou demandez-le à votre hébergeur.",
  },
  too_large: {
    retriable: false,
    needsMerchant: false,
    explanation: 'La réponse de la boutique dépasse la taille maximale acceptée.',
    fix: 'Réduisez le nombre de produits par page, ou découpez votre flux.',
  },
  pagination_loop: {
    retriable: false,
    needsMerchant: false,
    explanation: 'La boutique renvoie sans fin les mêmes pages de produits.',
    fix: "Vérifiez les extensions de cache de votre boutique, puis relancez la synchronisation.",
  },
  forbidden_address: {
    retriable: false,
    needsMerchant: true,
    explanation: "L'adresse indiquée pointe vers un réseau privé, inaccessible depuis Internet.",
    fix: "Indiquez l'adresse publique de votre boutique.",
  },
  invalid_source: {
    retriable: false,
    needsMerchant: true,
    explanation: "L'adresse ou les identifiants de la boutique sont incomplets ou invalides.",
    fix: "Vérifiez l'adresse et les identifiants saisis.",
  },
};

export class ConnectorError extends Error {
  readonly retriable: boolean;
  readonly needsMerchant: boolean;

  constructor(
    readonly kind: ConnectorErrorKind,
    /** Technical detail for logs and admins (never contains credentials). */
    detail: string,
    readonly extra: { status?: number; url?: string; retryAfterMs?: number; bodySnippet?: string } = {},
  ) {
    super(detail);
    this.name = 'ConnectorError';
    this.retriable = ERROR_KINDS[kind].retriable;
    this.needsMerchant = ERROR_KINDS[kind].needsMerchant;
  }

  /** The shopkeeper's sentence: what happened and what to do. */
  get diagnosis(): string {
    const info = ERROR_KINDS[this.kind];
    return `${info.explanation} ${info.fix}`;
  }
}

export function isConnectorError(e: unknown): e is ConnectorError {
  return e instanceof ConnectorError;
}
