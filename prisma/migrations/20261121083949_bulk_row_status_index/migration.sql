-- CreateIndex
CREATE INDEX "BulkImportRow_status_idx" ON "BulkImportRow"("status");
