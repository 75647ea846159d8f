import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
    if (kind === 'woocommerce') {
      urls.push((await startWooCommerceServer({ products: catalogue })).url);
    } else {
      const feed = await startFeedServer({ products: catalogue, format: 'csv' });
      urls.push(await serveStatically(feed.url));
    }
  }
  process.stdout.write(JSON.stringify({ urls }) + '\n');
}

/**
 * A merchant's feed is a file their web server sends as is: the test server renders it on
 * every request (about 60 ms of CPU for 1,000 products), so the fleet renders each feed
 * once and serves the bytes, with the same validators for conditional GETs.
 */
async function serveStatically(feedUrl: string): Promise<string> {
  const body = Buffer.from(await (await fetch(feedUrl)).arrayBuffer());
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  const lastModified = new Date().toUTCString();
  const path = new URL(feedUrl).pathname;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://x').pathname !== path) return void res.writeHead(404).end();
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag, 'Last-Modified': lastModified }).end();
    res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Length': body.length, ETag: etag, 'Last-Modified': lastModified }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
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
