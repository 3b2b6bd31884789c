-- CreateTable
CREATE TABLE "VerificationRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Running',
    "scn" TEXT,
    "requestedBy" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "recordsRead" INTEGER NOT NULL DEFAULT 0,
    "notes" TEXT NOT NULL DEFAULT '[]',
    "errorMessage" TEXT,
    CONSTRAINT "VerificationRun_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VerificationResult" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "tableName" TEXT NOT NULL,
    "sourceTable" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "sourceRows" INTEGER NOT NULL,
    "kafkaRows" INTEGER NOT NULL,
    "compared" INTEGER NOT NULL,
    "matched" INTEGER NOT NULL,
    "missingCount" INTEGER NOT NULL,
    "extraCount" INTEGER NOT NULL,
    "differentCount" INTEGER NOT NULL,
    "differences" TEXT NOT NULL,
    CONSTRAINT "VerificationResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "VerificationRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "VerificationRun_taskId_startedAt_idx" ON "VerificationRun"("taskId", "startedAt");

-- CreateIndex
CREATE INDEX "VerificationResult_runId_idx" ON "VerificationResult"("runId");
