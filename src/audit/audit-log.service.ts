import { Injectable, Logger } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { AuditRepository } from './audit.repository';

/** Who acted: the admin team, a merchant, or the platform itself. */
export type AuditActor = 'admin' | 'system' | `merchant:${string}`;

export type AuditAction =
  | 'shop.created'
  | 'shop.updated'
  | 'shop.status-changed'
  | 'shop.credentials-deleted'
  | 'sync.requested'
  | 'sync.paused'
  | 'sync.resumed'
  | 'deletions.confirmed'
  | 'index.rebuilt'
  | 'shop.connected'
  // Other modules may name their own actions ("area.verb") without editing this list.
  | (string & {});

export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

/** Keys that never reach the log, whatever a caller passes (credentials, tokens). */
const SECRET_KEY = /^(secret|token|password|apiKey|accessToken|consumerKey|consumerSecret|credentials|csrf)$/i;

/**
 * Records who did what to which shop. Entries are written after the action succeeded; a
 * failure to write one is logged loudly but does not undo or fail the action already done.
 */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger('Audit');

  constructor(private readonly entries: AuditRepository) {}

  async record(actor: AuditActor, action: AuditAction, shopId: string | null, details: AuditDetails = {}): Promise<void> {
    const safe: Prisma.InputJsonObject = Object.fromEntries(Object.entries(details).filter(([k, v]) => v !== undefined && !SECRET_KEY.test(k)));
    try {
      await this.entries.append({ actor, action, shopId, details: safe });
    } catch (e) {
      this.logger.error(`Could not record "${action}" by ${actor}${shopId ? ` on shop ${shopId}` : ''}: ${(e as Error).message}`);
    }
  }

  async list(filter: { shopId?: string; limit: number }) {
    const rows = await this.entries.list(filter);
    return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actor, action: r.action, shopId: r.shopId, details: r.details }));
  }
}

/** A source URL without its query string or credentials, which may carry feed keys. */
export function redactUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return null;
  }
}
