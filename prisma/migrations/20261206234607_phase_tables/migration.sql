-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TaskPhase" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskId" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NotStarted',
    "percent" REAL NOT NULL DEFAULT 0,
    "rowsDone" BIGINT NOT NULL DEFAULT 0,
    "rowsTotal" BIGINT NOT NULL DEFAULT 0,
    "bytesDone" BIGINT NOT NULL DEFAULT 0,
    "objectsDone" INTEGER NOT NULL DEFAULT 0,
    "objectsTotal" INTEGER NOT NULL DEFAULT 0,
    "etaSeconds" INTEGER,
    "errorMessage" TEXT,
    "tables" TEXT NOT NULL DEFAULT '[]',
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TaskPhase_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TaskPhase" ("bytesDone", "errorMessage", "etaSeconds", "finishedAt", "id", "objectsDone", "objectsTotal", "percent", "phase", "rowsDone", "rowsTotal", "startedAt", "status", "taskId", "updatedAt") SELECT "bytesDone", "errorMessage", "etaSeconds", "finishedAt", "id", "objectsDone", "objectsTotal", "percent", "phase", "rowsDone", "rowsTotal", "startedAt", "status", "taskId", "updatedAt" FROM "TaskPhase";
DROP TABLE "TaskPhase";
ALTER TABLE "new_TaskPhase" RENAME TO "TaskPhase";
CREATE UNIQUE INDEX "TaskPhase_taskId_phase_key" ON "TaskPhase"("taskId", "phase");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
