import { z } from 'zod';
import { kafkaDestinationSchema } from './kafka-destination';
import { oracleSourceSchema } from './oracle-source';
import { advancedSettingsSchema, RETRY_LIMITS } from './task-advanced';
import { taskNameSchema } from './task-draft';
import { instanceClassSchema } from './task-instance-class';
import { filterIssues } from './task-filter-check';
import { mappingIssues, ObjectMapper } from './task-mapping';
import { MAX_TABLES_WITH_RENAMING, objectSelectionSchema } from './task-objects';

/**
 * A whole migration task as the wizard, the API and the CLI submit it (one rule, one place; no
 * Node APIs here, the browser imports it). Example (JSON, defaults filled in):
 *
 *   { "name": "hr_to_kafka",
 *     "source": { "host": "db1", "port": 1521, "kind": "sid", "database": "ORCL", "user": "DTS", "password": "…" },
 *     "destination": { "brokers": ["10.0.0.5:9092"], "topic": "oracle.hr", "ddlTopic": "oracle.ddl", … },
 *     "migrationTypes": { "schema": true, "full": true, "incremental": true },
 *     "conflictMode": "precheck-and-report", "dataFormat": "dts-avro", "partitionPolicy": "partition-0",
 *     "objects": { "schemas": [{ "name": "HR", "all": true }] },
 *     "advanced": { "connectRetryMinutes": 720, "otherRetryMinutes": 10, … },
 *     "instanceClass": "medium" }
 */

export const MIGRATION_TYPES = ['schema', 'full', 'incremental'] as const;
export type MigrationType = (typeof MIGRATION_TYPES)[number];

export const migrationTypesSchema = z
  .object({
    schema: z.boolean().default(true),
    full: z.boolean().default(true),
    incremental: z.boolean().default(true),
  })
  .refine((m) => m.schema || m.full || m.incremental, {
    message: 'Select at least one migration type; DTS recommends Schema Migration, Full Data Migration and Incremental Data Migration together.',
  });

export const CONFLICT_MODES = ['precheck-and-report', 'ignore'] as const;
export const CONFLICT_MODE_LABEL = { 'precheck-and-report': 'Precheck and Report Errors', ignore: 'Ignore Errors and Proceed' } as const;

export const DATA_FORMATS = ['dts-avro', 'shareplex-json'] as const;
export const DATA_FORMAT_LABEL = { 'dts-avro': 'DTS Avro', 'shareplex-json': 'SharePlex JSON' } as const;

export const PARTITION_POLICIES = ['partition-0', 'hash-table', 'hash-pk'] as const;
export type PartitionPolicy = (typeof PARTITION_POLICIES)[number];
export const PARTITION_POLICY_LABEL: Record<PartitionPolicy, string> = {
  'partition-0': 'Ship All Data to Partition 0',
  'hash-table': 'Ship Data to Separate Partitions Based on Hash Values of Database and Table Names',
  'hash-pk': 'Ship Data to Separate Partitions Based on Hash Values of Primary Keys',
};

export const taskConfigSchema = z
  .object({
    name: taskNameSchema,
    source: oracleSourceSchema,
    destination: kafkaDestinationSchema,
    migrationTypes: migrationTypesSchema.prefault({}),
    conflictMode: z.enum(CONFLICT_MODES, { error: 'Choose precheck-and-report (Precheck and Report Errors) or ignore (Ignore Errors and Proceed).' }).default('precheck-and-report'),
    dataFormat: z.enum(DATA_FORMATS, { error: 'Choose dts-avro (DTS Avro) or shareplex-json (SharePlex JSON).' }).default('dts-avro'),
    partitionPolicy: z.enum(PARTITION_POLICIES, { error: 'Choose partition-0 (Ship All Data to Partition 0), hash-table (hash of schema and table names) or hash-pk (hash of primary keys).' }).default('partition-0'),
    objects: objectSelectionSchema,
    advanced: advancedSettingsSchema.prefault({}),
    instanceClass: instanceClassSchema,
    /**
     * Tables to read while incremental migration runs, each request once: { id: 'r1', mode: 'add',
     * tables: ['HR.JOB_HISTORY'] } (source names). add: tables Modify Objects added; reread: tables
     * already migrating, read again on request.
     */
    snapshots: z
      .array(z.object({ id: z.string().min(1).max(64), mode: z.enum(['add', 'reread']).default('add'), tables: z.array(z.string().min(3).max(261)).min(1) }))
      .max(100)
      .default([]),
  })
  .superRefine((c, ctx) => {
    const a = c.advanced;
    // Only when both are valid on their own: an out-of-range value already has its own message.
    const inRange = (v: number, l: { min: number; max: number }) => Number.isInteger(v) && v >= l.min && v <= l.max;
    if (inRange(a.connectRetryMinutes, RETRY_LIMITS.connect) && inRange(a.otherRetryMinutes, RETRY_LIMITS.other) && a.otherRetryMinutes >= a.connectRetryMinutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['advanced', 'otherRetryMinutes'],
        message: `The wait time before a retry when other issues occur (${a.otherRetryMinutes} minutes) must be less than Retry Time for Failed Connections (${a.connectRetryMinutes} minutes); lower the wait time or raise Retry Time for Failed Connections.`,
      });
    }
    if (a.fullThrottle.enabled && !c.migrationTypes.full) {
      ctx.addIssue({
        code: 'custom',
        path: ['advanced', 'fullThrottle', 'enabled'],
        message: 'Throttling for full data migration needs Full Data Migration; select that migration type or turn the throttle off.',
      });
    }
    if (a.incrementalThrottle.enabled && !c.migrationTypes.incremental) {
      ctx.addIssue({
        code: 'custom',
        path: ['advanced', 'incrementalThrottle', 'enabled'],
        message: 'Throttling for incremental data migration needs Incremental Data Migration; select that migration type or turn the throttle off.',
      });
    }
    if (c.destination.schemaRegistry.enabled && c.dataFormat !== 'dts-avro') {
      ctx.addIssue({
        code: 'custom',
        path: ['destination', 'schemaRegistry', 'enabled'],
        message: 'The Schema Registry holds Avro schemas and works only with the DTS Avro data format; choose DTS Avro or turn Use Kafka Schema Registry off.',
      });
    }
    for (const issue of mappingIssues(c.objects)) ctx.addIssue({ code: 'custom', path: ['objects', ...issue.path], message: issue.message });
    const mapper = new ObjectMapper(c.objects);
    const listed = c.objects.schemas.reduce((n, s) => n + s.tables.length, 0);
    if (listed > MAX_TABLES_WITH_RENAMING && mapper.renamesTablesOrColumns()) {
      ctx.addIssue({
        code: 'custom',
        path: ['objects', 'schemas'],
        message: `${listed.toLocaleString('en-US')} tables are selected one by one with table or column renaming, and a task can rename at most ${MAX_TABLES_WITH_RENAMING.toLocaleString('en-US')}; split the tables across several tasks, or select whole schemas without renaming.`,
      });
    }
    for (const issue of filterIssues(c.objects)) ctx.addIssue({ code: 'custom', path: ['objects', ...issue.path], message: issue.message });
  });

export type TaskConfigInput = z.input<typeof taskConfigSchema>;
export type TaskConfig = z.output<typeof taskConfigSchema>;

/** Advice that does not block the task (shown in the wizard's review step and logged at start). */
export function taskWarnings(c: TaskConfig): string[] {
  const out: string[] = [];
  if (c.migrationTypes.full && !c.migrationTypes.incremental) {
    out.push('Incremental Data Migration is not selected: writes to the source during the migration are not captured. Do not write to the source database while the task runs, or select all three migration types.');
  }
  if (!c.migrationTypes.schema && (c.migrationTypes.full || c.migrationTypes.incremental)) {
    out.push('Schema Migration is not selected: no DDL records describe the tables before their data arrives.');
  }
  if (c.conflictMode === 'ignore') {
    out.push('Ignore Errors and Proceed skips the check for existing objects with the same names; records with matching primary keys are not migrated, and schema mismatches may cause partial migration or task failure.');
  }
  if (c.migrationTypes.incremental && c.advanced.connectRetryMinutes < 30) {
    out.push(`Retry Time for Failed Connections is ${c.advanced.connectRetryMinutes} minutes; DTS advises more than 30 so a short network outage does not fail the task.`);
  }
  return out;
}

/** Zod issues as "field.path: message" lines, for the CLI and API clients (the form shows the message beside the field). */
export function formatConfigIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
}
