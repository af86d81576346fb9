-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "balanceAliasId" TEXT,
ADD COLUMN     "cardStatus" TEXT,
ADD COLUMN     "endDate" TIMESTAMP(3),
ADD COLUMN     "holderSortName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "status" "ApprovalStatus",
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "Card_lastActivityAt_id_idx" ON "Card"("lastActivityAt", "id");

-- CreateIndex
CREATE INDEX "Card_endDate_id_idx" ON "Card"("endDate", "id");

-- CreateIndex
CREATE INDEX "Card_createdAt_id_idx" ON "Card"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Card_holderSortName_id_idx" ON "Card"("holderSortName", "id");

-- CreateIndex
CREATE INDEX "Card_status_lastActivityAt_id_idx" ON "Card"("status", "lastActivityAt", "id");

-- CreateIndex
CREATE INDEX "Card_status_endDate_id_idx" ON "Card"("status", "endDate", "id");

-- CreateIndex
CREATE INDEX "Card_balanceAliasId_lastActivityAt_id_idx" ON "Card"("balanceAliasId", "lastActivityAt", "id");

-- CreateIndex
CREATE INDEX "Card_tags_idx" ON "Card" USING GIN ("tags");
