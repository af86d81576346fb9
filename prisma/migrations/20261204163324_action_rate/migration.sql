-- CreateTable
CREATE TABLE "ActionRate" (
    "userId" UUID NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ActionRate_pkey" PRIMARY KEY ("userId")
);
