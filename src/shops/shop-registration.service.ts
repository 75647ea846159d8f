import { ConflictException, Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import { defaultIntervalMinutes } from '../sync/sync-policy';
import { CredentialsCipher } from './credentials.cipher';
import { ShopDirectory } from './shop-directory.service';
import type { CreateShopInput } from './shop-input.schema';
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
  ) {}

  async register(input: CreateShopInput): Promise<{ id: string; slug: string; status: string }> {
    const resolved = this.territory.resolveCommune(input.commune, input.postalCode);
    if (!resolved.ok) throw new UnprocessableEntityException(resolved.message);
    const commune = resolved.commune;
    const position = input.lat !== undefined && input.lng !== undefined ? { lat: input.lat, lng: input.lng } : this.territory.centreOf(commune.code);
    if (!position) {
      throw new UnprocessableEntityException(`La position de la commune « ${commune.name} » est inconnue : indiquez lat et lng.`);
    }
    const base = slugify(input.name);
    const row = {
      name: input.name,
      address: input.address,
      postalCode: input.postalCode,
      communeCode: commune.code,
      communeName: commune.name,
      lat: position.lat,
      lng: position.lng,
      website: input.website,
      platform: input.platform,
      sourceUrl: input.sourceUrl,
      credentialsEncrypted: input.credentials ? this.cipher.seal(input.credentials) : null,
      syncIntervalMinutes: input.syncIntervalMinutes ?? defaultIntervalMinutes(input.platform),
      // Due now: the scheduler's next tick picks it up.
      nextSyncAt: new Date(),
    };
    // Two registrations of one name may both see a slug free; the loser of the unique
    // constraint simply looks again.
    for (let attempt = 1; attempt <= SLUG_ATTEMPTS; attempt++) {
      const slug = firstFreeSlug(base, await this.shops.slugsLike(base));
      try {
        const shop = await this.shops.create({ ...row, slug });
        this.directory.invalidate();
        this.logger.log(`Shop "${shop.slug}" registered (${input.platform}, ${commune.name}${input.credentials ? ', with credentials' : ''})`);
        return shop;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
    throw new ConflictException(`Impossible de réserver une adresse pour « ${input.name} » : réessayez.`);
  }
}
