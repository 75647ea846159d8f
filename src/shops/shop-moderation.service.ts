import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { AuditActor, AuditLog } from '../audit/audit-log.service';
import { CatalogWriter } from '../catalog/catalog-writer.service';
import { ShopDirectory } from './shop-directory.service';
import type { ShopStatusInput } from './shop-input.schema';
import { ShopRepository } from './shop.repository';

export const DISCONNECTED_REASON = 'Boutique déconnectée : ses identifiants ont été supprimés ; reconnectez-la pour la remettre en ligne.';

/** Approvals, suspensions and disconnections decided by the admins. */
@Injectable()
export class ShopModeration {
  private readonly logger = new Logger('Shops');

  constructor(
    private readonly shops: ShopRepository,
    private readonly catalog: CatalogWriter,
    private readonly directory: ShopDirectory,
    private readonly audit: AuditLog,
  ) {}

  async setStatus(id: string, change: ShopStatusInput): Promise<{ id: string; slug: string; status: string }> {
    await this.existing(id);
    const reason = change.reason || null;
    if (change.status === 'approved') {
      const shop = await this.shops.approve(id, reason);
      this.directory.invalidate();
      this.logger.log(`Shop "${shop.slug}" approved`);
      await this.audit.record('admin', 'shop.status-changed', id, { status: 'approved', reason });
      return shop;
    }
    const shop = await this.withdraw(id, change.status, reason, false);
    await this.audit.record('admin', 'shop.status-changed', id, { status: change.status, reason });
    return shop;
  }

  /** Forgets the shop's credentials: its products leave the street until it is reconnected. */
  async disconnect(id: string, actor: AuditActor = 'admin'): Promise<{ id: string; slug: string; status: string }> {
    await this.existing(id);
    const shop = await this.withdraw(id, 'suspended', DISCONNECTED_REASON, true);
    await this.audit.record(actor, 'shop.credentials-deleted', id, { status: 'suspended' });
    return shop;
  }

  /**
   * Database first, then the index: if removing the documents fails, the shop is already
   * hidden (not approved) and a retry finishes the job; the reverse order could leave an
   * approved shop whose product states claim documents the index no longer has.
   */
  private async withdraw(id: string, status: 'suspended' | 'rejected', reason: string | null, forgetCredentials: boolean) {
    const shop = await this.shops.withdraw(id, status, reason, { forgetCredentials });
    this.directory.invalidate();
    await this.catalog.deleteShop(id);
    this.logger.log(`Shop "${shop.slug}" ${forgetCredentials ? 'disconnected' : status}; its products were removed from the index`);
    return shop;
  }

  private async existing(id: string) {
    const shop = await this.shops.findById(id);
    if (!shop) throw new NotFoundException(`Aucune boutique n'a l'identifiant ${id}.`);
    return shop;
  }
}
