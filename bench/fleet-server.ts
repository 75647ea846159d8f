import { demoCatalogue } from '../test/servers/demo-catalogue';
import { startFeedServer } from '../test/servers/feed-server';
import { startWooCommerceServer } from '../test/servers/woocommerce-server';

/**
 * A fleet of local shops in a process of its own, so the benchmarked server's memory and
 * CPU figures are its own. Usage: node fleet-server.js <feed|woocommerce> <shops> <products>.
 * Prints one JSON line with the shop URLs when all are listening.
 */
async function main() {
  const [kind, shopsArg, productsArg] = process.argv.slice(2);
  const shops = Number(shopsArg);
  const products = Number(productsArg);
  const urls: string[] = [];
  for (let i = 0; i < shops; i++) {
    const catalogue = demoCatalogue(products, 1000 + i).map((p) => ({ ...p, published: true }));
    const server = kind === 'woocommerce' ? await startWooCommerceServer({ products: catalogue }) : await startFeedServer({ products: catalogue, format: 'csv' });
    urls.push(server.url);
  }
  process.stdout.write(JSON.stringify({ urls }) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
