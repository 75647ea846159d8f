-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "changesSince" TIMESTAMP(3),
ADD COLUMN     "heldDeletionRunId" UUID,
ADD COLUMN     "lastFullPassAt" TIMESTAMP(3),
ADD COLUMN     "sourceEtag" TEXT,
ADD COLUMN     "sourceLastModified" TEXT,
ADD COLUMN     "syncPausedReason" TEXT;

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "trigger" TEXT NOT NULL DEFAULT 'schedule';
