import type { DirectoryShop } from '../shops/shop-directory.service';
import { EngineHit, toProductHit } from './product-hit';

const shop: DirectoryShop = {
  id: 'shop-1',
  slug: 'fromagerie-du-marche',
  name: 'Fromagerie du Marché',
  commune: 'Villeurbanne',
  lat: 45.77,
  lng: 4.88,
  visible: true,
  lastSuccessAt: new Date('2026-11-26T11:00:00Z'),
};

const doc: EngineHit = {
  id: 'shop-1-42',
  title: 'Comté 18 mois',
  description: 'Affiné en Jura',
  price: 6.5,
  compareAtPrice: null,
  currency: 'EUR',
  inStock: true,
  imageUrl: null,
  productUrl: 'https://fromagerie.example/comte',
  category: 'Fromages',
  brand: null,
  updatedAt: 1_764_000_000,
  shop: { id: 'shop-1' },
  _formatted: { title: '\u0001Comté\u0002 18 mois' },
};

describe('toProductHit', () => {
  const now = new Date('2026-11-26T12:00:00Z');

  it('takes the shop card from the directory, the product from the engine', () => {
    const hit = toProductHit(doc, { shops: (id) => (id === shop.id ? shop : undefined), now, origin: { lat: 45.77, lng: 4.88 } });
    expect(hit).toMatchObject({
      id: 'shop-1-42',
      url: '/go/shop-1-42',
      shop: { id: 'shop-1', slug: 'fromagerie-du-marche', name: 'Fromagerie du Marché', commune: 'Villeurbanne' },
      verifiedAt: '2026-11-26T11:00:00.000Z',
      verifiedAgo: 'il y a 1 h',
      distanceKm: 0,
      highlight: { title: '<mark>Comté</mark> 18 mois' },
    });
  });

  it('shows nothing of a product whose shop the search may not show', () => {
    expect(toProductHit(doc, { shops: () => undefined, now })).toBeUndefined();
  });
});
