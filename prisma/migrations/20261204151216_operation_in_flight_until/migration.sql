-- AlterTable
ALTER TABLE "PendingOperation" ADD COLUMN     "inFlightUntil" TIMESTAMP(3);
