import { z } from 'zod';
import { getMonitoringSettings, recentAlerts, saveMonitoringSettings, taskAlertHistory } from '../../services/alerts/alert-settings';
import { createTRPCRouter, procedure } from '../trpc';

const taskInput = z.object({ taskId: z.string().min(1) });

/** Monitoring and Alerting on the task page, the task's alert history, and the header's bell. */
export const alertRouter = createTRPCRouter({
  settings: procedure.input(taskInput).query(({ input }) => getMonitoringSettings(input.taskId)),
  saveSettings: procedure.input(taskInput.extend({ monitoring: z.record(z.string(), z.unknown()) })).mutation(({ input }) => saveMonitoringSettings(input.taskId, input.monitoring)),
  history: procedure.input(taskInput.extend({ limit: z.number().int().min(1).max(500).default(100) })).query(({ input }) => taskAlertHistory(input.taskId, input.limit)),
  recent: procedure.input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 })).query(({ input }) => recentAlerts(input.limit)),
});
