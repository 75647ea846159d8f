import type { MerchantShopRow } from './merchant-shop.repository';

const STATUS_LABELS: Record<string, string> = {
  pending: "En attente de validation par l'équipe Vitrines",
  approved: 'En ligne',
  rejected: 'Refusée',
  suspended: 'Suspendue',
};

/** A shop as its merchant sees it: the whole profile, its status and why, never its credentials. */
export function merchantShopView(row: MerchantShopRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status] ?? row.status,
    /** The reason given with a rejection or suspension (or an approval note). */
    statusReason: row.statusReason,
    siret: row.siret,
    address: row.address,
    postalCode: row.postalCode,
    commune: row.communeName,
    lat: row.lat,
    lng: row.lng,
    website: row.website,
    phone: row.phone,
    description: row.description,
    openingHours: row.openingHours ?? {},
    pickupPolicy: row.pickupPolicy,
    localDelivery: row.localDelivery ?? null,
    platform: row.platform,
    sourceUrl: row.sourceUrl,
    hasCredentials: row.hasCredentials,
    productCount: row.productCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type MerchantShopView = ReturnType<typeof merchantShopView>;
