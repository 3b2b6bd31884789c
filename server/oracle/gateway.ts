import type { Scn } from '../model/scn';
import type { ColumnValue, SchemaObject, SchemaObjectType, TableMeta } from '../model/oracle-types';
import type { FilterExpr } from '../model/row-filter-ast';

/**
 * The only door to an Oracle database. Two implementations: `oracledb/` (real SQL over the thin
 * driver) and `sim/` (an in-process model for tests and the demo). Everything above this interface —
 * snapshot reader, LogMiner pipeline, precheck, engine — is shared and cannot tell them apart.
 */

export type OracleKind = 'sid' | 'service';

export interface OracleConnectionSettings {
  host: string;
  port: number;
  /** Non-RAC instance → SID; RAC or PDB instance → service name (DTS "Oracle Type"). */
  kind: OracleKind;
  /** The SID or the service name, per `kind`. */
  database: string;
  user: string;
  password: string;
  /**
   * Multitenant: the PDB that holds the tables, when connected to the CDB root's service with a
   * common user. Metadata and snapshots are read in the PDB (ALTER SESSION SET CONTAINER); LogMiner
   * runs in CDB$ROOT, filtered by SRC_CON_NAME. Empty/absent: read and mine where connected.
   */
  pdb?: string;
  /** Transport: 'none' = TCP (default), 'tls' = TCPS. Oracle native network encryption is not available in thin mode. */
  encryption?: 'none' | 'tls';
  /** TLS: folder on the Ora2Kafka host holding ewallet.pem (PEM wallet: CA certificates, and for mutual TLS a client certificate and key). */
  walletLocation?: string;
  /** TLS: password of an encrypted key in ewallet.pem. */
  walletPassword?: string;
  /** TLS: check the server certificate's name (host name, or `serverCertDn` when set). Default true. */
  serverDnMatch?: boolean;
  /** TLS: the full DN the server certificate must carry, e.g. "CN=db1.example.com,O=Example". */
  serverCertDn?: string;
  /**
   * RAC: every instance's address ("host:port", same service), so the log writer of each one can
   * be made to write its buffer before a mining window (see `flushRedo`). Without them only the
   * connected instance is flushed and mining waits for the others' own writes.
   */
  racNodes?: string[];
}

/** One row of V$THREAD: a redo thread (one per RAC instance) and how far its log writer has written. */
export interface RedoThreadState {
  thread: number;
  /** STATUS = 'OPEN': the instance runs (a CLOSED thread holds no unwritten redo). */
  open: boolean;
  /** LAST_REDO_CHANGE#: the highest SCN written to this thread's log; redo below it is all on disk. */
  lastRedoScn: Scn;
  /** LAST_REDO_SEQUENCE#. */
  sequence: number;
}

/** The table whose update and commit make a log writer write (Debezium's LOG_MINING_FLUSH), in the migration account's schema. */
export const FLUSH_TABLE = 'LOG_MINING_FLUSH';

/**
 * Which view lists open transactions: GV$TRANSACTION on RAC — V$TRANSACTION is instance-local, and a
 * transaction open on another instance at the snapshot SCN would lose its early changes — else
 * V$TRANSACTION. Both gateways decide with this one rule.
 */
export function openTransactionsView(rac: boolean): 'GV$TRANSACTION' | 'V$TRANSACTION' {
  return rac ? 'GV$TRANSACTION' : 'V$TRANSACTION';
}

export interface DatabaseInfo {
  /** e.g. "19.0.0.0.0" */
  version: string;
  banner: string;
  dbName: string;
  /** V$DATABASE.CDB = 'YES' */
  cdb: boolean;
  /**
   * Container the data is read in (SYS_CONTEXT('USERENV', 'CON_NAME')): a PDB, e.g. "ORCLPDB1" (also
   * when connected to the root with `pdb` set), "CDB$ROOT", or null for a non-CDB.
   */
  containerName: string | null;
  /** Container LogMiner runs in: "CDB$ROOT" (root, or root + PDB), the PDB (per-PDB mining, 19c+), null for a non-CDB. */
  miningContainer?: string | null;
  /** cluster_database = TRUE: open transactions are read from GV$TRANSACTION. */
  rac: boolean;
}

export interface DatabaseFlags {
  logMode: 'ARCHIVELOG' | 'NOARCHIVELOG';
  forceLogging: boolean;
  supplementalLogMin: boolean;
  supplementalLogPk: boolean;
  supplementalLogUi: boolean;
  supplementalLogAll: boolean;
  /** Hours archived logs are kept before the site's purge job removes them (deployment fact; null if unknown). */
  archiveRetentionHours: number | null;
}

export interface SessionPrivileges {
  user: string;
  systemPrivileges: string[];
  roles: string[];
  /** Object grants as "PRIVILEGE ON OWNER.OBJECT" (e.g. "SELECT ON SYS.V_$LOGMNR_CONTENTS"). */
  objectPrivileges: string[];
  /**
   * When LogMiner runs in another container than the data is read in (CDB root + PDB): the
   * account's privileges there (CDB$ROOT). Absent: mining uses the privileges above.
   */
  mining?: { container: string; systemPrivileges: string[]; roles: string[]; objectPrivileges: string[] };
}

export interface TableSummary {
  owner: string;
  name: string;
  rowCountEstimate: number | null;
  hasPrimaryKey: boolean;
  hasUniqueKey: boolean;
}

export interface ChunkRequest {
  owner: string;
  table: string;
  /** Flashback SCN: the read is `AS OF SCN :scn`. */
  scn: Scn;
  /**
   * Columns to order and page by (primary key, or a unique key with NOT NULL columns), in key
   * order. Tables without such a key page by the ROWID pseudo-column: `keyColumns: ['ROWID']`;
   * the ROWID is then not part of the returned rows, only of `lastKey` (`['AAAR3sAAEAAAACXAAA']`).
   */
  keyColumns: string[];
  /** Last key of the previous chunk (`Chunk.lastKey`); null for the first chunk. */
  afterKey: ColumnValue[] | null;
  limit: number;
  /** Validated row filter (already checked against the table's columns). */
  filter?: FilterExpr;
  /**
   * ROWID paging within one range of `rowidRanges`: only rows with ROWID <= this one. The chunk's
   * `lastKey` is then the last row's ROWID whenever rows came back (the range is exhausted when
   * fewer than `limit` rows did), so the next range continues after it.
   */
  rowidUpTo?: string;
}

export interface Chunk {
  /** Rows with values in `TableMeta.columns` order. */
  rows: ColumnValue[][];
  /** Key of the last row, for the next request; null when the table is exhausted. */
  lastKey: ColumnValue[] | null;
}

export interface OpenTransaction {
  /** XID as LogMiner prints it (16 uppercase hex digits). */
  xid: string;
  startScn: Scn;
  startTimeMs: number;
}

export interface ArchivedLogVolume {
  thread: number;
  sequence: number;
  firstTimeMs: number;
  nextTimeMs: number;
  bytes: number;
}

export interface RedoLogFile {
  name: string;
  thread: number;
  sequence: number;
  firstScn: Scn;
  /** First SCN of the next log; for the CURRENT online log, null (still being written). */
  nextScn: Scn | null;
  kind: 'ARCHIVED' | 'ONLINE';
  /** For online logs: CURRENT, ACTIVE, INACTIVE. */
  status?: 'CURRENT' | 'ACTIVE' | 'INACTIVE';
  firstTimeMs: number;
  /** NEXT_TIME: when the log was switched out (archived logs; the retention clock starts here). */
  nextTimeMs?: number | null;
}

/** One row of V$LOGMNR_CONTENTS, only the columns we read. */
export interface LogMinerRow {
  scn: Scn;
  /** 1 INSERT, 2 DELETE, 3 UPDATE, 5 DDL, 6 START, 7 COMMIT, 9 SELECT_LOB_LOCATOR, 10 LOB_WRITE,
   *  11 LOB_TRIM, 29 LOB_ERASE, 36 ROLLBACK, 255 UNSUPPORTED. */
  operationCode: number;
  operation: string;
  /** Mined with NO_ROWID_IN_STMT: no `and ROWID = '…'` term (ROW_ID carries it); see oracledb/logminer-sql.ts. */
  sqlRedo: string | null;
  xid: string;
  /** 1 when SQL_REDO continues in the next row (statement longer than 4000 bytes). */
  csf: 0 | 1;
  rowId: string | null;
  /** 1 when this row undoes an earlier change of the same transaction (partial rollback). */
  rollback: 0 | 1;
  segOwner: string | null;
  tableName: string | null;
  timestampMs: number;
  /** Set on COMMIT rows (and on all rows when mining COMMITTED_DATA_ONLY). */
  commitScn: Scn | null;
  userName: string | null;
  /** RS_ID + SSN identify a row uniquely inside a mining session; used for de-duplication on window overlap. */
  rsId: string;
  ssn: number;
  /**
   * INFO: for DDL 'USER DDL (PlSql=0 RecDep=0)', or 'INTERNAL DDL' for DDL Oracle ran itself
   * (not the user's; never migrated); 'Dictionary Mismatch' when the dictionary in use does not
   * describe the redo (see `status`).
   */
  info?: string | null;
  /**
   * STATUS: 0 when SQL_REDO is a faithful statement; 2 when LogMiner could not render the row with
   * the dictionary in use — redo written before a DDL changed the table, mined with the online
   * catalog: column names "COL 1", values HEXTORAW('…'), or owner UNKNOWN and table "OBJ# n".
   */
  status?: number;
  /** DATA_OBJ#: the dictionary object number of the table (or partition) the row changes. */
  objectId?: number | null;
  /** In a CDB: the container the change was made in (SRC_CON_NAME, e.g. 'ORCLPDB1') and its CON_ID. */
  srcConName?: string | null;
  conId?: number | null;
}

/** One owner of a mining selection: its tables, or null for all of them. */
export interface OwnerSelection {
  owner: string;
  tables: string[] | null;
}

export interface MineRequest {
  /** Inclusive lower bound. */
  fromScn: Scn;
  /** Exclusive upper bound. */
  toScn: Scn;
  /** Log files to add with DBMS_LOGMNR.ADD_LOGFILE (from `logFilesFor`). */
  logFiles: RedoLogFile[];
  /** Only rows of these owners, plus all transaction control rows (START/COMMIT/ROLLBACK). Empty = all. */
  owners?: string[];
  /**
   * Narrower than `owners` (which it replaces when given): per owner, the tables whose rows are
   * read — `null` for every table of the owner (a whole-schema selection, tables created later
   * included). DDL rows of each owner are read either way (a selected table's ALTER must reach the
   * pipeline). Pushing the selection into the query spares the source the rows nobody migrates.
   */
  selection?: OwnerSelection[];
  /** Also rows LogMiner could not name (owner UNKNOWN, table "OBJ# n") whose object number is one of these. */
  objectIds?: number[];
  /**
   * Read names and types from the dictionary LogMiner finds in the redo logs (DICT_FROM_REDO_LOGS +
   * DDL_DICT_TRACKING), built at `buildScn` (`logFiles` must then start with the log holding that
   * build), instead of the online catalog: redo written before a DDL is rendered as it was.
   */
  redoDictionary?: { buildScn: Scn };
  /**
   * Mining in CDB$ROOT for one PDB: only rows whose SRC_CON_NAME is this container. When absent the
   * gateway uses the PDB it was connected for (OracleConnectionSettings.pdb).
   */
  container?: string;
}

export interface OracleGateway {
  readonly kind: 'oracledb' | 'sim';
  close(): Promise<void>;

  databaseInfo(): Promise<DatabaseInfo>;
  databaseFlags(): Promise<DatabaseFlags>;
  sessionPrivileges(): Promise<SessionPrivileges>;

  currentScn(): Promise<Scn>;
  /**
   * The database's clock now, as UTC epoch ms (SYSTIMESTAMP): the clock redo row times, transaction
   * start times and log completion times are in. It need not agree with this machine's; the
   * engine ages transactions and measures lag in it, so a database host whose clock is wrong
   * never makes a fresh transaction look abandoned.
   */
  databaseTimeMs(): Promise<number>;
  /** Wall-clock time of an SCN (SCN_TO_TIMESTAMP), for latency and retention checks. */
  scnToTimeMs(scn: Scn): Promise<number | null>;

  listSchemas(): Promise<string[]>;
  listTables(owner: string): Promise<TableSummary[]>;
  describeTable(owner: string, table: string): Promise<TableMeta>;
  listObjects(owner: string, types: SchemaObjectType[]): Promise<SchemaObject[]>;
  /** DBMS_METADATA.GET_DDL text of one object. */
  objectDdl(owner: string, type: SchemaObjectType, name: string): Promise<string>;

  readChunk(req: ChunkRequest): Promise<Chunk>;
  /** Exact row count AS OF SCN with the optional filter (used for progress when estimates are missing). */
  countRows(owner: string, table: string, scn: Scn, filter?: FilterExpr): Promise<number>;
  /**
   * For ROWID paging: the inclusive upper ROWIDs of consecutive ranges covering the table's
   * extents (a few MB each, in ROWID order); rows after the last bound form a final open range.
   * Each chunk then reads one bounded range instead of everything after its start. null when the
   * extents cannot be read (no SELECT on DBA_EXTENTS): page the whole table.
   */
  rowidRanges(owner: string, table: string): Promise<string[] | null>;
  /** Transactions open right now: V$TRANSACTION, or on RAC GV$TRANSACTION (every instance; see openTransactionsView). */
  openTransactions(): Promise<OpenTransaction[]>;

  /**
   * Archived logs (one copy each, this incarnation) begun in the last `hours`: how much redo the
   * database writes, for the redo volume precheck. V$ARCHIVED_LOG: FIRST_TIME, NEXT_TIME,
   * BLOCKS × BLOCK_SIZE.
   */
  archivedLogVolume(hours: number): Promise<ArchivedLogVolume[]>;
  /** V$THREAD: every redo thread's status and LAST_REDO_CHANGE#. */
  redoThreads(): Promise<RedoThreadState[]>;
  /**
   * Makes the log writer of each instance it can reach (the connected one, and every `racNodes`
   * address on RAC) write its buffer, by updating and committing FLUSH_TABLE there. Redo Oracle has
   * generated but not written is invisible to LogMiner; after this, LAST_REDO_CHANGE# covers it.
   * Throws ORACLE_FLUSH_TABLE_MISSING when the table does not exist (see `ensureFlushTable`).
   */
  flushRedo(): Promise<void>;
  /** Creates FLUSH_TABLE (one row) in the migration account's schema if it is missing; returns what it found or did. */
  ensureFlushTable(): Promise<'exists' | 'created'>;
  /** Creates the heartbeat table (heartbeat-table.ts) in the account's schema if missing; ORACLE_HEARTBEAT_TABLE_MISSING when it may not. */
  ensureHeartbeatTable(): Promise<'exists' | 'created'>;
  /** Updates (or inserts) the task's heartbeat row and commits. */
  writeHeartbeat(taskId: string): Promise<void>;
  /** SCN of the latest LogMiner dictionary built into the redo logs (DBMS_LOGMNR_D.BUILD) at or before `scn` whose logs are still available, or null. */
  dictionaryBuildAtOrBefore(scn: Scn): Promise<Scn | null>;
  /** Archived and online redo logs holding any SCN in [fromScn, toScn); throws LogMissingError on a gap. */
  logFilesFor(fromScn: Scn, toScn: Scn | null): Promise<RedoLogFile[]>;
  /**
   * One LogMiner session over the window, streamed: rows come in SCN order, in batches fetched only
   * when the consumer asks for the next one (back-pressure — a bulk UPDATE of millions of rows under
   * one SCN never sits in memory at once). The session ends when the iteration ends, fails, or is
   * abandoned (`return()` on the iterator, as `break` in `for await` does).
   */
  mine(req: MineRequest): AsyncIterable<LogMinerRow[]>;
}
