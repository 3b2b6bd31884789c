import { z } from 'zod';
import { clusterNameSchema } from './cluster';
import { UNENCODABLE_POLICIES, WRITE_CHARSETS } from './write-charset';

/**
 * Step 5 of the DTS wizard, "Advanced Settings": the two retry windows, throttling per phase, and
 * what Ora2Kafka adds (parallel tables and chunk size of the full load, environment tag).
 *
 *   { connectRetryMinutes: 720, otherRetryMinutes: 10,
 *     fullThrottle: { enabled: true, sourceQps: 500, rps: 20000, mbps: 20 },
 *     incrementalThrottle: { enabled: false, rps: 10000, mbps: 10 },
 *     fullParallelism: 4, chunkSize: 10000, environmentTag: 'production', cluster: 'default',
 *     unreadableRedo: 'dead-letter', deadLetterTopic: 'oracle.hr-dead-letter',
 *     writeCharset: 'gbk', unencodableCharacters: 'fail',
 *     etl: { enabled: true, script: 'for HR.EMPLOYEES { mask EMAIL hash; }' } }
 *
 * Cross-field rules (otherRetryMinutes < connectRetryMinutes, throttles only for selected phases)
 * live in task-config.ts, where the migration types are known.
 */

function intIn(label: string, min: number, max: number, fallback: number) {
  const msg = `${label} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}; enter a value in that range.`;
  return z.coerce.number({ error: msg }).int(msg).min(min, msg).max(max, msg).default(fallback);
}

function numIn(label: string, min: number, max: number, fallback: number) {
  const msg = `${label} must be a number from ${min} to ${max.toLocaleString('en-US')}; enter a value in that range.`;
  return z.coerce.number({ error: msg }).finite(msg).min(min, msg).max(max, msg).default(fallback);
}

export const RETRY_LIMITS = {
  connect: { min: 10, max: 1440, default: 720 },
  other: { min: 1, max: 1440, default: 10 },
} as const;

export const THROTTLE_LIMITS = {
  sourceQps: { min: 1, max: 100_000, default: 500 },
  rps: { min: 1, max: 10_000_000, default: 20_000 },
  mbps: { min: 0.1, max: 10_240, default: 20 },
} as const;

export const fullThrottleSchema = z.object({
  enabled: z.boolean().default(false),
  /** Queries per second sent to the source (each chunk read is one query). */
  sourceQps: intIn('Queries per second (QPS) to the source database', THROTTLE_LIMITS.sourceQps.min, THROTTLE_LIMITS.sourceQps.max, THROTTLE_LIMITS.sourceQps.default),
  rps: intIn('RPS of Full Data Migration', THROTTLE_LIMITS.rps.min, THROTTLE_LIMITS.rps.max, THROTTLE_LIMITS.rps.default),
  mbps: numIn('Data migration speed for full migration (MB/s)', THROTTLE_LIMITS.mbps.min, THROTTLE_LIMITS.mbps.max, THROTTLE_LIMITS.mbps.default),
});

export const incrementalThrottleSchema = z.object({
  enabled: z.boolean().default(false),
  rps: intIn('RPS of Incremental Data Migration', THROTTLE_LIMITS.rps.min, THROTTLE_LIMITS.rps.max, 10_000),
  mbps: numIn('Data migration speed for incremental migration (MB/s)', THROTTLE_LIMITS.mbps.min, THROTTLE_LIMITS.mbps.max, 10),
});

/** Longest ETL script (server/model/etl) a task may hold. */
export const ETL_SCRIPT_MAX_LENGTH = 20_000;

/**
 * "Configure ETL": Yes/No and the script (language in server/model/etl/index.ts). The script is
 * checked against the selected tables' columns when the section is saved (a service: only the
 * source database knows the columns); here only its presence and length.
 */
export const etlSettingsSchema = z
  .object({
    enabled: z.boolean().default(false),
    script: z.string().max(ETL_SCRIPT_MAX_LENGTH, `An ETL script has at most ${ETL_SCRIPT_MAX_LENGTH.toLocaleString('en-US')} characters; shorten it.`).default(''),
  })
  .refine((e) => !e.enabled || e.script.trim() !== '', { message: 'Configure ETL is Yes but the ETL script is empty; write statements such as: for HR.EMPLOYEES { mask EMAIL hash; }, or choose No.', path: ['script'] });

export const advancedSettingsSchema = z.object({
  /** "Select the dedicated cluster used to schedule the task": the workers that run it (model/cluster.ts). */
  cluster: clusterNameSchema,
  /** "Retry Time for Failed Connections", minutes. */
  connectRetryMinutes: intIn('Retry Time for Failed Connections (minutes)', RETRY_LIMITS.connect.min, RETRY_LIMITS.connect.max, RETRY_LIMITS.connect.default),
  /** "The wait time before a retry when other issues occur in the source and destination databases", minutes. */
  otherRetryMinutes: intIn('Retry time when other issues occur (minutes)', RETRY_LIMITS.other.min, RETRY_LIMITS.other.max, RETRY_LIMITS.other.default),
  fullThrottle: fullThrottleSchema.prefault({}),
  incrementalThrottle: incrementalThrottleSchema.prefault({}),
  /** Tables the full load reads at the same time. */
  fullParallelism: intIn('Tables read in parallel during full migration', 1, 32, 4),
  /** Rows per keyset chunk of the full load (one query, one checkpoint). */
  chunkSize: intIn('Rows per chunk of the full migration', 100, 100_000, 10_000),
  environmentTag: z
    .string()
    .trim()
    .max(64, 'An environment tag has at most 64 characters; shorten it (e.g. "production").')
    .default(''),
  /**
   * "Statements that cannot be parsed": stop the task (default), or write each such change to a
   * dead-letter topic (its SQL_REDO, SCN, XID, table and the parser's reason) and go on.
   */
  unreadableRedo: z.enum(['fail', 'dead-letter'], { error: 'Statements that cannot be parsed: choose "Fail the task" or "Write to a dead-letter topic".' }).default('fail'),
  /** Dead-letter topic; blank = "<Topic>-dead-letter". */
  deadLetterTopic: z
    .string()
    .trim()
    .default('')
    .refine((s) => s === '' || /^[A-Za-z0-9._-]{1,249}$/.test(s), 'A dead-letter topic name has 1–249 characters from letters, digits, ".", "_" and "-" (or leave it blank for "<Topic>-dead-letter").'),
  /** "Actual Write Code": the character set of text written to Kafka (see write-charset.ts). */
  writeCharset: z.enum(WRITE_CHARSETS, { error: `Actual Write Code must be one of ${WRITE_CHARSETS.join(', ')}; pick one from the list.` }).default('utf8'),
  /** A character the Actual Write Code lacks: stop the task naming table, column and key (default), or write "?". */
  unencodableCharacters: z.enum(UNENCODABLE_POLICIES, { error: 'Characters that cannot be encoded: choose "Fail the task" or "Replace with ?".' }).default('fail'),
  etl: etlSettingsSchema.prefault({}),
});

/** The topic changes that cannot be read go to under the dead-letter policy. */
export function deadLetterTopicOf(advanced: Pick<AdvancedSettings, 'deadLetterTopic'>, topic: string): string {
  return advanced.deadLetterTopic || `${topic}-dead-letter`;
}

export type AdvancedSettingsInput = z.input<typeof advancedSettingsSchema>;
export type AdvancedSettings = z.output<typeof advancedSettingsSchema>;
export type FullThrottle = z.output<typeof fullThrottleSchema>;
export type EtlSettings = z.output<typeof etlSettingsSchema>;
export type IncrementalThrottle = z.output<typeof incrementalThrottleSchema>;
