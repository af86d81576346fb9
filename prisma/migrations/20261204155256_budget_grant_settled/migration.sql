-- AlterTable
ALTER TABLE "BudgetGrant" ADD COLUMN     "settled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "voided" BOOLEAN NOT NULL DEFAULT false;
