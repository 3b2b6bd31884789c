/**
 * Oracle-side precheck results, one per item, in the shape the precheck service shows:
 *   { code: 'ORACLE_SUPPLEMENTAL_LOG', status: 'failed',
 *     detail: 'Supplemental logging: MIN=YES, PK=NO, UI=NO, ALL=NO — incremental migration needs PK and UI (or ALL).',
 *     hint: 'ALTER DATABASE ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY, UNIQUE) COLUMNS;' }
 */
export type CheckStatus = 'passed' | 'failed' | 'warning';

export interface CheckResult {
  code: string;
  status: CheckStatus;
  detail: string;
  hint: string;
  /** Objects the result is about ("HR.AUDIT_LOG", "SELECT ON SYS.V_$LOG"), when any. */
  objects?: string[];
}

export interface MigrationTypes {
  schema: boolean;
  full: boolean;
  incremental: boolean;
}

export interface PrecheckScope {
  /** Owners whose objects are migrated. */
  owners: string[];
  /** Selected tables; absent = every table of the owners. */
  tables?: { owner: string; table: string }[];
  /** RAC instance addresses the task flushes (OracleConnectionSettings.racNodes). */
  racNodes?: string[];
  /** The task writes the heartbeat table (Monitoring and Alerting → heartbeat). */
  heartbeat?: boolean;
}

export const passed = (code: string, detail: string): CheckResult => ({ code, status: 'passed', detail, hint: '' });
