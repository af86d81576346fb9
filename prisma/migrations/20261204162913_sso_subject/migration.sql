-- AlterTable
ALTER TABLE "AdminUser" ADD COLUMN     "oidcIssuer" TEXT,
ADD COLUMN     "oidcSubject" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "AdminUser_oidcIssuer_oidcSubject_key" ON "AdminUser"("oidcIssuer", "oidcSubject");
