import type { TableMeta } from '../../model/oracle-types';
import type { DatabaseFlags } from '../gateway';
import { passed, type CheckResult, type MigrationTypes } from './types';

/**
 * Instance-level checks from V$DATABASE flags, e.g. for an incremental task on
 *   { logMode: 'NOARCHIVELOG', supplementalLogMin: true, supplementalLogPk: false, … }
 * → ORACLE_LOG_MODE failed (ARCHIVELOG needed), ORACLE_SUPPLEMENTAL_LOG failed (PK + UI needed).
 * Only incremental migration reads redo, so schema/full-only tasks pass these items.
 */

export function checkLogMode(flags: DatabaseFlags, types: MigrationTypes): CheckResult {
  const code = 'ORACLE_LOG_MODE';
  if (!types.incremental) return passed(code, `Log mode is ${flags.logMode}; only incremental migration needs ARCHIVELOG.`);
  if (flags.logMode === 'ARCHIVELOG') return passed(code, 'The database runs in ARCHIVELOG mode.');
  return {
    code,
    status: 'failed',
    detail: 'The database runs in NOARCHIVELOG mode: redo is overwritten before it can be read, so incremental migration is impossible.',
    hint: 'As SYSDBA: SHUTDOWN IMMEDIATE; STARTUP MOUNT; ALTER DATABASE ARCHIVELOG; ALTER DATABASE OPEN; then keep archived logs long enough (see the retention item).',
  };
}

/**
 * Key columns in UPDATE/DELETE redo: database-level MIN plus PRIMARY KEY and UNIQUE (or ALL)
 * logging; where the database has only MIN, table-level groups can stand in, table by table:
 *   MIN=YES, PK=NO at database level, HR.JOBS with ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY, UNIQUE) COLUMNS → passed
 *   the same, HR.REGIONS without any group → failed, naming HR.REGIONS with its ALTER TABLE
 */
export function checkSupplementalLogging(flags: DatabaseFlags, types: MigrationTypes, tables: readonly TableMeta[] = []): CheckResult {
  const code = 'ORACLE_SUPPLEMENTAL_LOG';
  const yn = (b: boolean) => (b ? 'YES' : 'NO');
  const state = `MIN=${yn(flags.supplementalLogMin)}, PK=${yn(flags.supplementalLogPk)}, UI=${yn(flags.supplementalLogUi)}, ALL=${yn(flags.supplementalLogAll)}`;
  if (!types.incremental) return passed(code, `Supplemental logging: ${state}; only incremental migration needs it.`);
  const databaseOk = flags.supplementalLogMin && (flags.supplementalLogAll || (flags.supplementalLogPk && flags.supplementalLogUi));
  if (databaseOk) return passed(code, `Supplemental logging: ${state}.`);
  const missing = [!flags.supplementalLogPk && 'PRIMARY KEY', !flags.supplementalLogUi && 'UNIQUE'].filter(Boolean).join(', ');
  const databaseFix = `ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;${missing ? ` ALTER DATABASE ADD SUPPLEMENTAL LOG DATA (${missing}) COLUMNS;` : ''} (in a CDB run it in CDB$ROOT), then ALTER SYSTEM SWITCH LOGFILE;`;
  if (!flags.supplementalLogMin || tables.length === 0 || tables.some((t) => !t.supplementalLogGroups)) {
    return {
      code,
      status: 'failed',
      detail: `Supplemental logging: ${state} — incremental migration needs minimal logging plus PRIMARY KEY and UNIQUE column logging (or ALL), otherwise UPDATE and DELETE redo lacks the row key.`,
      hint: databaseFix,
    };
  }
  // MIN at database level: each table's own groups decide.
  const lacking = tables.filter((t) => !tableLogsKeys(t, flags));
  const names = (list: readonly TableMeta[]) => list.map((t) => `${t.owner}.${t.name}`);
  if (lacking.length === 0) {
    return passed(code, `Supplemental logging: ${state} at database level; each of the ${tables.length} selected tables logs its key columns with table-level supplemental log groups.`);
  }
  return {
    code,
    status: 'failed',
    detail:
      `Supplemental logging: ${state} at database level, which is not enough on its own, and ${lacking.length} selected table${lacking.length === 1 ? ' has' : 's have'} no table-level supplemental logging of ${lacking.length === 1 ? 'its' : 'their'} key columns: ` +
      `${names(lacking).slice(0, 10).join(', ')}${lacking.length > 10 ? ', …' : ''}. Their UPDATE and DELETE redo would lack the row key.`,
    hint: `${lacking.slice(0, 20).map((t) => `ALTER TABLE ${quoted(t)} ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY, UNIQUE) COLUMNS;`).join(' ')}${lacking.length > 20 ? ' …' : ''} — or for the whole database: ${databaseFix}`,
    objects: names(lacking),
  };
}

/**
 * Does redo of this table carry its key? Database and table groups add up. PRIMARY KEY logging logs
 * the primary key, else a NOT NULL unique key, else every scalar column, so it serves any table.
 */
function tableLogsKeys(t: TableMeta, flags: DatabaseFlags): boolean {
  const g = t.supplementalLogGroups!;
  if (flags.supplementalLogAll || g.all) return true;
  const pk = flags.supplementalLogPk || g.pk;
  const ui = flags.supplementalLogUi || g.ui;
  if (t.primaryKey && t.primaryKey.length > 0) return pk;
  return t.uniqueKeys.length > 0 ? ui || pk : pk;
}

const quoted = (t: TableMeta) => `"${t.owner.replace(/"/g, '')}"."${t.name.replace(/"/g, '')}"`;

const DAY = 24;

export function checkArchiveRetention(flags: DatabaseFlags, types: MigrationTypes): CheckResult {
  const code = 'ORACLE_ARCHIVE_RETENTION';
  if (!types.incremental) return passed(code, 'Only incremental migration reads archived logs.');
  if (flags.logMode !== 'ARCHIVELOG') return { code, status: 'failed', detail: 'No archived logs are kept (NOARCHIVELOG mode).', hint: 'Enable ARCHIVELOG mode first (see the log mode item).' };
  const needHours = types.full ? 7 * DAY : DAY;
  const needText = types.full ? 'at least 7 days (full + incremental; 24 hours once the full load has finished)' : 'more than 24 hours (incremental only)';
  const hint = `Keep archived logs ${needText}: adjust the purge job or RMAN (CONFIGURE ARCHIVELOG DELETION POLICY …; DELETE ARCHIVELOG … COMPLETED BEFORE 'SYSDATE-${needHours / DAY}'), and make sure the archive destination has room for it.`;
  const have = flags.archiveRetentionHours;
  if (have === null) {
    return { code, status: 'warning', detail: `The archive retention could not be determined; Ora2Kafka needs ${needText}.`, hint };
  }
  const ok = types.full ? have >= needHours : have > needHours;
  const haveText = have >= DAY ? `${(have / DAY).toFixed(1)} days` : `${have} hours`;
  if (ok) return passed(code, `Archived logs are kept ${haveText}; ${needText} is needed.`);
  // A warning, not a failure: on a real database the figure is the age of the oldest archived log
  // still on disk, which is short on a young archive even when the purge policy keeps logs longer.
  return { code, status: 'warning', detail: `Archived logs are kept ${haveText}, less than the ${needText} this migration needs; if a log is purged before it is read the task fails.`, hint };
}

/**
 * FORCE LOGGING off: NOLOGGING tables and direct-path loads (INSERT with the APPEND hint, SQL*Loader
 * DIRECT=TRUE, CREATE TABLE … AS SELECT NOLOGGING) write no row redo, so LogMiner never sees those rows.
 */
export function checkForceLogging(flags: DatabaseFlags, types: MigrationTypes): CheckResult {
  const code = 'ORACLE_FORCE_LOGGING';
  if (!types.incremental) return passed(code, `FORCE_LOGGING is ${flags.forceLogging ? 'YES' : 'NO'}; only incremental migration reads redo.`);
  if (flags.forceLogging) return passed(code, 'FORCE_LOGGING is YES: every change writes redo, NOLOGGING and direct-path operations included.');
  return {
    code,
    status: 'warning',
    detail: 'FORCE_LOGGING is NO: direct-path loads (INSERT /*+ APPEND */, SQL*Loader DIRECT=TRUE) and NOLOGGING operations write no row redo, so rows they add are never migrated by incremental migration.',
    hint: 'As SYSDBA (in a CDB, in CDB$ROOT): ALTER DATABASE FORCE LOGGING; — or make sure nothing writes to the selected tables with direct-path or NOLOGGING operations while the task runs.',
  };
}
