-- CreateEnum
CREATE TYPE "BudgetChangeStatus" AS ENUM ('AWAITING_APPROVAL', 'APPROVED', 'DECLINED');

-- CreateTable
CREATE TABLE "BudgetChangeRequest" (
    "id" UUID NOT NULL,
    "cardId" UUID NOT NULL,
    "approvalSparadosId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "deltaMinor" BIGINT NOT NULL,
    "budgetBeforeMinor" BIGINT NOT NULL,
    "spentBeforeMinor" BIGINT NOT NULL,
    "availableBeforeMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "BudgetChangeStatus" NOT NULL DEFAULT 'AWAITING_APPROVAL',
    "requestKey" TEXT NOT NULL,
    "requestedById" UUID NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "decidedById" UUID,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "declineReason" TEXT,
    "operationKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BudgetChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BudgetChangeRequest_requestKey_key" ON "BudgetChangeRequest"("requestKey");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetChangeRequest_operationKey_key" ON "BudgetChangeRequest"("operationKey");

-- CreateIndex
CREATE INDEX "BudgetChangeRequest_status_createdAt_idx" ON "BudgetChangeRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "BudgetChangeRequest_cardId_createdAt_idx" ON "BudgetChangeRequest"("cardId", "createdAt");

-- AddForeignKey
ALTER TABLE "BudgetChangeRequest" ADD CONSTRAINT "BudgetChangeRequest_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
