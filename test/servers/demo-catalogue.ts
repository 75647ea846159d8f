/**
 * Platform-neutral products for the local shop servers (tests and `npm run demo`).
 * Each platform server renders these in its own wire format.
 */
export interface DemoProduct {
  id: number;
  handle: string;
  title: string;
  /** HTML, as merchants write it. */
  descriptionHtml: string;
  /** Euros, tax included. */
  price: number;
  compareAtPrice?: number;
  inStock: boolean;
  quantity: number;
  category: string;
  brand: string;
  gtin?: string;
  tags: string[];
  imagePath: string;
  /** Unpublished / draft / hidden products must never be imported. */
  published: boolean;
  updatedAt: string;
  variants: DemoVariant[];
}

export interface DemoVariant {
  id: number;
  options: Record<string, string>;
  price: number;
  inStock: boolean;
  quantity: number;
  sku: string;
}

const FAMILIES: Array<{ category: string; brand: string; items: string[]; price: [number, number]; options?: Record<string, string[]> }> = [
  { category: 'Boulangerie', brand: 'Fournil de la Croix-Rousse', items: ['Baguette tradition', 'Pain de campagne', 'Croissant pur beurre', 'Brioche aux pralines', 'Pain au levain', 'Fougasse aux olives', 'Tarte aux pralines', 'Pain complet'], price: [1.2, 18] },
  { category: 'Épicerie fine', brand: 'Maison Bonnard', items: ['Huile d’olive vierge extra', 'Moutarde à l’ancienne', 'Confiture d’abricots', 'Miel de châtaignier', 'Café moulu de Colombie', 'Thé vert au jasmin', 'Chocolat noir 70 %', 'Sel de Guérande'], price: [3.5, 29] },
  { category: 'Fromagerie', brand: 'Crèmerie des Halles', items: ['Saint-Marcellin', 'Comté 18 mois', 'Cervelle de canut', 'Tomme de Savoie', 'Bleu de Gex', 'Rigotte de Condrieu'], price: [2.9, 35] },
  { category: 'Librairie', brand: 'Éditions du Rhône', items: ['Roman policier lyonnais', 'Guide des traboules', 'Bande dessinée Guignol', 'Livre de cuisine des bouchons', 'Atlas des Monts d’Or'], price: [8, 45] },
  { category: 'Vêtements', brand: 'Atelier Canut', items: ['Écharpe en soie', 'Pull en laine mérinos', 'T-shirt coton bio', 'Veste en lin', 'Chaussettes rayées'], price: [12, 160], options: { Taille: ['S', 'M', 'L'], Couleur: ['Bleu', 'Rouge'] } },
  { category: 'Maison', brand: 'Faïencerie de Gerland', items: ['Bol en grès', 'Vase en céramique', 'Bougie parfumée', 'Torchon en lin', 'Théière en fonte'], price: [9, 89] },
  { category: 'Jouets', brand: 'Le Petit Guignol', items: ['Marionnette Guignol', 'Puzzle en bois', 'Jeu de société lyonnais', 'Peluche lion'], price: [7, 59] },
  { category: 'Vélo', brand: 'Cycles Part-Dieu', items: ['Chambre à air 700x25', 'Antivol en U', 'Éclairage LED rechargeable', 'Sacoche de vélo'], price: [6, 120] },
];

/** A small deterministic pseudo-random sequence, so catalogues are identical run after run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The product families a demo shop can sell (by category name). */
export const DEMO_CATEGORIES = FAMILIES.map((f) => f.category);

/**
 * `count` French products for one shop; about 10 % out of stock and 3 % unpublished.
 * `categories` narrows the shop to some trades (a bookshop sells books).
 */
export function demoCatalogue(count: number, seed = 1, categories?: string[]): DemoProduct[] {
  const rand = rng(seed);
  const families = categories ? FAMILIES.filter((f) => categories.includes(f.category)) : FAMILIES;
  if (families.length === 0) throw new Error(`No demo family among ${categories?.join(', ')}`);
  const products: DemoProduct[] = [];
  for (let i = 0; i < count; i++) {
    const family = families[Math.floor(rand() * families.length)];
    const name = family.items[Math.floor(rand() * family.items.length)];
    const id = seed * 100_000 + i + 1;
    const price = Math.round((family.price[0] + rand() * (family.price[1] - family.price[0])) * 100) / 100;
    const inStock = rand() > 0.1;
    const variants: DemoVariant[] = [];
    if (family.options) {
      let v = 0;
      for (const taille of family.options.Taille) {
        for (const couleur of family.options.Couleur) {
          variants.push({
            id: id * 10 + v,
            options: { Taille: taille, Couleur: couleur },
            price: Math.round((price + v * 2) * 100) / 100,
            inStock: inStock && rand() > 0.2,
            quantity: inStock ? Math.floor(rand() * 8) : 0,
            sku: `SKU-${id}-${v}`,
          });
          v++;
        }
      }
    }
    const title = `${name} n°${i + 1}`;
    products.push({
      id,
      handle: slugify(title),
      title,
      descriptionHtml: `<p><strong>${name}</strong> de la maison ${family.brand}, fait à Lyon.</p><ul><li>Qualité artisanale</li><li>Produit local &amp; de saison</li></ul>`,
      price,
      compareAtPrice: rand() > 0.85 ? Math.round(price * 1.2 * 100) / 100 : undefined,
      inStock,
      quantity: inStock ? 1 + Math.floor(rand() * 40) : 0,
      category: family.category,
      brand: family.brand,
      gtin: rand() > 0.5 ? String(3_000_000_000_000 + id) : undefined,
      tags: [family.category.toLowerCase(), 'lyon', 'local'],
      imagePath: `/images/${id}.jpg`,
      published: rand() > 0.03,
      updatedAt: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000).toISOString(),
      variants,
    });
  }
  return products;
}

export function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
