import { Injectable } from '@nestjs/common';
import type { ProductDocument } from '../catalog/product-document';
import { PrismaService } from '../database/prisma.service';
import type { StoredDigest } from './batch-planner';

/** One product's state as written after its document was indexed (its document goes alongside, see upsertMany). */
export interface StateRow {
  externalId: string;
  documentId: string;
  contentHash: string;
  /** The document's `updatedAt` (epoch seconds). */
  updatedAt: number;
}

/** What the index holds per product, so a run can tell new, changed and unchanged apart. */
@Injectable()
export class ProductStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Hash and date of every stored product of the shop, without loading their documents:
   * a few ordered reads along the (shop, product) index, `pageSize` rows each.
   */
  async allDigests(shopId: string, pageSize = 10_000): Promise<Map<string, StoredDigest>> {
    const digests = new Map<string, StoredDigest>();
    let cursor = '';
    for (;;) {
      const rows = await this.prisma.bulk<{ externalId: string; contentHash: string; productUpdatedAt: number }>(
        `SELECT "externalId", "contentHash", "productUpdatedAt" FROM "ProductState"
         WHERE "shopId" = $1::uuid AND "externalId" > $2 ORDER BY "externalId" LIMIT $3`,
        [shopId, cursor, pageSize],
      );
      for (const r of rows) digests.set(r.externalId, { contentHash: r.contentHash, updatedAt: Number(r.productUpdatedAt) });
      if (rows.length < pageSize) return digests;
      cursor = rows[rows.length - 1].externalId;
    }
  }

  /** Full stored documents, only for the products whose content changed. */
  async documents(shopId: string, externalIds: string[]): Promise<Map<string, ProductDocument>> {
    if (externalIds.length === 0) return new Map();
    const rows = await this.prisma.bulk<{ externalId: string; document: ProductDocument }>(
      `SELECT "externalId", "document" FROM "ProductState" WHERE "shopId" = $1::uuid AND "externalId" = ANY($2::text[])`,
      [shopId, externalIds],
    );
    return new Map(rows.map((r) => [r.externalId, r.document]));
  }

  /**
   * Records the new or changed products of a batch, after the index accepted them: one
   * statement for the whole batch. `documents` is the JSON array of their documents, in
   * the same order, exactly as hashed and sent to the engine: it goes as those bytes and
   * is split server-side into the JSON texts it holds (as a text[] parameter each
   * document was escaped quote by quote on the way, a few percent of a full sync's CPU).
   */
  async upsertMany(shopId: string, runId: string, items: StateRow[], documents: Buffer): Promise<void> {
    if (items.length === 0) return;
    await this.prisma.bulk(
      `INSERT INTO "ProductState" ("shopId", "externalId", "documentId", "contentHash", "lastSeenRun", "document", "productUpdatedAt", "updatedAt")
       SELECT $1::uuid, x.e, x.d, x.h, $2::uuid, docs.doc, x.u, now()
       FROM unnest($3::text[], $4::text[], $5::text[], $7::int[]) WITH ORDINALITY AS x(e, d, h, u, n)
       JOIN json_array_elements($6::json) WITH ORDINALITY AS docs(doc, n) USING (n)
       ON CONFLICT ("shopId", "externalId") DO UPDATE SET
         "contentHash" = EXCLUDED."contentHash", "lastSeenRun" = EXCLUDED."lastSeenRun",
         "document" = EXCLUDED."document", "productUpdatedAt" = EXCLUDED."productUpdatedAt", "updatedAt" = now()`,
      [
        shopId,
        runId,
        items.map((i) => i.externalId),
        items.map((i) => i.documentId),
        items.map((i) => i.contentHash),
        documents,
        items.map((i) => i.updatedAt),
      ],
    );
  }

  /** Records that these products were listed by a run (for deletions confirmed later), a chunk per statement. */
  async markSeen(shopId: string, runId: string, externalIds: string[]): Promise<void> {
    for (let i = 0; i < externalIds.length; i += 5000) {
      await this.prisma.bulk(`UPDATE "ProductState" SET "lastSeenRun" = $2 WHERE "shopId" = $1::uuid AND "externalId" = ANY($3::text[])`, [
        shopId,
        runId,
        externalIds.slice(i, i + 5000),
      ]);
    }
  }

  /**
   * Document ids of the shop's stored products missing from `seen`, and how many it stores
   * (`stored`, known to the caller), read a page at a time.
   */
  async unseenBy(shopId: string, seen: ReadonlySet<string>, stored: number, pageSize = 5000): Promise<{ unseen: string[]; existing: number }> {
    // What a run listed is stored (it was written or found unchanged), and the run's lease
    // keeps anyone else from deleting this shop's rows: equal counts mean nothing is missing.
    if (stored === seen.size) return { unseen: [], existing: stored };
    const unseen: string[] = [];
    let existing = 0;
    let cursor = '';
    for (;;) {
      const rows = await this.prisma.bulk<{ externalId: string; documentId: string }>(
        `SELECT "externalId", "documentId" FROM "ProductState" WHERE "shopId" = $1::uuid AND "externalId" > $2 ORDER BY "externalId" LIMIT $3`,
        [shopId, cursor, pageSize],
      );
      if (rows.length === 0) return { unseen, existing };
      existing += rows.length;
      for (const r of rows) if (!seen.has(r.externalId)) unseen.push(r.documentId);
      cursor = rows[rows.length - 1].externalId;
    }
  }

  /** How many products the shop stores (a run knows it from its digests; this is for confirmed deletions). */
  async count(shopId: string): Promise<number> {
    const [row] = await this.prisma.bulk<{ n: number }>(`SELECT count(*)::int AS n FROM "ProductState" WHERE "shopId" = $1::uuid`, [shopId]);
    return row.n;
  }

  /** Document ids of products the given full pass did not list, a page at a time. */
  async *unseenDocumentIds(shopId: string, runId: string, pageSize = 1000): AsyncGenerator<string[]> {
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.prisma.productState.findMany({
        where: { shopId, NOT: { lastSeenRun: runId }, ...(cursor ? { documentId: { gt: cursor } } : {}) },
        select: { documentId: true },
        orderBy: { documentId: 'asc' },
        take: pageSize,
      });
      if (rows.length === 0) return;
      yield rows.map((r) => r.documentId);
      cursor = rows[rows.length - 1].documentId;
    }
  }

  async deleteByDocumentIds(documentIds: string[]): Promise<void> {
    await this.prisma.productState.deleteMany({ where: { documentId: { in: documentIds } } });
  }

  async deleteShop(shopId: string): Promise<void> {
    await this.prisma.productState.deleteMany({ where: { shopId } });
  }

  /** Every stored document (or those written since `since`), a page at a time, for a full reindex. */
  async *allDocuments(pageSize = 1000, since?: Date): AsyncGenerator<ProductDocument[]> {
    let cursor: string | undefined;
    for (;;) {
      const rows = await this.prisma.productState.findMany({
        where: { ...(cursor ? { documentId: { gt: cursor } } : {}), ...(since ? { updatedAt: { gte: since } } : {}) },
        select: { documentId: true, document: true },
        orderBy: { documentId: 'asc' },
        take: pageSize,
      });
      if (rows.length === 0) return;
      yield rows.map((r) => r.document as unknown as ProductDocument);
      cursor = rows[rows.length - 1].documentId;
    }
  }
}
