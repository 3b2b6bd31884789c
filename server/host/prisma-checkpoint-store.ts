import type { CheckpointStore } from '../engine/checkpoint/checkpoint-store';
import type { PositionOf } from '../model/checkpoint-positions';
import type { PhaseName } from '../model/phase-progress';
import type { Db } from '../store/db';

/**
 * Checkpoints in the metadata DB: the Checkpoint model, unique per (taskId, phase), position as
 * JSON text. The task row must exist (foreign key).
 */
export class PrismaCheckpointStore implements CheckpointStore {
  constructor(private readonly db: () => Promise<Db>) {}

  async load<P extends PhaseName>(taskId: string, phase: P): Promise<PositionOf[P] | null> {
    const db = await this.db();
    const row = await db.checkpoint.findUnique({ where: { taskId_phase: { taskId, phase } } });
    return row ? (JSON.parse(row.position) as PositionOf[P]) : null;
  }

  async save<P extends PhaseName>(taskId: string, phase: P, position: PositionOf[P]): Promise<void> {
    const db = await this.db();
    const text = JSON.stringify(position);
    await db.checkpoint.upsert({
      where: { taskId_phase: { taskId, phase } },
      create: { taskId, phase, position: text },
      update: { position: text },
    });
  }

  async clear(taskId: string): Promise<void> {
    const db = await this.db();
    await db.checkpoint.deleteMany({ where: { taskId } });
  }
}
