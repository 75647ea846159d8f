import type { DirectoryShop } from '../shops/shop-directory.service';
import { distanceKm } from './geo';
import { scopeShops } from './search-scope';

const shop = (id: string, lat: number, lng: number, visible = true): DirectoryShop => ({
  id, slug: id, name: id, commune: 'Lyon', lat, lng, visible, lastSuccessAt: new Date(),
});

describe('scopeShops', () => {
  const bellecour = { lat: 45.7578, lng: 4.832 };
  const shops = [
    shop('givors', 45.5906, 4.7689),
    shop('croix-rousse', 45.7772, 4.8302),
    shop('hidden', 45.758, 4.8321, false),
    shop('part-dieu', 45.7605, 4.8597),
  ];

  it('keeps visible shops only', () => {
    expect(scopeShops(shops).map((s) => s.shop.id)).toEqual(['givors', 'croix-rousse', 'part-dieu']);
  });

  it('orders by distance and applies the radius', () => {
    expect(scopeShops(shops, bellecour).map((s) => s.shop.id)).toEqual(['croix-rousse', 'part-dieu', 'givors']);
    expect(scopeShops(shops, bellecour, 3).map((s) => s.shop.id)).toEqual(['croix-rousse', 'part-dieu']);
  });

  it('measures real distances', () => {
    // Bellecour to Givors is about 19 km as the crow flies.
    expect(distanceKm(bellecour.lat, bellecour.lng, 45.5906, 4.7689)).toBeGreaterThan(18);
    expect(distanceKm(bellecour.lat, bellecour.lng, 45.5906, 4.7689)).toBeLessThan(20);
  });
});
