import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';

export interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  shopId: string | null;
  details: unknown;
}

/** The audit log table: appended to, read newest first, never edited. */
@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async append(entry: { actor: string; action: string; shopId: string | null; details: Prisma.InputJsonObject }): Promise<void> {
    await this.prisma.auditEntry.create({ data: entry, select: { id: true } });
  }

  list(filter: { shopId?: string; limit: number }): Promise<AuditRow[]> {
    return this.prisma.auditEntry.findMany({
      where: filter.shopId ? { shopId: filter.shopId } : {},
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: filter.limit,
    });
  }
}
