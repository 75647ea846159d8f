import type { DirectoryShop } from '../shops/shop-directory.service';
import { distanceKm } from './geo';

export interface ScopedShop {
  shop: DirectoryShop;
  /** From the resident's position, when one was given. */
  km?: number;
}

/**
 * The shops whose products a search may show: visible ones (approved and recently synced),
 * within the radius when one is given; nearest first when a position is given.
 *
 * The search then filters on `shop.id IN [these]` rather than `NOT IN [hidden]`: a product
 * whose shop is not in the table at all (deleted while its documents linger) must not show
 * either, and an allow-list is the only filter that excludes what we do not know about.
 * Shops are few (hundreds), so the list stays small.
 */
export function scopeShops(shops: readonly DirectoryShop[], origin?: { lat: number; lng: number }, radiusKm?: number): ScopedShop[] {
  const visible = shops.filter((s) => s.visible);
  if (!origin) return visible.map((shop) => ({ shop }));
  const located = visible.map((shop) => ({ shop, km: distanceKm(origin.lat, origin.lng, shop.lat, shop.lng) }));
  const inRadius = radiusKm === undefined ? located : located.filter((s) => s.km <= radiusKm);
  return inRadius.sort((a, b) => a.km - b.km || (a.shop.id < b.shop.id ? -1 : a.shop.id > b.shop.id ? 1 : 0));
}
