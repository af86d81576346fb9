-- CreateEnum
CREATE TYPE "TransactionStatus" AS ENUM ('AUTHORIZED', 'DECLINED', 'CLEARED', 'REVERSED', 'UNKNOWN');

-- CreateTable
CREATE TABLE "Transaction" (
    "id" UUID NOT NULL,
    "sparadosId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" "TransactionStatus" NOT NULL,
    "statusRaw" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "originalAmountMinor" BIGINT,
    "originalCurrency" TEXT,
    "merchantName" TEXT,
    "mcc" TEXT,
    "merchantCountry" TEXT,
    "sparadosCardId" TEXT,
    "cardId" UUID,
    "cardLast4" TEXT,
    "balanceId" TEXT,
    "approvalSparadosId" TEXT,
    "declineReason" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "sparadosUpdatedAt" TIMESTAMP(3) NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookInbox" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "sealedSecret" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "error" TEXT,

    CONSTRAINT "WebhookInbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "inboxId" BIGINT NOT NULL,
    "channel" TEXT NOT NULL,
    "sparadosCardId" TEXT,
    "cardId" UUID,
    "cardholderId" UUID,
    "codeMasked" TEXT,
    "details" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Transaction_occurredAt_id_idx" ON "Transaction"("occurredAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Transaction_cardId_occurredAt_id_idx" ON "Transaction"("cardId", "occurredAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Transaction_status_occurredAt_id_idx" ON "Transaction"("status", "occurredAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Transaction_sparadosCardId_idx" ON "Transaction"("sparadosCardId");

-- CreateIndex
CREATE UNIQUE INDEX "Transaction_sparadosId_type_key" ON "Transaction"("sparadosId", "type");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookInbox_dedupeKey_key" ON "WebhookInbox"("dedupeKey");

-- CreateIndex
CREATE INDEX "WebhookInbox_processedAt_nextAttemptAt_id_idx" ON "WebhookInbox"("processedAt", "nextAttemptAt", "id");

-- CreateIndex
CREATE INDEX "WebhookInbox_receivedAt_idx" ON "WebhookInbox"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_inboxId_key" ON "Notification"("inboxId");

-- CreateIndex
CREATE INDEX "Notification_cardId_createdAt_idx" ON "Notification"("cardId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_createdAt_idx" ON "Notification"("createdAt");
