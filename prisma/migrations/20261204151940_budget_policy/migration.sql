-- CreateEnum
CREATE TYPE "BudgetChangeKind" AS ENUM ('TOP_UP', 'ASSIGN', 'EDIT', 'ACCEPT_REQUEST', 'POLICY');

-- AlterEnum
ALTER TYPE "BulkRowStatus" ADD VALUE 'WAITING';

-- DropForeignKey
ALTER TABLE "BudgetChangeRequest" DROP CONSTRAINT "BudgetChangeRequest_cardId_fkey";

-- AlterTable
ALTER TABLE "BudgetChangeRequest" ADD COLUMN     "heldBy" TEXT,
ADD COLUMN     "increaseMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "kind" "BudgetChangeKind" NOT NULL DEFAULT 'TOP_UP',
ADD COLUMN     "limitMinor" BIGINT,
ADD COLUMN     "payload" JSONB,
ADD COLUMN     "summary" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "usedMinor" BIGINT,
ALTER COLUMN "cardId" DROP NOT NULL,
ALTER COLUMN "approvalSparadosId" DROP NOT NULL,
ALTER COLUMN "mode" DROP NOT NULL,
ALTER COLUMN "amountMinor" DROP NOT NULL,
ALTER COLUMN "deltaMinor" DROP NOT NULL,
ALTER COLUMN "budgetBeforeMinor" DROP NOT NULL,
ALTER COLUMN "spentBeforeMinor" DROP NOT NULL,
ALTER COLUMN "availableBeforeMinor" DROP NOT NULL;

-- CreateTable
CREATE TABLE "BudgetGrant" (
    "id" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "cardId" UUID,
    "kind" "BudgetChangeKind" NOT NULL,
    "increaseMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "operationKey" TEXT NOT NULL,
    "changeId" UUID,
    "approvedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetGrant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BudgetGrant_operationKey_key" ON "BudgetGrant"("operationKey");

-- CreateIndex
CREATE INDEX "BudgetGrant_actorId_createdAt_idx" ON "BudgetGrant"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "BudgetGrant_cardId_createdAt_idx" ON "BudgetGrant"("cardId", "createdAt");

-- AddForeignKey
ALTER TABLE "BudgetChangeRequest" ADD CONSTRAINT "BudgetChangeRequest_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE SET NULL ON UPDATE CASCADE;
