import { z } from 'zod';

/**
 * "Monitoring and Alerting" of a task (the DTS wizard's field of that name, on Advanced Settings;
 * off by default), plus the two operating settings that go with it: the source heartbeat table and
 * the transaction retention an operator may drop an open transaction after. Shared by the wizard,
 * the API (task.saveSection, alert.saveSettings) and the CLI's task file.
 *
 *   { alerting: { enabled: true,
 *       rules: { taskFailed: { enabled: true }, latency: { enabled: true, seconds: 60, minutes: 5 }, … },
 *       webhooks: [{ url: 'https://hooks.example.com/o2k', secret: '…' }], emails: ['dba@example.com'] },
 *     heartbeat: { enabled: true, intervalSeconds: 10 },
 *     transactionRetentionMinutes: 60, autoDropAbandoned: false }
 *
 * Webhook secrets are stored encrypted (server/store/monitoring-secrets.ts); the API shows them as
 * "set"/"not set", and an empty secret on save keeps the stored one.
 */

function numIn(label: string, min: number, max: number, fallback: number) {
  const msg = `${label} must be a number from ${min} to ${max.toLocaleString('en-US')}; enter a value in that range.`;
  return z.coerce.number({ error: msg }).finite(msg).min(min, msg).max(max, msg).default(fallback);
}

const on = (enabled: boolean) => z.boolean().default(enabled);

export const alertRulesSchema = z.object({
  /** The task failed (its retry window ran out, or an error that is not retried). */
  taskFailed: z.object({ enabled: on(true) }).prefault({}),
  /** The task has been Retrying for more than `minutes`. */
  retrying: z.object({ enabled: on(true), minutes: numIn('Retrying for more than (minutes)', 0.05, 1440, 10) }).prefault({}),
  /** End-to-end latency above `seconds` for `minutes` in a row. */
  latency: z.object({ enabled: on(true), seconds: numIn('Latency above (seconds)', 1, 86_400, 60), minutes: numIn('Latency lasting (minutes)', 0.05, 1440, 5) }).prefault({}),
  /** Full data migration still running after `hours`. */
  fullTooLong: z.object({ enabled: on(false), hours: numIn('Full migration running longer than (hours)', 0.01, 720, 24) }).prefault({}),
  /** An archived log the checkpoint still needs will be purged within `hours` (database retention and log times). */
  logRetention: z.object({ enabled: on(true), hours: numIn('Needed archived log purged within (hours)', 0.001, 720, 6) }).prefault({}),
  /** The oldest open transaction the task buffers is older than `minutes`. */
  openTransaction: z.object({ enabled: on(false), minutes: numIn('Open transaction older than (minutes)', 0.05, 10_080, 60) }).prefault({}),
  /** The task's latest data verification found differences (or could not run); resolved by one that passes. */
  verification: z.object({ enabled: on(true) }).prefault({}),
});

export const ALERT_RULES = ['taskFailed', 'retrying', 'latency', 'fullTooLong', 'logRetention', 'openTransaction', 'verification'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const ALERT_RULE_LABEL: Record<AlertRule, string> = {
  taskFailed: 'Task failed',
  retrying: 'Retrying too long',
  latency: 'Latency too high',
  fullTooLong: 'Full migration too long',
  logRetention: 'Needed archived log about to be purged',
  openTransaction: 'Long open transaction',
  verification: 'Data verification found differences',
};

export const webhookChannelSchema = z.object({
  url: z
    .string()
    .trim()
    .url('A webhook URL must be a full http:// or https:// address, e.g. https://hooks.example.com/ora2kafka.')
    .refine((u) => /^https?:\/\//i.test(u), 'A webhook URL must start with http:// or https://.'),
  /** HMAC-SHA256 key for the X-Ora2Kafka-Signature header; empty on save = keep the stored one. */
  secret: z.string().max(200, 'A webhook secret has at most 200 characters.').default(''),
});

const email = z.string().trim().email('Enter an e-mail address such as dba@example.com.');

export const alertingSchema = z.object({
  enabled: z.boolean().default(false),
  rules: alertRulesSchema.prefault({}),
  /** In-app alerts (the bell) are always on while alerting is enabled. */
  webhooks: z.array(webhookChannelSchema).max(5, 'At most 5 webhooks per task.').default([]),
  emails: z.array(email).max(20, 'At most 20 e-mail contacts per task.').default([]),
});

export const heartbeatSchema = z.object({
  enabled: z.boolean().default(false),
  intervalSeconds: numIn('Heartbeat interval (seconds)', 1, 3600, 10),
});

export const monitoringSchema = z.object({
  alerting: alertingSchema.prefault({}),
  heartbeat: heartbeatSchema.prefault({}),
  /** An operator may drop an open transaction only once it is older than this (Debezium's transaction retention). */
  transactionRetentionMinutes: numIn('Transaction retention (minutes)', 0, 10_080, 60),
  /**
   * Drop a transaction open longer than the retention automatically (with a WARN naming XID, start
   * SCN, user and size) instead of only reporting it. Off by default: a dropped transaction's
   * changes are never migrated.
   */
  autoDropAbandoned: z.boolean().default(false),
}).superRefine((m, ctx) => {
  if (m.autoDropAbandoned && !(Number(m.transactionRetentionMinutes) > 0)) {
    ctx.addIssue({ code: 'custom', path: ['transactionRetentionMinutes'], message: 'Automatic dropping needs a transaction retention above 0 minutes (0 would drop every open transaction); enter the age after which a transaction counts as abandoned.' });
  }
});

export type MonitoringInput = z.input<typeof monitoringSchema>;
export type Monitoring = z.output<typeof monitoringSchema>;
export type AlertRules = z.output<typeof alertRulesSchema>;
export type Alerting = z.output<typeof alertingSchema>;

/** The heartbeat table the task writes on the source (in the migration account's schema). */
export const HEARTBEAT_TABLE = 'ORA2KAFKA_HEARTBEAT';
