-- AlterTable
ALTER TABLE "PrecheckItem" ADD COLUMN     "ignoreNext" BOOLEAN NOT NULL DEFAULT false;
-- Items ignored before this migration stay ignored in the next run.
UPDATE "PrecheckItem" SET "ignoreNext" = "ignored";

-- CreateTable
CREATE TABLE "SavedInstance" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedInstance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedInstance_kind_name_key" ON "SavedInstance"("kind", "name");
