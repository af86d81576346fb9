-- DropIndex
DROP INDEX "Transaction_syncedAt_idx";

-- AlterTable
ALTER TABLE "Transaction" ADD COLUMN     "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "Transaction_changedAt_idx" ON "Transaction"("changedAt");
