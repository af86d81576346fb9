-- AlterTable
ALTER TABLE "PendingOperation" ADD COLUMN     "lane" TEXT;

-- CreateTable
CREATE TABLE "WriteLane" (
    "lane" TEXT NOT NULL,
    "holderKey" TEXT NOT NULL,
    "acquiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WriteLane_pkey" PRIMARY KEY ("lane")
);

-- CreateIndex
CREATE INDEX "PendingOperation_lane_status_idx" ON "PendingOperation"("lane", "status");
