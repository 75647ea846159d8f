import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ConfigService } from '../../src/config/config.service';
import { PrismaService } from '../../src/database/prisma.service';
import type { Shop } from '../../src/generated/prisma/client';
import { CredentialsCipher } from '../../src/shops/credentials.cipher';

/** Inserts an approved shop straight into the database (the admin API has its own tests). */
export async function insertShop(
  app: INestApplication,
  data: { platform: 'shopify' | 'woocommerce' | 'prestashop' | 'feed'; sourceUrl: string; credentials?: Record<string, string>; name?: string; commune?: string; lat?: number; lng?: number },
): Promise<Shop> {
  const suffix = randomBytes(3).toString('hex');
  const cipher = new CredentialsCipher(app.get(ConfigService).values.secretKey);
  return app.get(PrismaService).shop.create({
    data: {
      slug: `boutique-${suffix}`,
      name: data.name ?? `Boutique ${suffix}`,
      address: '1 place Bellecour',
      postalCode: '69002',
      communeCode: '69123',
      communeName: data.commune ?? 'Lyon',
      lat: data.lat ?? 45.7578,
      lng: data.lng ?? 4.832,
      platform: data.platform,
      sourceUrl: data.sourceUrl,
      credentialsEncrypted: data.credentials ? cipher.seal(data.credentials) : null,
      status: 'approved',
      syncIntervalMinutes: 60,
    },
  });
}
