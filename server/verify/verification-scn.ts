import type { TaskCheckpoint } from '../model/pending-record';
import type { TaskConfig } from '../model/task-config';
import { VerifyError } from './verify-error';

/**
 * The highest SCN a task's committed checkpoint proves complete in Kafka, and the lowest one the
 * topic can describe. Every record up to the checkpoint travelled in the same Kafka transactions
 * as the checkpoint, so the topic holds every change committed at or below:
 *
 *   incremental  max(lastCommitScn, restartScn − 1): every transaction committed below restartScn
 *                was mined and written (restartScn is the first redo row of any still open);
 *                a transaction written only in part (`partial`) caps it below its commit SCN
 *   full only    the snapshot SCN, once every table's full load is done
 *
 *   { full: { snapshotScn: '5012345', … }, incremental: { restartScn: '5013001', lastCommitScn: '5013000' } }
 *   → { lowest: 5012345n, highest: 5013000n }
 */
export interface ScnRange {
  lowest: bigint;
  highest: bigint;
}

export function provableScns(config: TaskConfig, checkpoint: TaskCheckpoint | null, taskId: string): ScnRange {
  if (!checkpoint) {
    throw new VerifyError('VERIFY_NOTHING_COMMITTED', `Task ${taskId} has committed nothing to Kafka yet, so there is nothing to verify.`, {
      hint: 'Start the task and verify once its full data migration has finished.',
    });
  }
  const full = checkpoint.full;
  if (config.migrationTypes.full && (!full || !checkpoint.finished.includes('full'))) {
    const tables = full ? Object.values(full.tables) : [];
    throw new VerifyError('VERIFY_FULL_LOAD_RUNNING', `Task ${taskId} has not finished its full data migration (${tables.filter((t) => t.done).length} table(s) done), so its topic cannot hold every row yet.`, {
      hint: 'Verify after the full data migration phase shows Completed.',
    });
  }
  const inc = checkpoint.incremental;
  if (inc) {
    const lastCommit = inc.lastCommitScn === null ? 0n : BigInt(inc.lastCommitScn);
    let highest = BigInt(inc.restartScn) - 1n;
    if (lastCommit > highest) highest = lastCommit;
    if (inc.partial && BigInt(inc.partial.commitScn) - 1n < highest) highest = BigInt(inc.partial.commitScn) - 1n;
    const lowest = full ? BigInt(full.snapshotScn) : lastCommit;
    return { lowest, highest: highest < lowest ? lowest : highest };
  }
  if (full) return { lowest: BigInt(full.snapshotScn), highest: BigInt(full.snapshotScn) };
  throw new VerifyError('VERIFY_NOTHING_COMMITTED', `Task ${taskId} has no full or incremental position in its checkpoint yet.`, {
    hint: 'Verify once the task has reached full or incremental data migration.',
  });
}

/** The SCN to verify at: the one asked for when the checkpoint proves it, else the highest provable. */
export function verificationScn(range: ScnRange, asked: bigint | undefined): bigint {
  if (asked === undefined) return range.highest;
  if (asked > range.highest) {
    throw new VerifyError('VERIFY_SCN_NOT_COMMITTED', `SCN ${asked} is past what the task has committed to Kafka (up to SCN ${range.highest}); changes after that may still be on their way.`, {
      hint: `Choose an SCN at or below ${range.highest}, or leave the SCN empty to use the latest the task has committed.`,
      field: 'scn',
    });
  }
  if (asked < range.lowest) {
    throw new VerifyError('VERIFY_SCN_BEFORE_SNAPSHOT', `SCN ${asked} is before the task's snapshot SCN ${range.lowest}; the topic describes the tables only from then on.`, {
      hint: `Choose an SCN between ${range.lowest} and ${range.highest}.`,
      field: 'scn',
    });
  }
  return asked;
}
