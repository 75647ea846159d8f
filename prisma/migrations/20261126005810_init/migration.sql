-- CreateEnum
CREATE TYPE "ShopStatus" AS ENUM ('pending', 'approved', 'rejected', 'suspended');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('shopify', 'woocommerce', 'prestashop', 'feed');

-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('running', 'succeeded', 'failed', 'abandoned');

-- CreateTable
CREATE TABLE "Shop" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "postalCode" TEXT NOT NULL,
    "communeCode" TEXT NOT NULL,
    "communeName" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "website" TEXT,
    "status" "ShopStatus" NOT NULL DEFAULT 'pending',
    "statusReason" TEXT,
    "platform" "Platform" NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "credentialsEncrypted" TEXT,
    "syncIntervalMinutes" INTEGER NOT NULL,
    "nextSyncAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "lastSyncedAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "productCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" UUID NOT NULL,
    "shopId" UUID NOT NULL,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'running',
    "fullPass" BOOLEAN NOT NULL DEFAULT true,
    "owner" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "heldDeletions" INTEGER NOT NULL DEFAULT 0,
    "skippedReasons" JSONB NOT NULL DEFAULT '[]',
    "errorClass" TEXT,
    "error" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductState" (
    "shopId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "lastSeenRun" UUID NOT NULL,
    "document" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductState_pkey" PRIMARY KEY ("shopId","externalId")
);

-- CreateTable
CREATE TABLE "Click" (
    "productId" TEXT NOT NULL,
    "shopId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Click_pkey" PRIMARY KEY ("productId","day")
);

-- CreateIndex
CREATE UNIQUE INDEX "Shop_slug_key" ON "Shop"("slug");

-- CreateIndex
CREATE INDEX "Shop_status_nextSyncAt_idx" ON "Shop"("status", "nextSyncAt");

-- CreateIndex
CREATE INDEX "Shop_communeName_idx" ON "Shop"("communeName");

-- CreateIndex
CREATE INDEX "SyncRun_shopId_startedAt_idx" ON "SyncRun"("shopId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "SyncRun_status_idx" ON "SyncRun"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ProductState_documentId_key" ON "ProductState"("documentId");

-- CreateIndex
CREATE INDEX "ProductState_shopId_lastSeenRun_idx" ON "ProductState"("shopId", "lastSeenRun");

-- CreateIndex
CREATE INDEX "Click_shopId_day_idx" ON "Click"("shopId", "day");

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductState" ADD CONSTRAINT "ProductState_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
