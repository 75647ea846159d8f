import { demoCatalogue } from '../../test/servers/demo-catalogue';
import { startFeedServer } from '../../test/servers/feed-server';
import { DEMO_PRESTASHOP_KEY, startPrestashopServer } from '../../test/servers/prestashop-server';
import { SHOPIFY_DEMO_TOKEN, startShopifyServer } from '../../test/servers/shopify-server';
import { startWooCommerceServer } from '../../test/servers/woocommerce-server';

/** One demo merchant: its local shop server and how an admin registers it. */
export interface DemoShop {
  registration: {
    name: string;
    address: string;
    postalCode: string;
    commune: string;
    website: string;
    platform: 'shopify' | 'woocommerce' | 'prestashop' | 'feed';
    sourceUrl: string;
    credentials?: Record<string, string>;
    /** The profile a merchant fills in; hours are Paris time, the gap between two ranges a break. */
    openingHours: Record<string, Array<[string, string]>>;
    pickupPolicy: string;
    localDelivery?: { communes: string[]; fee: number; delay: string };
    phone: string;
    description: string;
  };
  close(): Promise<void>;
}

/** The same hours on several days. */
function days(names: string[], ranges: Array<[string, string]>): Record<string, Array<[string, string]>> {
  return Object.fromEntries(names.map((d) => [d, ranges]));
}

const TUE_SAT = ['mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/**
 * The demo street: one shop per platform speaking its real wire format on loopback, at
 * fixed ports from `basePort` so a restarted demo finds the shops it registered before,
 * plus one shop whose server always fails, to show what a failing shop looks like.
 */
export async function startDemoShops(basePort: number): Promise<DemoShop[]> {
  const shopify = await startShopifyServer({ products: demoCatalogue(120, 1, ['Vêtements', 'Maison']), port: basePort });
  const woo = await startWooCommerceServer({ products: demoCatalogue(200, 2, ['Fromagerie', 'Épicerie fine']), port: basePort + 1 });
  const presta = await startPrestashopServer({ products: demoCatalogue(150, 3, ['Librairie', 'Jouets']), port: basePort + 2 });
  const feed = await startFeedServer({ products: demoCatalogue(80, 4, ['Boulangerie', 'Épicerie fine']), format: 'csv', delimiter: ';', decimalComma: true, port: basePort + 3 });
  const broken = await startWooCommerceServer({ products: demoCatalogue(30, 5, ['Vélo']), failOnPage: 1, port: basePort + 4 });
  return [
    {
      registration: {
        name: 'Atelier Canut',
        address: '14 boulevard de la Croix-Rousse',
        postalCode: '69004',
        commune: 'Lyon',
        website: shopify.url,
        platform: 'shopify',
        sourceUrl: shopify.url,
        credentials: { accessToken: SHOPIFY_DEMO_TOKEN },
        openingHours: days(TUE_SAT, [['10:00', '13:00'], ['14:00', '19:00']]),
        pickupPolicy: 'Retrait en boutique le jour même, du mardi au samedi',
        phone: '04 78 28 41 12',
        description: 'Soieries et vêtements tissés à la Croix-Rousse, dans l’atelier de la rue.',
      },
      close: () => shopify.close(),
    },
    {
      registration: {
        name: 'Crèmerie des Gratte-Ciel',
        address: '22 avenue Henri Barbusse',
        postalCode: '69100',
        commune: 'Villeurbanne',
        website: woo.url,
        platform: 'woocommerce',
        sourceUrl: woo.url,
        openingHours: {
          ...days(['mardi', 'mercredi', 'jeudi', 'vendredi'], [['08:30', '12:30'], ['15:30', '19:30']]),
          samedi: [['08:00', '13:00'], ['15:00', '19:00']],
          dimanche: [['08:30', '12:30']],
        },
        pickupPolicy: 'Retrait en boutique sous 2 h',
        localDelivery: { communes: ['Villeurbanne', 'Lyon', 'Vaulx-en-Velin'], fee: 4.5, delay: 'le jour même pour une commande passée avant 11 h' },
        phone: '04 78 84 56 20',
        description: 'Fromages affinés sur place, beurre à la motte et crèmerie du Lyonnais.',
      },
      close: () => woo.close(),
    },
    {
      registration: {
        name: 'Librairie du Vieux Lyon',
        address: '5 rue Saint-Jean',
        postalCode: '69005',
        commune: 'Lyon',
        website: presta.url,
        platform: 'prestashop',
        sourceUrl: presta.url,
        credentials: { apiKey: DEMO_PRESTASHOP_KEY },
        openingHours: { lundi: [['14:00', '19:00']], ...days(TUE_SAT, [['10:00', '19:00']]) },
        pickupPolicy: 'Livre réservé en ligne, retiré en librairie sous 24 h',
        phone: '04 78 37 19 05',
        description: 'Librairie générale du Vieux Lyon : romans, jeunesse et beaux livres sur la ville.',
      },
      close: () => presta.close(),
    },
    {
      registration: {
        name: 'Fournil de Caluire',
        address: '3 place Jules Ferry',
        postalCode: '69300',
        commune: 'Caluire-et-Cuire',
        website: feed.origin,
        platform: 'feed',
        sourceUrl: feed.url,
        openingHours: { ...days(TUE_SAT, [['07:00', '13:30'], ['15:30', '19:30']]), dimanche: [['07:00', '13:00']] },
        pickupPolicy: 'Commande retirée au fournil dès le lendemain 7 h',
        phone: '04 78 23 60 41',
        description: 'Pains au levain et viennoiseries cuits au feu de bois, place Jules Ferry.',
      },
      close: () => feed.close(),
    },
    {
      registration: {
        name: 'Cycles de Vénissieux',
        address: '8 avenue Jean Jaurès',
        postalCode: '69200',
        commune: 'Vénissieux',
        website: broken.url,
        platform: 'woocommerce',
        sourceUrl: broken.url,
        openingHours: { ...days(['mardi', 'mercredi', 'jeudi', 'vendredi'], [['09:30', '12:30'], ['14:00', '19:00']]), samedi: [['09:30', '18:00']] },
        pickupPolicy: 'Retrait à l’atelier sous 48 h',
        phone: '04 72 50 33 18',
        description: 'Vente et réparation de vélos, pièces et accessoires.',
      },
      close: () => broken.close(),
    },
  ];
}
