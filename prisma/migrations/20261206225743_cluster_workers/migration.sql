-- AlterTable
ALTER TABLE "Task" ADD COLUMN "request" TEXT;
ALTER TABLE "Task" ADD COLUMN "workerId" TEXT;

-- CreateTable
CREATE TABLE "Worker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cluster" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "memberId" TEXT,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "leader" BOOLEAN NOT NULL DEFAULT false,
    "sessionTimeoutMs" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Worker_cluster_heartbeatAt_idx" ON "Worker"("cluster", "heartbeatAt");
