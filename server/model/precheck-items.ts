/**
 * The precheck items Ora2Kafka runs, their console names and which of them may be ignored, plus the
 * run summary (success rate, outcome). A stored item looks like
 *
 *   { code: 'ORACLE_TABLES_WITHOUT_KEY', name: 'Primary key or unique key of tables', status: 'warning',
 *     detail: '1 table has neither a primary key nor …: HR.AUDIT_LOG. …',        (DTS FailedReason)
 *     hint: 'Add a primary key (ALTER TABLE … ADD CONSTRAINT …)…',                 (DTS RepairMethod)
 *     ignorable: true, ignored: false }                                             (DTS IgnoreFlag)
 *
 * DTS's own codes are used where it publishes them (CHECK_CONN_SRC, CHECK_CONN_DEST); the Oracle and
 * Kafka items it documents without codes get descriptive ones.
 */

export type ItemStatus = 'pending' | 'passed' | 'failed' | 'warning';

export interface ItemResult {
  code: string;
  status: Exclude<ItemStatus, 'pending'>;
  detail: string;
  hint: string;
}

export const ITEM_NAMES: Record<string, string> = {
  CHECK_CONN_SRC: 'Source database connectivity',
  CHECK_SRC_VERSION: 'Source database version',
  CHECK_SRC_OBJECTS: 'Existence of the selected schemas and tables',
  ORACLE_LOG_MODE: 'Archive log mode (ARCHIVELOG)',
  ORACLE_SUPPLEMENTAL_LOG: 'Supplemental logging (primary key and unique key)',
  ORACLE_ARCHIVE_RETENTION: 'Retention of archived logs',
  ORACLE_FORCE_LOGGING: 'Force logging (changes that write no redo)',
  ORACLE_NOLOGGING_TABLES: 'NOLOGGING tables',
  ORACLE_CONTAINER: 'Multitenant container (CDB root, PDB and where LogMiner runs)',
  ORACLE_FLUSH_TABLE: 'Log writer flush table (LOG_MINING_FLUSH)',
  ORACLE_HEARTBEAT_TABLE: 'Heartbeat table (Monitoring and Alerting)',
  ORACLE_RAC_NODES: 'RAC instances whose log writers are flushed',
  ORACLE_REDO_VOLUME: 'Redo volume of the source (last 24 hours)',
  ORACLE_PRIVILEGES_SCHEMA: 'Source account privileges for schema migration',
  ORACLE_PRIVILEGES_FULL: 'Source account privileges for full data migration',
  ORACLE_PRIVILEGES_INCREMENTAL: 'Source account privileges for incremental data migration',
  ORACLE_TABLES_WITHOUT_KEY: 'Primary key or unique key of tables',
  ORACLE_NAME_LENGTH: 'Table names of at most 30 bytes',
  ORACLE_COLUMN_NAME_LENGTH: 'Column names of at most 30 bytes',
  ORACLE_UNSUPPORTED_TYPES: 'Column data types',
  ORACLE_LONG_COLUMNS: 'LONG and LONG RAW columns',
  ORACLE_ROW_FILTERS: 'Row filter conditions',
  CHECK_CONN_DEST: 'Destination Kafka cluster connectivity',
  CHECK_DEST_TOPIC: 'Destination topic exists',
  CHECK_DEST_DDL_TOPIC: 'Topic that stores DDL information exists',
  CHECK_DEST_CHECKPOINT_TOPIC: 'Checkpoint topic (exactly-once commits)',
  CHECK_DEST_DEAD_LETTER_TOPIC: 'Dead-letter topic (statements that cannot be parsed)',
  CHECK_DEST_SCHEMA_REGISTRY: 'Kafka Schema Registry',
  CHECK_DEST_CONFLICT: 'Existing data in the destination (Processing Mode of Conflicting Tables)',
};

export function itemName(code: string): string {
  return ITEM_NAMES[code] ?? code;
}

/**
 * Items whose failure is not critical — the task can run, with a documented consequence — are
 * reported as alerts (warnings), and only alerts can be ignored ("Confirm Alert Details > Ignore"),
 * as in DTS; a failed privilege, log mode, connectivity or missing-topic item never can, because
 * the task would fail on it.
 * - ORACLE_NAME_LENGTH: a DTS limit for database destinations; Kafka takes the long name as it is.
 * - CHECK_DEST_CONFLICT: records already in the topic stay there; consumers see both.
 */
const ALERT_WHEN_FAILED = new Set(['ORACLE_NAME_LENGTH', 'CHECK_DEST_CONFLICT']);

/** A result as the console reports it: a non-critical failure is an alert (warning). */
export function asReported<T extends ItemResult>(r: T): T {
  return r.status === 'failed' && ALERT_WHEN_FAILED.has(r.code) ? { ...r, status: 'warning' } : r;
}

export function isIgnorable(status: ItemStatus): boolean {
  return status === 'warning';
}

export type RunOutcome = 'Running' | 'Passed' | 'Failed';

export interface RunSummary {
  total: number;
  /** Items with a result (not pending). */
  done: number;
  passed: number;
  failed: number;
  warnings: number;
  ignored: number;
  /** Passed or ignored items as a whole percentage; 100 only when every item is. */
  successRate: number;
  outcome: RunOutcome;
}

export function summarize(items: readonly { status: string; ignored: boolean }[], finished: boolean): RunSummary {
  let done = 0;
  let passed = 0;
  let failed = 0;
  let warnings = 0;
  let ignored = 0;
  for (const i of items) {
    if (i.status !== 'pending') done++;
    if (i.status === 'passed') passed++;
    else if (i.ignored) ignored++;
    else if (i.status === 'failed') failed++;
    else if (i.status === 'warning') warnings++;
  }
  const total = items.length;
  const successRate = total === 0 ? 0 : Math.floor((100 * (passed + ignored)) / total);
  const complete = finished && done === total && total > 0;
  const outcome: RunOutcome = !complete ? (finished ? 'Failed' : 'Running') : passed + ignored === total ? 'Passed' : 'Failed';
  return { total, done, passed, failed, warnings, ignored, successRate, outcome };
}

/** Result for an item that could not be evaluated because an earlier one failed. */
export function notChecked(code: string, because: string): ItemResult {
  return { code, status: 'failed', detail: `Not checked: ${because}.`, hint: 'Fix the item named above, then click Precheck Again.' };
}
