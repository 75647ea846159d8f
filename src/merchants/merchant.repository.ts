import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

export interface MerchantRow {
  id: string;
  email: string;
  name: string | null;
  createdAt: Date;
}

const MERCHANT_FIELDS = { id: true, email: true, name: true, createdAt: true } as const;

/** Merchant accounts, their signed-in sessions and their password reset links. */
@Injectable()
export class MerchantRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Rejects with a unique violation when the email is taken. */
  create(email: string, passwordHash: string, name: string | null): Promise<MerchantRow> {
    return this.prisma.merchant.create({ data: { email, passwordHash, name }, select: MERCHANT_FIELDS });
  }

  findByEmail(email: string): Promise<(MerchantRow & { passwordHash: string }) | null> {
    return this.prisma.merchant.findUnique({ where: { email }, select: { ...MERCHANT_FIELDS, passwordHash: true } });
  }

  findById(id: string): Promise<MerchantRow | null> {
    return this.prisma.merchant.findUnique({ where: { id }, select: MERCHANT_FIELDS });
  }

  createSession(row: { tokenHash: string; merchantId: string; csrfSecret: string; expiresAt: Date }): Promise<unknown> {
    return this.prisma.merchantSession.create({ data: row, select: { tokenHash: true } });
  }

  /** A live session with its merchant, or null when unknown or expired. */
  async findSession(tokenHash: string, now: Date): Promise<{ tokenHash: string; csrfSecret: string; merchant: MerchantRow } | null> {
    const row = await this.prisma.merchantSession.findUnique({
      where: { tokenHash },
      select: { tokenHash: true, csrfSecret: true, expiresAt: true, merchant: { select: MERCHANT_FIELDS } },
    });
    if (!row || row.expiresAt <= now) return null;
    return { tokenHash: row.tokenHash, csrfSecret: row.csrfSecret, merchant: row.merchant };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.prisma.merchantSession.deleteMany({ where: { tokenHash } });
  }

  /** Expired sessions of one merchant are swept when they sign in again. */
  async deleteExpiredSessions(merchantId: string, now: Date): Promise<void> {
    await this.prisma.merchantSession.deleteMany({ where: { merchantId, expiresAt: { lte: now } } });
  }

  createResetToken(row: { tokenHash: string; merchantId: string; expiresAt: Date }): Promise<unknown> {
    return this.prisma.passwordResetToken.create({ data: row, select: { tokenHash: true } });
  }

  /**
   * Uses a reset token once: the conditional update is the lock, so two confirmations of
   * one link cannot both succeed. Then the new password and the end of every session, together.
   */
  async consumeResetToken(tokenHash: string, passwordHash: string, now: Date): Promise<string | null> {
    return this.prisma.$transaction(async (tx) => {
      const token = await tx.passwordResetToken.findUnique({ where: { tokenHash }, select: { merchantId: true } });
      if (!token) return null;
      const claimed = await tx.passwordResetToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (claimed.count !== 1) return null;
      await tx.merchant.update({ where: { id: token.merchantId }, data: { passwordHash } });
      await tx.merchantSession.deleteMany({ where: { merchantId: token.merchantId } });
      return token.merchantId;
    });
  }
}
