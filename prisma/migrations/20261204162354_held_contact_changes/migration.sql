-- AlterEnum
ALTER TYPE "BudgetChangeKind" ADD VALUE 'CONTACT';
