-- CreateIndex
CREATE INDEX "Transaction_syncedAt_idx" ON "Transaction"("syncedAt");
