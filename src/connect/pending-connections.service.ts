import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Platform } from '../generated/prisma/client';
import { ShopOwnership } from '../merchants/shop-ownership.service';
import { CredentialsCipher } from '../shops/credentials.cipher';
import { ConnectionRepository } from './connection.repository';

/** How long a merchant has to approve Vitrines on the platform's page. */
export const PENDING_TTL_MS = 10 * 60_000;

export interface PendingTarget {
  merchantId: string;
  shopId: string;
  /** The shop address the flow started with: the platform's answer must be about this shop. */
  sourceUrl: string;
}

/**
 * The nonces of connection flows under way (Shopify `state`, WooCommerce `user_id`), each
 * bound to one merchant and one shop, valid ten minutes, usable once.
 */
@Injectable()
export class PendingConnections {
  constructor(
    private readonly repository: ConnectionRepository,
    private readonly cipher: CredentialsCipher,
    private readonly ownership: ShopOwnership,
  ) {}

  async open(platform: Platform, target: PendingTarget, now = new Date()): Promise<string> {
    const state = randomBytes(24).toString('base64url');
    await this.repository.createPending(
      {
        state,
        platform,
        merchantId: target.merchantId,
        shopId: target.shopId,
        // The target address is sealed like credentials: the table then never holds a readable shop address either.
        sealed: this.cipher.seal({ sourceUrl: target.sourceUrl }),
        expiresAt: new Date(now.getTime() + PENDING_TTL_MS),
      },
      now,
    );
    return state;
  }

  /** The flow a nonce belongs to, once; null when unknown, used, expired, or the shop changed hands meanwhile. */
  async take(state: string, platform: Platform, now = new Date()): Promise<PendingTarget | null> {
    if (!/^[A-Za-z0-9_-]{16,100}$/.test(state)) return null;
    const row = await this.repository.takePending(state, platform, now);
    if (!row?.sealed) return null;
    const ownerStill = await this.ownership.assertOwns(row.merchantId, row.shopId).then(
      () => true,
      () => false,
    );
    if (!ownerStill) return null;
    const { sourceUrl } = this.cipher.open(row.sealed);
    return { merchantId: row.merchantId, shopId: row.shopId, sourceUrl };
  }
}
