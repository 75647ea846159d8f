-- AlterTable
ALTER TABLE "ProductState" ADD COLUMN     "productUpdatedAt" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "document" SET DATA TYPE JSON USING "document"::json;

-- Backfill: the date every stored document already carries.
UPDATE "ProductState" SET "productUpdatedAt" = COALESCE(("document"->>'updatedAt')::integer, 0);
