import { Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { AuditLog, redactUrl } from '../audit/audit-log.service';
import { ShopDirectory } from '../shops/shop-directory.service';
import { ShopRegistration } from '../shops/shop-registration.service';
import { normalizeCommuneName } from '../shops/territory/commune-name';
import { Territory } from '../shops/territory/territory';
import { defaultIntervalMinutes } from '../sync/sync-policy';
import { MerchantShopChanges, MerchantShopRepository, MerchantShopRow } from './merchant-shop.repository';
import { merchantShopView, MerchantShopView } from './merchant-shop-views';
import type { CreateMerchantShopInput, LocalDeliveryInput, UpdateMerchantShopInput } from './shop-profile.schema';
import { ShopOwnership } from './shop-ownership.service';

/** A merchant's shop profiles: registration (pending until approved), listing, edits. */
@Injectable()
export class MerchantShops {
  private readonly logger = new Logger('Merchants');

  constructor(
    private readonly shops: MerchantShopRepository,
    private readonly ownership: ShopOwnership,
    private readonly registration: ShopRegistration,
    private readonly territory: Territory,
    private readonly directory: ShopDirectory,
    private readonly audit: AuditLog,
  ) {}

  async create(merchantId: string, input: CreateMerchantShopInput): Promise<MerchantShopView> {
    // Same territory check and position rule as an admin registration (422 outside).
    const place = this.registration.locate(input);
    const localDelivery = input.localDelivery ? this.deliveryWithinTerritory(input.localDelivery) : undefined;
    const created = await this.registration.withFreeSlug(input.name, (slug) =>
      this.shops.createPending({
        slug,
        merchantId,
        name: input.name,
        siret: input.siret,
        address: input.address,
        postalCode: input.postalCode,
        ...place,
        website: input.website ?? null,
        phone: input.phone ?? null,
        description: input.description ?? null,
        openingHours: input.openingHours,
        pickupPolicy: input.pickupPolicy ?? null,
        localDelivery,
        platform: input.platform,
        sourceUrl: input.sourceUrl,
        syncIntervalMinutes: defaultIntervalMinutes(input.platform),
      }),
    );
    this.logger.log(`Shop "${created.slug}" registered by merchant ${merchantId}, pending approval`);
    await this.audit.record(`merchant:${merchantId}`, 'shop.created', created.id, {
      name: input.name,
      commune: place.communeName,
      platform: input.platform,
      sourceUrl: redactUrl(input.sourceUrl),
      status: 'pending',
    });
    return merchantShopView(await this.existing(created.id));
  }

  async list(merchantId: string): Promise<MerchantShopView[]> {
    return (await this.shops.listForMerchant(merchantId)).map(merchantShopView);
  }

  /** 404 unless the merchant owns it. */
  async get(merchantId: string, shopId: string): Promise<MerchantShopView> {
    return merchantShopView(await this.owned(merchantId, shopId));
  }

  async owned(merchantId: string, shopId: string): Promise<MerchantShopRow> {
    await this.ownership.assertOwns(merchantId, shopId);
    return this.existing(shopId.toLowerCase());
  }

  async update(merchantId: string, shopId: string, input: UpdateMerchantShopInput): Promise<MerchantShopView> {
    const current = await this.owned(merchantId, shopId);
    const changes: MerchantShopChanges = {};
    for (const key of ['name', 'siret', 'address', 'website', 'phone', 'description', 'pickupPolicy', 'openingHours'] as const) {
      if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key];
    }
    if (input.localDelivery !== undefined) changes.localDelivery = input.localDelivery === null ? null : this.deliveryWithinTerritory(input.localDelivery);
    const moved = input.commune !== undefined || input.lat !== undefined;
    if (moved) {
      // A new commune, or coordinates placed or removed (null: back to the commune centre).
      const place = this.registration.locate({
        commune: input.commune ?? current.communeName,
        postalCode: input.postalCode ?? current.postalCode,
        // A new commune without coordinates sits at its centre: the old point was elsewhere.
        ...(input.lat != null && input.lng != null ? { lat: input.lat, lng: input.lng } : {}),
      });
      Object.assign(changes, place, { postalCode: input.postalCode ?? current.postalCode });
    }
    // Residents see the name, commune and position on every product: re-read the shop soon.
    if (current.status === 'approved' && (changes.name !== undefined || moved)) changes.nextSyncAt = new Date();
    const updated = await this.shops.update(current.id, changes);
    this.directory.invalidate();
    await this.audit.record(`merchant:${merchantId}`, 'shop.updated', current.id, { fields: Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined) });
    return merchantShopView(updated);
  }

  /** The approval queue for admins: pending shops, oldest first, with their whole profile. */
  async pendingApprovals() {
    const rows = await this.shops.listPending();
    return rows.map((r) => ({ ...merchantShopView(r), merchantId: r.merchantId, merchantEmail: r.merchantEmail }));
  }

  private async existing(shopId: string): Promise<MerchantShopRow> {
    const row = await this.shops.find(shopId);
    if (!row) throw new NotFoundException('Boutique introuvable dans votre espace.');
    return row;
  }

  /** Delivered communes must be in the territory; stored under their official names. */
  private deliveryWithinTerritory(delivery: LocalDeliveryInput): { communes: string[]; fee: number; delay: string } {
    const communes: string[] = [];
    const unknown: string[] = [];
    for (const name of delivery.communes) {
      const official = this.officialCommune(name);
      if (official) {
        if (!communes.includes(official)) communes.push(official);
      } else unknown.push(name);
    }
    if (unknown.length) {
      throw new UnprocessableEntityException(`Livraison locale : ${unknown.map((n) => `« ${n} »`).join(', ')} ${unknown.length > 1 ? "ne sont pas des communes" : "n'est pas une commune"} du territoire (${this.territory.name}).`);
    }
    return { communes, fee: delivery.fee, delay: delivery.delay };
  }

  /** "lyon 3e", "Caluire et Cuire" → official name; arrondissements count as their city. */
  private officialCommune(name: string): string | null {
    const spelled = normalizeCommuneName(name);
    const city = /^(.+?) \d+(?:er|e|eme|ere)?(?: arrondissement| arr)?$/.exec(spelled)?.[1];
    for (const candidate of [spelled, city]) {
      if (!candidate) continue;
      const found = this.territory.communes.find((c) => normalizeCommuneName(c.name) === candidate);
      if (found) return found.name;
    }
    return null;
  }
}
