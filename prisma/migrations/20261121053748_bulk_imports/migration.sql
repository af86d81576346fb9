-- CreateEnum
CREATE TYPE "BulkImportStatus" AS ENUM ('PREVIEW', 'QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "BulkRowStatus" AS ENUM ('INVALID', 'PENDING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "Cardholder" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "BulkImport" (
    "id" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "status" "BulkImportStatus" NOT NULL DEFAULT 'PREVIEW',
    "totalRows" INTEGER NOT NULL,
    "invalidRows" INTEGER NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "BulkImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkImportRow" (
    "id" UUID NOT NULL,
    "bulkImportId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "operation" TEXT NOT NULL,
    "cells" JSONB NOT NULL,
    "errors" JSONB,
    "status" "BulkRowStatus" NOT NULL,
    "approvalSparadosId" TEXT,
    "cardId" UUID,
    "errorMessage" TEXT,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "BulkImportRow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BulkImport_fileHash_idx" ON "BulkImport"("fileHash");

-- CreateIndex
CREATE INDEX "BulkImport_createdAt_idx" ON "BulkImport"("createdAt");

-- CreateIndex
CREATE INDEX "BulkImportRow_bulkImportId_status_idx" ON "BulkImportRow"("bulkImportId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BulkImportRow_bulkImportId_rowNumber_key" ON "BulkImportRow"("bulkImportId", "rowNumber");

-- AddForeignKey
ALTER TABLE "BulkImportRow" ADD CONSTRAINT "BulkImportRow_bulkImportId_fkey" FOREIGN KEY ("bulkImportId") REFERENCES "BulkImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
