import type { ShopProfileRow } from './shop.repository';

/** A shop as residents see it in GET /api/shops: no credentials, no sync internals. */
export interface PublicShop {
  id: string;
  slug: string;
  name: string;
  commune: string;
  address: string;
  postalCode: string;
  website: string | null;
  platform: string;
  productCount: number;
  lastSyncedAt: string | null;
  lat: number;
  lng: number;
}

/** GET /api/shops/{slug}: the listing fields plus when it last synced well and how often it syncs. */
export interface ShopDetails extends PublicShop {
  lastSuccessAt: string | null;
  syncIntervalMinutes: number;
  phone: string | null;
  description: string | null;
  /** { "lundi": [["09:00","12:30"], …], … }; an absent day is closed. */
  openingHours: unknown;
  pickupPolicy: string | null;
  /** { "communes": […], "fee": 5, "delay": "sous 24 h" } */
  localDelivery: unknown;
}

export function toPublicShop(row: ShopProfileRow): PublicShop {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    commune: row.communeName,
    address: row.address,
    postalCode: row.postalCode,
    website: row.website,
    platform: row.platform,
    productCount: row.productCount,
    lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null,
    lat: row.lat,
    lng: row.lng,
  };
}

export function toShopDetails(row: ShopProfileRow): ShopDetails {
  return {
    ...toPublicShop(row),
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    syncIntervalMinutes: row.syncIntervalMinutes,
    phone: row.phone,
    description: row.description,
    openingHours: row.openingHours ?? null,
    pickupPolicy: row.pickupPolicy,
    localDelivery: row.localDelivery ?? null,
  };
}
