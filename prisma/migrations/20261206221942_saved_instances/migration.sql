-- CreateTable
CREATE TABLE "SavedInstance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PrecheckItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "detail" TEXT,
    "hint" TEXT,
    "ignorable" BOOLEAN NOT NULL DEFAULT false,
    "ignored" BOOLEAN NOT NULL DEFAULT false,
    "ignoreNext" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "PrecheckItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PrecheckRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Items ignored before this migration stay ignored in the next run (ignoreNext = ignored).
INSERT INTO "new_PrecheckItem" ("code", "detail", "hint", "id", "ignorable", "ignored", "ignoreNext", "name", "runId", "status") SELECT "code", "detail", "hint", "id", "ignorable", "ignored", "ignored", "name", "runId", "status" FROM "PrecheckItem";
DROP TABLE "PrecheckItem";
ALTER TABLE "new_PrecheckItem" RENAME TO "PrecheckItem";
CREATE INDEX "PrecheckItem_runId_idx" ON "PrecheckItem"("runId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SavedInstance_kind_name_key" ON "SavedInstance"("kind", "name");
