-- DropIndex
DROP INDEX "Notification_inboxId_key";

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "recipientMasked" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Notification_inboxId_attempt_channel_key" ON "Notification"("inboxId", "attempt", "channel");
