import { ConnectorError, ERROR_KINDS, isConnectorError } from '../core/errors';

/** Resources the connector reads; the key needs "Voir (GET)" on each of them. */
export const REQUIRED_RESOURCES = [
  'products',
  'combinations',
  'stock_availables',
  'languages',
  'categories',
  'taxes',
  'tax_rules',
  'tax_rule_groups',
  'countries',
  'product_options',
  'product_option_values',
] as const;

const WEBSERVICE_MENU = 'Paramètres avancés > Webservice';

/** The shopkeeper's sentence for a failure, in the words of their PrestaShop back office. */
export function prestashopDiagnosis(e: unknown): { diagnosis: string; errorKind: string } {
  if (!isConnectorError(e)) {
    return { errorKind: 'bad_format', diagnosis: `${ERROR_KINDS.bad_format.explanation} ${ERROR_KINDS.bad_format.fix}` };
  }
  return { errorKind: e.kind, diagnosis: sentence(e) };
}

function sentence(e: ConnectorError): string {
  const body = e.extra.bodySnippet ?? '';
  switch (e.kind) {
    case 'invalid_source':
      return `L'adresse de la boutique ou la clé du webservice est manquante ou invalide. Créez une clé dans ${WEBSERVICE_MENU} et collez-la avec l'adresse de votre boutique.`;
    case 'auth_refused':
      return `PrestaShop refuse la clé d'accès au webservice (clé inconnue, désactivée ou sans droits de lecture). Dans ${WEBSERVICE_MENU}, vérifiez que le webservice est activé et que la clé est active, puis copiez-la à nouveau.`;
    case 'not_found':
      return `L'adresse du webservice (/api/) est introuvable. Vérifiez l'adresse de la boutique, activez le webservice dans ${WEBSERVICE_MENU} et vérifiez que la réécriture d'URL (URL simplifiées) est active.`;
    case 'server_error':
      if (/webservice is disabled/i.test(body)) {
        return `Le webservice de votre boutique est désactivé. Activez-le dans ${WEBSERVICE_MENU}, puis réessayez.`;
      }
      return e.diagnosis;
    case 'bad_format':
      return `La boutique a renvoyé une page web au lieu des données du webservice (boutique en maintenance, pare-feu ou adresse incorrecte). Vérifiez que l'adresse est celle de la boutique PrestaShop et qu'elle n'est pas en maintenance.`;
    default:
      return e.diagnosis;
  }
}

export function missingPermissionsDiagnosis(missing: string[]): string {
  return (
    `La clé du webservice ne permet pas de lire : ${missing.join(', ')}. ` +
    `Dans ${WEBSERVICE_MENU}, modifiez la clé et cochez « Voir (GET) » pour ces ressources, puis réessayez.`
  );
}
