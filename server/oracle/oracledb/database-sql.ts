import { FLUSH_TABLE, type DatabaseFlags, type LogMinerRow, type OpenTransaction, type RedoThreadState, type SessionPrivileges } from '../gateway';
import { parseScn } from '../../model/scn';

/**
 * Instance-level queries and their pure row mappers. Example V$DATABASE row and its flags:
 *   { LOG_MODE: 'ARCHIVELOG', FORCE_LOGGING: 'NO', SUPPLEMENTAL_LOG_DATA_MIN: 'IMPLICIT',
 *     SUPPLEMENTAL_LOG_DATA_PK: 'YES', SUPPLEMENTAL_LOG_DATA_UI: 'YES', SUPPLEMENTAL_LOG_DATA_ALL: 'NO' }
 *   → { logMode: 'ARCHIVELOG', forceLogging: false, supplementalLogMin: true, …Pk: true, …Ui: true, …All: false }
 * DATE columns of V$ views are in the database host's clock; `epochSecondsExpr` reads them as
 * "seconds since 1970 in host time" and the gateway subtracts the host's UTC offset.
 */

export const SESSION_NLS_SQL =
  "ALTER SESSION SET NLS_DATE_FORMAT = 'YYYY-MM-DD HH24:MI:SS' NLS_TIMESTAMP_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF' " +
  "NLS_TIMESTAMP_TZ_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM' NLS_NUMERIC_CHARACTERS = '.,' NLS_SORT = BINARY NLS_COMP = BINARY TIME_ZONE = '+00:00'";

export const HOST_UTC_OFFSET_SQL = `SELECT ROUND((SYSDATE - CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE)) * 86400) AS OFFSET_S FROM DUAL`;

export const DATABASE_SQL =
  'SELECT NAME, LOG_MODE, FORCE_LOGGING, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_PK, SUPPLEMENTAL_LOG_DATA_UI, ' +
  'SUPPLEMENTAL_LOG_DATA_ALL, CDB FROM V$DATABASE';

export const VERSION_SQL =
  "SELECT VERSION, (SELECT BANNER FROM V$VERSION WHERE BANNER LIKE 'Oracle%' AND ROWNUM = 1) AS BANNER " +
  "FROM PRODUCT_COMPONENT_VERSION WHERE PRODUCT LIKE 'Oracle%' AND ROWNUM = 1";

export const CONTAINER_SQL = "SELECT SYS_CONTEXT('USERENV', 'CON_NAME') AS CON_NAME FROM DUAL";
export const MINING_CONTAINER_SQL = "SELECT CDB, SYS_CONTEXT('USERENV', 'CON_NAME') AS CON_NAME FROM V$DATABASE";
export const RAC_SQL = "SELECT VALUE FROM V$PARAMETER WHERE NAME = 'cluster_database'";
/** Same answer as RAC_SQL for accounts without access to V$PARAMETER. */
export const IS_CLUSTER_DATABASE_PLSQL = 'BEGIN :r := CASE WHEN SYS.DBMS_UTILITY.IS_CLUSTER_DATABASE THEN 1 ELSE 0 END; END;';

/** ALTER SESSION SET CONTAINER; the name is checked by normalizePdbName (connect-descriptor.ts) first. */
export function setContainerSql(container: string): string {
  if (!/^[A-Z][A-Z0-9_$#]*$/.test(container)) throw new Error(`invalid container name ${container}`);
  return `ALTER SESSION SET CONTAINER = ${container}`;
}

/** Observed archive retention: age of the oldest archived log still on disk. */
export const ARCHIVE_AGE_SQL =
  "SELECT (SYSDATE - MIN(FIRST_TIME)) * 24 AS HOURS FROM V$ARCHIVED_LOG WHERE DELETED = 'NO' AND STATUS = 'A' AND STANDBY_DEST = 'NO'";

export const CURRENT_SCN_SQL = 'SELECT CURRENT_SCN FROM V$DATABASE';
/** Archived logs of this incarnation begun in the last :hours (every destination's copy: the gateway keeps one per log). */
export const ARCHIVED_LOG_VOLUME_SQL =
  `SELECT THREAD#, SEQUENCE#, (FIRST_TIME - DATE '1970-01-01') * 86400 AS FIRST_EPOCH, (NEXT_TIME - DATE '1970-01-01') * 86400 AS NEXT_EPOCH, BLOCKS * BLOCK_SIZE AS BYTES ` +
  `FROM V$ARCHIVED_LOG WHERE FIRST_TIME >= SYSDATE - :hours / 24 AND RESETLOGS_CHANGE# = (SELECT RESETLOGS_CHANGE# FROM V$DATABASE)`;
/** SYSTIMESTAMP in UTC, as epoch ms: the interval since 1970 in days, hours, minutes and seconds (to the millisecond). */
export const DATABASE_TIME_SQL = `SELECT EXTRACT(DAY FROM d) * 86400000 + EXTRACT(HOUR FROM d) * 3600000 + EXTRACT(MINUTE FROM d) * 60000 + ROUND(EXTRACT(SECOND FROM d) * 1000) AS EPOCH_MS
  FROM (SELECT SYS_EXTRACT_UTC(SYSTIMESTAMP) - TIMESTAMP '1970-01-01 00:00:00' AS d FROM DUAL)`;
export const SCN_TO_TIME_SQL = `SELECT (CAST(SCN_TO_TIMESTAMP(TO_NUMBER(:scn)) AS DATE) - DATE '1970-01-01') * 86400 AS EPOCH FROM DUAL`;

/**
 * Open transactions, XID as LogMiner prints it (RAWTOHEX of the same RAW(8)); see xid.ts. `view`
 * from openTransactionsView (gateway.ts): GV$TRANSACTION on RAC, where V$TRANSACTION lists only
 * the connected instance's transactions.
 */
export function openTransactionsSql(view: 'V$TRANSACTION' | 'GV$TRANSACTION'): string {
  return `SELECT RAWTOHEX(XID) AS XID, START_SCN, (START_DATE - DATE '1970-01-01') * 86400 AS START_EPOCH FROM ${view} ORDER BY START_SCN`;
}
export const OPEN_TRANSACTIONS_SQL = openTransactionsSql('V$TRANSACTION');

export const SESSION_USER_SQL = 'SELECT USER AS USERNAME FROM DUAL';
export const SESSION_PRIVS_SQL = 'SELECT PRIVILEGE FROM SESSION_PRIVS ORDER BY PRIVILEGE';
export const SESSION_ROLES_SQL = 'SELECT ROLE FROM SESSION_ROLES ORDER BY ROLE';
/**
 * Object grants to the account and its enabled roles (and the PUBLIC grants the precheck cares
 * about). SYS objects are narrowed to V_$ views and DBMS_ packages: SELECT_CATALOG_ROLE alone
 * brings thousands of other grants nobody needs here.
 */
export const OBJECT_PRIVS_SQL =
  'SELECT DISTINCT PRIVILEGE, TABLE_SCHEMA, TABLE_NAME FROM ALL_TAB_PRIVS WHERE ' +
  "(GRANTEE = USER OR GRANTEE IN (SELECT ROLE FROM SESSION_ROLES) OR (GRANTEE = 'PUBLIC' AND TABLE_SCHEMA = 'SYS' AND TABLE_NAME IN ('DBMS_LOGMNR', 'DBMS_METADATA', 'DBMS_FLASHBACK'))) " +
  "AND (TABLE_SCHEMA <> 'SYS' OR TABLE_NAME LIKE 'V\\_$%' ESCAPE '\\' OR TABLE_NAME LIKE 'DBMS\\_%' ESCAPE '\\') ORDER BY TABLE_SCHEMA, TABLE_NAME, PRIVILEGE";

type Row = Record<string, unknown>;
const yes = (v: unknown) => v !== null && v !== undefined && String(v) !== 'NO';

export function mapFlags(db: Row, archiveAgeHours: number | null): DatabaseFlags {
  return {
    logMode: String(db.LOG_MODE) === 'ARCHIVELOG' ? 'ARCHIVELOG' : 'NOARCHIVELOG',
    forceLogging: yes(db.FORCE_LOGGING),
    supplementalLogMin: yes(db.SUPPLEMENTAL_LOG_DATA_MIN),
    supplementalLogPk: yes(db.SUPPLEMENTAL_LOG_DATA_PK),
    supplementalLogUi: yes(db.SUPPLEMENTAL_LOG_DATA_UI),
    supplementalLogAll: yes(db.SUPPLEMENTAL_LOG_DATA_ALL),
    archiveRetentionHours: archiveAgeHours === null ? null : Math.floor(archiveAgeHours * 10) / 10,
  };
}

export function mapPrivileges(user: string, privs: Row[], roles: Row[], objects: Row[]): SessionPrivileges {
  return {
    user,
    systemPrivileges: privs.map((r) => String(r.PRIVILEGE)),
    roles: roles.map((r) => String(r.ROLE)),
    objectPrivileges: [...new Set(objects.map((r) => `${String(r.PRIVILEGE)} ON ${String(r.TABLE_SCHEMA)}.${String(r.TABLE_NAME)}`))],
  };
}

/** Epoch seconds in host time (a NUMBER fetched as text, possibly fractional) → epoch ms UTC. */
export function hostEpochToMs(value: unknown, hostOffsetSeconds: number): number {
  return Math.round(Number(value)) * 1000 - hostOffsetSeconds * 1000;
}

export function mapOpenTransaction(r: Row, hostOffsetSeconds: number): OpenTransaction {
  return { xid: String(r.XID), startScn: parseScn(String(r.START_SCN)), startTimeMs: hostEpochToMs(r.START_EPOCH, hostOffsetSeconds) };
}

/** LogMiner prints this ROW_ID on rows that concern no row (START, COMMIT, DDL). */
const NO_ROWID = 'AAAAAAAAAAAAAAAAAA';

/** One V$LOGMNR_CONTENTS row in CONTENTS_COLUMNS order (array fetch, NUMBER as text). */
export function mapLogMinerRow(r: unknown[], hostOffsetSeconds: number): LogMinerRow {
  const [scn, opCode, operation, sqlRedo, xid, csf, rowId, rollback, segOwner, tableName, tsEpoch, commitScn, userName, rsId, ssn, info, status, objectId, srcConName, conId] = r;
  const row: LogMinerRow = {
    scn: parseScn(String(scn)),
    operationCode: Number(opCode),
    operation: String(operation ?? ''),
    sqlRedo: sqlRedo == null ? null : String(sqlRedo),
    xid: String(xid ?? ''),
    csf: Number(csf) === 1 ? 1 : 0,
    rowId: rowId == null || rowId === NO_ROWID ? null : String(rowId),
    rollback: Number(rollback) === 1 ? 1 : 0,
    segOwner: segOwner == null ? null : String(segOwner),
    tableName: tableName == null ? null : String(tableName),
    timestampMs: tsEpoch == null ? 0 : hostEpochToMs(tsEpoch, hostOffsetSeconds),
    commitScn: commitScn == null ? null : parseScn(String(commitScn)),
    userName: userName == null ? null : String(userName),
    rsId: String(rsId ?? ''),
    ssn: Number(ssn ?? 0),
  };
  if (info != null) row.info = String(info);
  if (status != null) row.status = Number(status);
  if (objectId != null) row.objectId = Number(objectId);
  if (srcConName != null) row.srcConName = String(srcConName);
  if (conId != null) row.conId = Number(conId);
  return row;
}

/** V$THREAD: one row per redo thread (RAC instance); LAST_REDO_CHANGE# is how far its log writer wrote. */
export const THREADS_SQL = 'SELECT THREAD#, STATUS, LAST_REDO_CHANGE#, LAST_REDO_SEQUENCE# FROM V$THREAD ORDER BY THREAD#';

export function mapThread(r: Row): RedoThreadState {
  return { thread: Number(r['THREAD#']), open: String(r.STATUS) === 'OPEN', lastRedoScn: parseScn(String(r['LAST_REDO_CHANGE#'] ?? '0')), sequence: Number(r['LAST_REDO_SEQUENCE#'] ?? 0) };
}

/** The flush (in the account's own schema, unqualified): the commit makes this instance's LGWR write its buffer. */
export const FLUSH_UPDATE_SQL = `UPDATE ${FLUSH_TABLE} SET LAST_SCN = (SELECT CURRENT_SCN FROM V$DATABASE) WHERE ID = 1`;
export const FLUSH_TABLE_EXISTS_SQL = `SELECT COUNT(*) AS N FROM USER_TABLES WHERE TABLE_NAME = '${FLUSH_TABLE}'`;
