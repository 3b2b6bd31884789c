import type { CONFLICT_MODES, DATA_FORMATS, PartitionPolicy } from '@/server/model/task-config';
import { advancedSettingsSchema } from '@/server/model/task-advanced';
import type { UnencodablePolicy, WriteCharset } from '@/server/model/write-charset';
import { defaultTaskName, type SourceDestinationStepInput } from '@/server/model/task-draft';
import type { InstanceClass } from '@/server/model/task-instance-class';
import type { ObjectSelection } from '@/server/model/task-objects';
import { WIZARD_STEPS, type WizardStepId } from '@/server/model/wizard-steps';
import { initialMonitoring, monitoringFromStored, type MonitoringValues } from '@/components/monitoring/monitoring-values';
import { DEFAULT_RESOURCE_GROUP, SECTION_KEYS, type WizardSection, type WizardTaskInput } from '@/server/model/wizard-sections';

/**
 * The wizard's form values: one object for all seven steps, shaped like the task the API takes, so
 * that each step is checked with the API's own schema (server/model/wizard-sections.ts) and saving
 * is a pick of keys. Numbers typed into inputs stay strings until the schema coerces them, so a
 * cleared field is reported ("must be a whole number from 10 to 1,440") instead of silently
 * becoming the default.
 *
 *   buildTaskConfig(values)           → WizardTaskInput (what task.start validates)
 *   buildSection('advanced', values)  → { advanced: { connectRetryMinutes: '720', … } } (task.saveSection)
 *   valuesFromTask(task.get result)   → values to edit a saved draft (passwords blank = keep stored)
 */
type Num = number | string;

export interface AdvancedValues {
  connectRetryMinutes: Num;
  otherRetryMinutes: Num;
  fullThrottle: { enabled: boolean; sourceQps: Num; rps: Num; mbps: Num };
  incrementalThrottle: { enabled: boolean; rps: Num; mbps: Num };
  fullParallelism: Num;
  chunkSize: Num;
  environmentTag: string;
  /** "Select the dedicated cluster used to schedule the task" (server/model/cluster.ts). */
  cluster: string;
  unreadableRedo: 'fail' | 'dead-letter';
  deadLetterTopic: string;
  writeCharset: WriteCharset;
  unencodableCharacters: UnencodablePolicy;
  /** Configure ETL: Yes/No and the script (language: server/model/etl). */
  etl: { enabled: boolean; script: string };
}

export type WizardValues = SourceDestinationStepInput & {
  /** Saved instances picked in step 1 ('' = none): the server fills blank passwords from them. */
  instances: { source: string; destination: string };
  migrationTypes: { schema: boolean; full: boolean; incremental: boolean };
  conflictMode: (typeof CONFLICT_MODES)[number];
  dataFormat: (typeof DATA_FORMATS)[number];
  partitionPolicy: PartitionPolicy;
  objects: ObjectSelection;
  advanced: AdvancedValues;
  monitoring: MonitoringValues;
  instanceClass: InstanceClass;
  resourceGroup: string;
};

export function initialValues(now = new Date()): WizardValues {
  return {
    name: defaultTaskName(now),
    instances: { source: '', destination: '' },
    source: { host: '', port: 1521, kind: 'sid', database: '', user: '', password: '', pdb: '', encryption: 'none', walletLocation: '', walletPassword: '', serverDnMatch: true, serverCertDn: '' },
    destination: {
      brokers: '',
      port: 9092,
      kafkaVersion: '4.x',
      connectionMethod: 'plaintext',
      username: '',
      password: '',
      tls: false,
      caPem: '',
      topic: '',
      ddlTopic: '',
      schemaRegistry: { enabled: false, url: '' },
    },
    // DTS recommends all three migration types together.
    migrationTypes: { schema: true, full: true, incremental: true },
    conflictMode: 'precheck-and-report',
    dataFormat: 'dts-avro',
    partitionPolicy: 'partition-0',
    objects: { schemas: [], batchRules: [] },
    advanced: advancedSettingsSchema.parse({}),
    // Monitoring and Alerting: off by default, as in DTS.
    monitoring: initialMonitoring(),
    instanceClass: 'medium',
    resourceGroup: DEFAULT_RESOURCE_GROUP,
  };
}

/** The whole task as the API validates it. */
export function buildTaskConfig(v: WizardValues): WizardTaskInput {
  return {
    name: v.name,
    source: v.source,
    destination: v.destination,
    migrationTypes: v.migrationTypes,
    conflictMode: v.conflictMode,
    dataFormat: v.dataFormat,
    partitionPolicy: v.partitionPolicy,
    objects: {
      batchRules: v.objects.batchRules,
      schemas: v.objects.schemas.map((s) => ({
        ...s,
        // A table without its own operations follows its schema's.
        tables: s.tables.map(({ operations, ...t }) => (operations ? { ...t, operations } : t)),
      })),
    },
    advanced: v.advanced,
    monitoring: v.monitoring,
    instanceClass: v.instanceClass,
    resourceGroup: v.resourceGroup,
  };
}

/** What task.saveSection takes for one step. */
export function buildSection(section: WizardSection, v: WizardValues): Record<string, unknown> {
  const task = buildTaskConfig(v) as Record<string, unknown>;
  return Object.fromEntries(SECTION_KEYS[section].map((k) => [k, task[k]]));
}

/** The section a step saves on Next (steps 1, 2, 5 and 7 save nothing here). */
export const STEP_SECTION: Partial<Record<WizardStepId, WizardSection>> = { objects: 'objects', advanced: 'advanced', instance: 'instance' };

export function stepIndex(id: WizardStepId): number {
  return WIZARD_STEPS.findIndex((s) => s.id === id);
}

/** A saved task (task.get's config, passwords as "set"/"not set") as form values; blank passwords keep the stored ones. */
export function valuesFromTask(task: { name: string; config: Record<string, unknown> }): WizardValues {
  const init = initialValues();
  const c = task.config as Partial<WizardValues> & {
    source: WizardValues['source'];
    destination: Omit<WizardValues['destination'], 'brokers'> & { brokers: string[] | string };
  };
  const dst = c.destination;
  return {
    ...init,
    name: task.name,
    source: { ...init.source, ...c.source, password: '', walletPassword: '' },
    destination: { ...init.destination, ...dst, brokers: Array.isArray(dst.brokers) ? dst.brokers.join(',') : dst.brokers, password: '' },
    migrationTypes: c.migrationTypes ?? init.migrationTypes,
    conflictMode: c.conflictMode ?? init.conflictMode,
    dataFormat: c.dataFormat ?? init.dataFormat,
    partitionPolicy: c.partitionPolicy ?? init.partitionPolicy,
    objects: c.objects ?? init.objects,
    advanced: c.advanced ? { ...init.advanced, ...c.advanced } : init.advanced,
    monitoring: monitoringFromStored(c.monitoring),
    instanceClass: c.instanceClass ?? init.instanceClass,
    resourceGroup: c.resourceGroup ?? init.resourceGroup,
  };
}

/** Errors under a dotted path prefix, e.g. every problem of one selected table. */
export function errorsUnder(errors: Record<string, string>, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`))
    .map(([, m]) => m);
}
