import { randomUUID } from 'node:crypto';
import { htmlToText } from '../../connectors/core/text';
import type { NormalizedProduct } from '../../connectors/core/normalized-product';
import { ProductDocument, ShopSummary, toDocument } from '../../src/catalog/product-document';
import { DemoProduct, demoCatalogue, slugify } from '../../test/servers/demo-catalogue';

/** Communes of the Métropole de Lyon with real town-centre coordinates; weight = share of shops. */
export interface Commune {
  name: string;
  code: string;
  postalCode: string;
  lat: number;
  lng: number;
  weight: number;
}

export const COMMUNES: Commune[] = [
  { name: 'Lyon', code: '69123', postalCode: '69002', lat: 45.764, lng: 4.8357, weight: 40 },
  { name: 'Villeurbanne', code: '69266', postalCode: '69100', lat: 45.7719, lng: 4.8902, weight: 12 },
  { name: 'Vénissieux', code: '69259', postalCode: '69200', lat: 45.697, lng: 4.8868, weight: 7 },
  { name: 'Caluire-et-Cuire', code: '69034', postalCode: '69300', lat: 45.7953, lng: 4.8464, weight: 7 },
  { name: 'Bron', code: '69029', postalCode: '69500', lat: 45.7386, lng: 4.913, weight: 6 },
  { name: 'Vaulx-en-Velin', code: '69256', postalCode: '69120', lat: 45.7787, lng: 4.9218, weight: 6 },
  { name: 'Écully', code: '69081', postalCode: '69130', lat: 45.7745, lng: 4.7775, weight: 5 },
  { name: 'Tassin-la-Demi-Lune', code: '69244', postalCode: '69160', lat: 45.764, lng: 4.78, weight: 5 },
  { name: 'Saint-Fons', code: '69199', postalCode: '69190', lat: 45.7086, lng: 4.8533, weight: 5 },
  { name: 'Oullins-Pierre-Bénite', code: '69149', postalCode: '69600', lat: 45.7145, lng: 4.8077, weight: 7 },
];

export interface FixtureShop {
  id: string;
  slug: string;
  name: string;
  commune: Commune;
  lat: number;
  lng: number;
  /** Seed of its demo catalogue: every shop sells a different mix. */
  seed: number;
}

/** A small deterministic pseudo-random sequence: the same fixture and mix run after run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `count` shops spread over the communes by weight, each within ~1.5 km of its town centre. */
export function planShops(count: number): FixtureShop[] {
  const rand = rng(42);
  const totalWeight = COMMUNES.reduce((s, c) => s + c.weight, 0);
  const shops: FixtureShop[] = [];
  for (let i = 0; i < count; i++) {
    let pick = rand() * totalWeight;
    const commune = COMMUNES.find((c) => (pick -= c.weight) < 0) ?? COMMUNES[0];
    const name = `Boutique ${i + 1} de ${commune.name}`;
    shops.push({
      id: randomUUID(),
      slug: slugify(name),
      name,
      commune,
      lat: round5(commune.lat + (rand() - 0.5) * 0.027),
      lng: round5(commune.lng + (rand() - 0.5) * 0.038),
      seed: 1000 + i,
    });
  }
  return shops;
}

/** The shops table rows: approved and synced just now, so every shop is visible. */
export function shopRows(shops: FixtureShop[]) {
  const now = new Date();
  return shops.map((s) => ({
    id: s.id,
    slug: s.slug,
    name: s.name,
    address: '1 place de la Mairie',
    postalCode: s.commune.postalCode,
    communeCode: s.commune.code,
    communeName: s.commune.name,
    lat: s.lat,
    lng: s.lng,
    platform: 'feed' as const,
    sourceUrl: `https://${s.slug}.example/catalogue.csv`,
    status: 'approved' as const,
    syncIntervalMinutes: 360,
    nextSyncAt: new Date(now.getTime() + 24 * 3_600_000),
    lastSyncedAt: now,
    lastSuccessAt: now,
  }));
}

/** One shop's products as the sync would index them. */
export function shopDocuments(shop: FixtureShop, products: number): ProductDocument[] {
  const summary: ShopSummary = { id: shop.id, slug: shop.slug, name: shop.name, commune: shop.commune.name };
  const firstSeen = new Date();
  return demoCatalogue(products, shop.seed).map((p) => toDocument(normalize(p, shop.slug), summary, firstSeen));
}

/** What a connector makes of a demo product (the connectors themselves are not under test here). */
function normalize(p: DemoProduct, host: string): NormalizedProduct {
  const prices = p.variants.length ? p.variants.map((v) => v.price) : [p.price];
  return {
    externalId: String(p.id),
    title: p.title,
    description: plainText(p.descriptionHtml),
    price: p.price,
    compareAtPrice: p.compareAtPrice,
    currency: 'EUR',
    inStock: p.inStock,
    quantity: p.quantity,
    variants: p.variants.map((v) => ({
      externalId: String(v.id),
      title: Object.values(v.options).join(' / '),
      options: v.options,
      price: v.price,
      inStock: v.inStock,
      quantity: v.quantity,
      sku: v.sku,
    })),
    priceMin: Math.min(...prices),
    priceMax: Math.max(...prices),
    imageUrls: [`https://${host}.example${p.imagePath}`],
    productUrl: `https://${host}.example/produits/${p.handle}`,
    categoryPath: [p.category],
    brand: p.brand,
    gtin: p.gtin,
    tags: p.tags,
    sourceUpdatedAt: p.updatedAt,
  };
}

/** Descriptions repeat (one per item and brand): parse each once. */
const texts = new Map<string, string>();
function plainText(html: string): string {
  let text = texts.get(html);
  if (text === undefined) texts.set(html, (text = htmlToText(html)));
  return text;
}

function round5(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}
