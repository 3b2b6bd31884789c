-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "request" TEXT,
ADD COLUMN     "workerId" TEXT;

-- CreateTable
CREATE TABLE "Worker" (
    "id" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "memberId" TEXT,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "leader" BOOLEAN NOT NULL DEFAULT false,
    "sessionTimeoutMs" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "Worker_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Worker_cluster_heartbeatAt_idx" ON "Worker"("cluster", "heartbeatAt");
