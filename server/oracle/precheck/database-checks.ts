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

export function checkSupplementalLogging(flags: DatabaseFlags, types: MigrationTypes): CheckResult {
  const code = 'ORACLE_SUPPLEMENTAL_LOG';
  const yn = (b: boolean) => (b ? 'YES' : 'NO');
  const state = `MIN=${yn(flags.supplementalLogMin)}, PK=${yn(flags.supplementalLogPk)}, UI=${yn(flags.supplementalLogUi)}, ALL=${yn(flags.supplementalLogAll)}`;
  if (!types.incremental) return passed(code, `Supplemental logging: ${state}; only incremental migration needs it.`);
  const ok = flags.supplementalLogMin && (flags.supplementalLogAll || (flags.supplementalLogPk && flags.supplementalLogUi));
  if (ok) return passed(code, `Supplemental logging: ${state}.`);
  const missing = [!flags.supplementalLogPk && 'PRIMARY KEY', !flags.supplementalLogUi && 'UNIQUE'].filter(Boolean).join(', ');
  return {
    code,
    status: 'failed',
    detail: `Supplemental logging: ${state} — incremental migration needs minimal logging plus PRIMARY KEY and UNIQUE column logging (or ALL), otherwise UPDATE and DELETE redo lacks the row key.`,
    hint: `ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;${missing ? ` ALTER DATABASE ADD SUPPLEMENTAL LOG DATA (${missing}) COLUMNS;` : ''} (in a CDB run it in CDB$ROOT), then ALTER SYSTEM SWITCH LOGFILE;`,
  };
}

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
