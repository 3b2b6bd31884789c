-- CreateTable
CREATE TABLE "VerificationRun" (
    "id" SERIAL NOT NULL,
    "taskId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Running',
    "scn" TEXT,
    "requestedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "recordsRead" INTEGER NOT NULL DEFAULT 0,
    "notes" TEXT NOT NULL DEFAULT '[]',
    "errorMessage" TEXT,

    CONSTRAINT "VerificationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationResult" (
    "id" SERIAL NOT NULL,
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

    CONSTRAINT "VerificationResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VerificationRun_taskId_startedAt_idx" ON "VerificationRun"("taskId", "startedAt");

-- CreateIndex
CREATE INDEX "VerificationResult_runId_idx" ON "VerificationResult"("runId");

-- AddForeignKey
ALTER TABLE "VerificationRun" ADD CONSTRAINT "VerificationRun_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerificationResult" ADD CONSTRAINT "VerificationResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "VerificationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
