import type { PositionOf } from '../../model/checkpoint-positions';
import type { PhaseName } from '../../model/phase-progress';

/**
 * Where copies of resume positions live (a port: the engine defines it, outer layers implement it):
 *   MemoryCheckpointStore  tests;
 *   PrismaCheckpointStore  the console's metadata DB (server/host: Checkpoint model, one row per
 *                          task and phase).
 * The authoritative position travels in the same Kafka transaction as the records it covers
 * (TaskCheckpoint through the CommitTarget port), which is what makes restarts duplicate-free;
 * the Prisma copy only feeds the UI.
 */
export interface CheckpointStore {
  load<P extends PhaseName>(taskId: string, phase: P): Promise<PositionOf[P] | null>;
  save<P extends PhaseName>(taskId: string, phase: P, position: PositionOf[P]): Promise<void>;
  /** Forget every phase of the task (a restart from scratch). */
  clear(taskId: string): Promise<void>;
}

export class MemoryCheckpointStore implements CheckpointStore {
  private readonly rows = new Map<string, string>();
  /** Every save, for tests that check checkpoints advance only after acknowledgements. */
  readonly history: { taskId: string; phase: PhaseName; position: unknown }[] = [];

  async load<P extends PhaseName>(taskId: string, phase: P): Promise<PositionOf[P] | null> {
    const text = this.rows.get(`${taskId}/${phase}`);
    return text === undefined ? null : (JSON.parse(text) as PositionOf[P]);
  }

  async save<P extends PhaseName>(taskId: string, phase: P, position: PositionOf[P]): Promise<void> {
    // Stored as JSON text like the real stores, so nothing shares mutable state with the caller.
    this.rows.set(`${taskId}/${phase}`, JSON.stringify(position));
    this.history.push({ taskId, phase, position: JSON.parse(JSON.stringify(position)) });
  }

  async clear(taskId: string): Promise<void> {
    for (const k of [...this.rows.keys()]) if (k.startsWith(`${taskId}/`)) this.rows.delete(k);
  }
}
