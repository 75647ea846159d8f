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
  };
  close(): Promise<void>;
}

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
      },
      close: () => broken.close(),
    },
  ];
}
