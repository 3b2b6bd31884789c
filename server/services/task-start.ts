import { Ora2KafkaError } from '../model/errors';
import { taskConfigSchema, taskWarnings } from '../model/task-config';
import { TASK_STATUS_LABEL } from '../model/task-status';
import { ConfigValidationError, issuePath } from '../model/wizard-sections';
import { appendTaskLog, getTaskStatus, loadTaskForConnectors, moveTaskStatus } from '../store/task-repository';

/**
 * "Buy and Start" (the wizard's last step): the whole stored task must pass taskConfigSchema and
 * the precheck, then the task moves Precheck Passed → Migrating (startedAt set, the start and its
 * warnings written to the task log).
 *
 * Running the migration is the engine's job. A Migrating task is the engine's work list (that is
 * also what it resumes after a console restart); for an immediate start the engine registers a
 * launcher with `setEngineLauncher`, which is called with the task id once the status has moved.
 */
export type EngineLauncher = (taskId: string) => Promise<void>;

const LAUNCHER = Symbol.for('ora2kafka.engine.launcher');

export function setEngineLauncher(launcher: EngineLauncher | null): void {
  (globalThis as { [LAUNCHER]?: EngineLauncher | null })[LAUNCHER] = launcher;
}

function engineLauncher(): EngineLauncher | null {
  return (globalThis as { [LAUNCHER]?: EngineLauncher | null })[LAUNCHER] ?? null;
}

export class PrecheckRequiredError extends Ora2KafkaError {
  constructor(name: string, status: keyof typeof TASK_STATUS_LABEL) {
    super('CONFLICT', `Task "${name}" has not passed the precheck (it is ${TASK_STATUS_LABEL[status]}), so it cannot start.`, {
      hint: status === 'PrecheckFailed' || status === 'NotStarted' || status === 'Prechecking'
        ? 'Go back to the Precheck step, fix or ignore the failed items until it passes, then click Buy and Start again.'
        : 'Only a task whose precheck passed can be started; open it from the task list to see what it is doing.',
    });
  }
}

/** Buy and Start; `by` ("alice", "token ci") is named in the task log. */
export async function startTask(id: string, by: string): Promise<{ id: string; status: 'Migrating'; warnings: string[]; engineLaunched: boolean }> {
  const config = await loadTaskForConnectors(id);
  const parsed = taskConfigSchema.safeParse(config);
  if (!parsed.success) throw new ConfigValidationError(parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })));
  const { name, status } = await getTaskStatus(id);
  if (status !== 'PrecheckPassed') throw new PrecheckRequiredError(name, status);

  await moveTaskStatus(id, 'PrecheckPassed', 'Migrating', { errorMessage: null });
  const c = parsed.data;
  const types = [c.migrationTypes.schema && 'schema', c.migrationTypes.full && 'full data', c.migrationTypes.incremental && 'incremental'].filter(Boolean).join(' + ');
  await appendTaskLog(id, 'INFO', `Start requested by ${by}: ${types} migration to topic ${c.destination.topic}, instance class ${c.instanceClass}.`);
  const warnings = taskWarnings(c);
  for (const w of warnings) await appendTaskLog(id, 'WARN', w);

  const launch = engineLauncher();
  if (launch) {
    try {
      await launch(id);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await appendTaskLog(id, 'ERROR', `The migration engine could not start the task: ${message}`);
      await moveTaskStatus(id, 'Migrating', 'Failed', { errorMessage: message });
      throw e;
    }
  }
  return { id, status: 'Migrating', warnings, engineLaunched: launch !== null };
}
