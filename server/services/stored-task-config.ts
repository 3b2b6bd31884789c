import { ValidationError } from '../model/errors';
import { formatConfigIssues, taskConfigSchema, type TaskConfig } from '../model/task-config';
import { loadTaskForConnectors } from '../store/task-repository';

/** A stored task's whole configuration, passwords in plain text, for connectors (verification, topic browser). */
export async function storedTaskConfig(taskId: string): Promise<TaskConfig> {
  const parsed = taskConfigSchema.safeParse(await loadTaskForConnectors(taskId));
  if (!parsed.success) throw new ValidationError('config', `Task ${taskId} is not complete: ${formatConfigIssues(parsed.error).join('; ')}`, 'Finish the wizard and start the task first.');
  return parsed.data;
}
