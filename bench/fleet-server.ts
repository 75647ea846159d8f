import { demoCatalogue, DemoProduct } from '../test/servers/demo-catalogue';
import { startFeedServer } from '../test/servers/feed-server';
import { startWooCommerceServer } from '../test/servers/woocommerce-server';

/**
 * A fleet of local shops in a process of its own, so the benchmarked server's memory and
 * CPU figures are its own. Usage: node fleet-server.js <feed|woocommerce> <shops> <products> [short|realistic].
 * Prints one JSON line with the shop URLs when all are listening.
 *
 * "realistic" (the default) gives each product the few paragraphs a shop's product page
 * carries, so an indexed document weighs about 1.2 KB, like the products behind the
 * engine's reference figures in PERFORMANCE.md; "short" keeps the demo's one-line texts.
 */
async function main() {
  const [kind, shopsArg, productsArg, sizeArg = 'realistic'] = process.argv.slice(2);
  const shops = Number(shopsArg);
  const products = Number(productsArg);
  const urls: string[] = [];
  for (let i = 0; i < shops; i++) {
    const catalogue = demoCatalogue(products, 1000 + i).map((p) => ({ ...p, published: true, ...(sizeArg === 'realistic' ? { descriptionHtml: realisticDescription(p) } : {}) }));
    const server = kind === 'woocommerce' ? await startWooCommerceServer({ products: catalogue }) : await startFeedServer({ products: catalogue, format: 'csv' });
    urls.push(server.url);
  }
  process.stdout.write(JSON.stringify({ urls }) + '\n');
}

const ORIGINS = [
  'Fabriqué dans notre atelier des pentes de la Croix-Rousse, à partir de matières premières choisies chez des producteurs de la région.',
  'Conçu et préparé à Lyon en petites séries, selon un savoir-faire transmis depuis trois générations dans la maison.',
  'Sélectionné avec soin auprès d’artisans du Beaujolais et des Monts du Lyonnais, que nous connaissons personnellement.',
];
const CARE = [
  'À conserver dans un endroit sec et tempéré, à l’abri de la lumière. Une fois ouvert, à consommer ou à utiliser dans les semaines qui suivent.',
  'Entretien simple : un lavage doux à 30 °C, un séchage à plat et un repassage à basse température suffisent pour le garder longtemps.',
  'Chaque pièce étant unique, de légères différences de teinte ou de forme avec la photo sont possibles et font tout son charme.',
];
const SHOP = [
  'Disponible en boutique du mardi au samedi ; retrait possible le jour même pour toute réservation faite avant midi.',
  'Nos conseillers vous accueillent en magasin pour vous aider à choisir, et nous pouvons préparer un paquet cadeau sur demande.',
  'Livraison à vélo dans les arrondissements de Lyon et à Villeurbanne sous 48 heures, ou retrait gratuit au comptoir.',
];

function realisticDescription(p: DemoProduct): string {
  const pick = (list: string[], salt: number) => list[(p.id + salt) % list.length];
  return `${p.descriptionHtml}<p>${pick(ORIGINS, 0)} ${pick(ORIGINS, 1)}</p><p>${pick(CARE, 2)}</p><p>${pick(SHOP, 3)}</p>`;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
