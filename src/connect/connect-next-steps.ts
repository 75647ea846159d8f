import type { Platform } from '../../connectors/core/connector';

export interface NextStep {
  /** Machine name of the step, for the merchant space page. */
  action: 'shopify-oauth' | 'shopify-storefront' | 'woocommerce-authorize' | 'prestashop-key' | 'feed' | 'choose-platform' | 'fix-address';
  /** For the merchant, in French. */
  message: string;
  /** The endpoint that performs the step. */
  endpoint: string | null;
  /** Other ways to connect the same shop. */
  alternatives: Array<{ message: string; endpoint: string }>;
}

/** After "Collez l'adresse de votre boutique": what to do next, in plain French. */
export function nextStepFor(platform: Platform | undefined, shopId: string, options: { shopifyApp: boolean; unreachable: boolean }): NextStep {
  const base = `/api/merchant/shops/${shopId}/connect`;
  const test = { message: 'Tester la connexion : voir les premiers produits avant d’enregistrer.', endpoint: `POST ${base}/test` };
  switch (platform) {
    case 'shopify':
      return options.shopifyApp
        ? {
            action: 'shopify-oauth',
            message: 'Installez l’application Vitrines sur votre boutique Shopify : Shopify vous demandera d’autoriser la lecture seule de vos produits et de vos stocks.',
            endpoint: `POST ${base}/shopify`,
            alternatives: [{ message: 'Ou connectez seulement le catalogue public de la boutique (sans les stocks exacts).', endpoint: `POST ${base}/shopify/storefront` }, test],
          }
        : {
            action: 'shopify-storefront',
            message: 'Connectez le catalogue public de votre boutique Shopify : aucun identifiant n’est nécessaire.',
            endpoint: `POST ${base}/shopify`,
            alternatives: [test],
          };
    case 'woocommerce':
      return {
        action: 'woocommerce-authorize',
        message: 'Autorisez Vitrines sur votre boutique WooCommerce : vous serez redirigé vers votre site pour accepter un accès en lecture seule, sans rien recopier.',
        endpoint: `POST ${base}/woocommerce`,
        alternatives: [
          { message: 'Ou saisissez des clés API REST en lecture seule (WooCommerce > Réglages > Avancé > API REST).', endpoint: `POST ${base}/woocommerce/keys` },
          { message: 'Ou connectez seulement le catalogue public de la boutique, sans clés.', endpoint: `POST ${base}/woocommerce/store-api` },
          test,
        ],
      };
    case 'prestashop':
      return {
        action: 'prestashop-key',
        message: 'Créez une clé de webservice en lecture seule dans votre back-office PrestaShop, en suivant les étapes indiquées, puis collez-la ici.',
        endpoint: `POST ${base}/prestashop`,
        alternatives: [{ message: 'Les étapes et les cases à cocher', endpoint: `GET ${base}/prestashop/instructions` }, test],
      };
    case 'feed':
      return { action: 'feed', message: 'Flux produits reconnu : confirmez pour qu’il soit relu à chaque synchronisation.', endpoint: `POST ${base}/feed`, alternatives: [test] };
    default:
      return options.unreachable
        ? { action: 'fix-address', message: 'Vérifiez l’adresse de la boutique, puis réessayez.', endpoint: `POST ${base}/detect`, alternatives: [] }
        : {
            action: 'choose-platform',
            message: 'Choisissez votre plateforme (Shopify, WooCommerce, PrestaShop) ou indiquez l’adresse d’un flux produits (CSV ou XML).',
            endpoint: null,
            alternatives: [
              { message: 'Shopify', endpoint: `POST ${base}/shopify` },
              { message: 'WooCommerce', endpoint: `POST ${base}/woocommerce` },
              { message: 'PrestaShop', endpoint: `GET ${base}/prestashop/instructions` },
              { message: 'Flux produits', endpoint: `POST ${base}/feed` },
            ],
          };
  }
}
