-- AlterTable
ALTER TABLE "TaskPhase" ADD COLUMN     "tables" TEXT NOT NULL DEFAULT '[]';
