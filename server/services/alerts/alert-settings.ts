import { ConfigValidationError, issuePath } from '../../model/wizard-sections';
import { monitoringSchema } from '../../model/task-monitoring';
import { countOpenEpisodes, listAlertEvents, type AlertEventView } from '../../store/alert-repository';
import { getTask, saveMonitoring } from '../../store/task-repository';

/**
 * Monitoring and Alerting after the wizard: read and change a task's settings on its page (any
 * status but Released; webhook secrets stay write-only), and the alert history (task page, bell).
 */
export async function getMonitoringSettings(taskId: string) {
  const task = await getTask(taskId);
  return monitoringSchema.parse((task.config as { monitoring?: unknown }).monitoring ?? {});
}

export async function saveMonitoringSettings(taskId: string, values: unknown): Promise<{ ok: true }> {
  const parsed = monitoringSchema.safeParse(values);
  if (!parsed.success) throw new ConfigValidationError(parsed.error.issues.map((i) => ({ path: issuePath(['monitoring', ...i.path]), message: i.message })));
  await saveMonitoring(taskId, parsed.data);
  return { ok: true };
}

export function taskAlertHistory(taskId: string, limit: number): Promise<AlertEventView[]> {
  return listAlertEvents({ taskId, limit });
}

export async function recentAlerts(limit: number): Promise<{ open: number; events: AlertEventView[] }> {
  return { open: await countOpenEpisodes(), events: await listAlertEvents({ limit }) };
}
