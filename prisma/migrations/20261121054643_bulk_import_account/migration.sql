-- AlterTable
ALTER TABLE "BulkImport" ADD COLUMN     "cardAliasId" TEXT NOT NULL,
ADD COLUMN     "currency" TEXT NOT NULL,
ADD COLUMN     "timezone" TEXT NOT NULL;
