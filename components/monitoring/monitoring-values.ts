import { monitoringSchema, type Monitoring } from '@/server/model/task-monitoring';

/**
 * Monitoring and Alerting as form values (wizard step 4 and the task page): the API's shape, with
 * numbers allowed to stay strings until the schema coerces them (so a cleared field is reported,
 * not silently defaulted). Webhook secrets are write-only: a stored one comes back blank, and a
 * blank secret on save keeps the stored one.
 *
 *   monitoringFromStored({ alerting: { webhooks: [{ url: 'https://h/x', secret: 'set' }] } })
 *     → { alerting: { enabled: false, webhooks: [{ url: 'https://h/x', secret: '' }], … }, heartbeat: {…}, … }
 */
type Loose<T> = T extends number ? number | string : T extends (infer U)[] ? Loose<U>[] : T extends object ? { [K in keyof T]: Loose<T[K]> } : T;

export type MonitoringValues = Loose<Monitoring>;

export function initialMonitoring(): MonitoringValues {
  return monitoringSchema.parse({});
}

export function monitoringFromStored(stored: unknown): MonitoringValues {
  const parsed = monitoringSchema.safeParse(stored ?? {});
  const m = parsed.success ? parsed.data : initialMonitoring();
  return { ...m, alerting: { ...m.alerting, webhooks: m.alerting.webhooks.map((h) => ({ url: h.url, secret: '' })) } };
}
