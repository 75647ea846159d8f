import { ConflictException, Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import { AuditLog, redactUrl } from '../audit/audit-log.service';
import { defaultIntervalMinutes } from '../sync/sync-policy';
import { CredentialsCipher } from './credentials.cipher';
import { ShopDirectory } from './shop-directory.service';
import type { CreateShopInput } from './shop-input.schema';
import { parseProfileExtras } from './shop-profile-extras';
import { firstFreeSlug, slugify } from './shop-slug';
import { isUniqueViolation, ShopRepository } from './shop.repository';
import { Territory } from './territory/territory';

const SLUG_ATTEMPTS = 10;

/** Registers a shop an admin vouches for: approved at once and queued for its first sync. */
@Injectable()
export class ShopRegistration {
  private readonly logger = new Logger('Shops');

  constructor(
    private readonly shops: ShopRepository,
    private readonly territory: Territory,
    private readonly cipher: CredentialsCipher,
    private readonly directory: ShopDirectory,
    private readonly audit: AuditLog,
  ) {}

  async register(input: CreateShopInput): Promise<{ id: string; slug: string; status: string }> {
    const { openingHours, pickupPolicy, localDelivery, phone, description } = input;
    const profile = parseProfileExtras({ openingHours, pickupPolicy, localDelivery, phone, description });
    const place = this.locate(input);
    const row = {
      ...profile,
      name: input.name,
      address: input.address,
      postalCode: input.postalCode,
      ...place,
      website: input.website,
      platform: input.platform,
      sourceUrl: input.sourceUrl,
      credentialsEncrypted: input.credentials ? this.cipher.seal(input.credentials) : null,
      syncIntervalMinutes: input.syncIntervalMinutes ?? defaultIntervalMinutes(input.platform),
      // Due now: the scheduler's next tick picks it up.
      nextSyncAt: new Date(),
    };
    const shop = await this.withFreeSlug(input.name, (slug) => this.shops.create({ ...row, slug }));
    this.logger.log(`Shop "${shop.slug}" registered (${input.platform}, ${place.communeName}${input.credentials ? ', with credentials' : ''})`);
    await this.audit.record('admin', 'shop.created', shop.id, {
      name: input.name,
      commune: place.communeName,
      platform: input.platform,
      sourceUrl: redactUrl(input.sourceUrl),
      withStoreLogin: !!input.credentials,
    });
    return shop;
  }

  /**
   * The territory check and the shop's position, shared by admin and merchant
   * registrations: 422 saying why when the commune cannot host a shop.
   */
  locate(input: { commune: string; postalCode: string; lat?: number; lng?: number }): { communeCode: string; communeName: string; lat: number; lng: number } {
    const resolved = this.territory.resolveCommune(input.commune, input.postalCode);
    if (!resolved.ok) throw new UnprocessableEntityException(resolved.message);
    const commune = resolved.commune;
    const position = input.lat !== undefined && input.lng !== undefined ? { lat: input.lat, lng: input.lng } : this.territory.centreOf(commune.code);
    if (!position) {
      throw new UnprocessableEntityException(`La position de la commune « ${commune.name} » est inconnue : indiquez lat et lng.`);
    }
    return { communeCode: commune.code, communeName: commune.name, lat: position.lat, lng: position.lng };
  }

  /**
   * Inserts under the first free slug for `name`. Two registrations of one name may both
   * see a slug free; the loser of the unique constraint simply looks again.
   */
  async withFreeSlug<T>(name: string, insert: (slug: string) => Promise<T>): Promise<T> {
    const base = slugify(name);
    for (let attempt = 1; attempt <= SLUG_ATTEMPTS; attempt++) {
      const slug = firstFreeSlug(base, await this.shops.slugsLike(base));
      try {
        const created = await insert(slug);
        this.directory.invalidate();
        return created;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
    throw new ConflictException(`Impossible de réserver une adresse pour « ${name} » : réessayez.`);
  }
}
