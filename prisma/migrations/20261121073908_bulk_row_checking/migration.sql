-- AlterEnum
ALTER TYPE "BulkRowStatus" ADD VALUE 'CHECKING';
