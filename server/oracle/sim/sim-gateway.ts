import type { Scn } from '../../model/scn';
import type { OracleDateTime, SchemaObject, SchemaObjectType, TableMeta } from '../../model/oracle-types';
import { withOffsetZone } from '../../model/row-filter/datetime';
import type { FilterExpr } from '../../model/row-filter-ast';
import type {
  Chunk,
  ChunkRequest,
  DatabaseFlags,
  DatabaseInfo,
  LogMinerRow,
  MineRequest,
  OpenTransaction,
  OracleConnectionSettings,
  OracleGateway,
  RedoLogFile,
  SessionPrivileges,
  TableSummary,
} from '../gateway';
import { FLUSH_TABLE, openTransactionsView, type ArchivedLogVolume, type RedoThreadState } from '../gateway';
import { flushTableDdl, flushTableMissing } from '../flush-table';
import { heartbeatTableDdl, heartbeatTableMissing } from '../heartbeat-table';
import { HEARTBEAT_TABLE } from '../../model/task-monitoring';
import { oraError } from '../errors';
import { containerSwitchError, translateOracleError } from '../ora-errors';
import { canMine, canRead, hasSystemPrivilege, ROLE_PRIVILEGES, type SimUser } from './schemas-and-users';
import { compileFilter } from './filter-eval';
import { indexDdl, storedObjectDdl, tableDdl } from './object-ddl';
import { CONTROL_OPS, DML_OPS, Op } from '../logminer/operation-codes';
import { firstRowAtOrAfter } from './redo-logs';
import { pickLogFiles } from '../redo-log-picker';
import { mismatchSql } from './redo-sql';
import { NO_ROWID, type SimRedoRow } from './tx-redo';
import { CDB_ROOT, type SimDatabase } from './sim-database';
import { countRows, readChunk, rowidRanges } from './snapshot-scan';

/** Rows per fetch of the simulated V$LOGMNR_CONTENTS cursor. */
const MINE_BATCH_ROWS = 1000;

/** A driver-shaped error ({ code, message }) for translateOracleError, so messages match the oracledb gateway. */
function driverError(code: string, text: string): Error {
  return Object.assign(new Error(`${code}: ${text}`), { code });
}

export interface SimGatewayOptions {
  /** RAC instance the connection lands on (default 1): V$TRANSACTION answers for it. */
  instance?: number;
  /** Connections in the pool (PoolOptions.poolMax of the oracledb gateway): further calls wait for a free one. Default: unbounded. */
  poolMax?: number;
  /** How long a call waits for a pooled connection before NJS-040 (node-oracledb's queueTimeout, 60 s). */
  queueTimeoutMs?: number;
}

/**
 * OracleGateway over a SimDatabase. Construction is the logon: it checks SID/service, account and
 * password like the listener and the server do, and throws the same translated errors
 * (ORA-12505, ORA-12514, ORA-01017, ORA-28000, ORA-01045) as the oracledb gateway.
 *
 * In a CDB the service names the container (the root's service or a PDB's); with `settings.pdb`
 * the session switches to that PDB for every dictionary and AS OF read, and mines in CDB$ROOT
 * keeping only that PDB's rows — as the oracledb gateway does.
 */
export class SimGateway implements OracleGateway {
  readonly kind = 'sim' as const;
  /** The container data is read in (the PDB when `settings.pdb` names one). */
  readonly db: SimDatabase;
  /** The container LogMiner runs in (CDB$ROOT when a PDB is named, else where connected). */
  private readonly miningDb: SimDatabase;
  /** SRC_CON_NAME the mined rows are kept for (null: every container's). */
  private readonly minedContainer: string | null;
  private closed = false;
  private readonly user: SimUser;
  private readonly miningUser: SimUser;
  private readonly instance: number;
  private readonly poolMax: number;
  private readonly queueTimeoutMs: number;
  private inUse = 0;
  private readonly waiting: (() => void)[] = [];
  /** Most calls ever waiting for a pooled connection at once (0 = the pool was always big enough). */
  peakWaiting = 0;

  constructor(
    root: SimDatabase,
    readonly settings: OracleConnectionSettings,
    opts: SimGatewayOptions = {},
  ) {
    const ctx = { host: settings.host, port: settings.port, kind: settings.kind, database: settings.database, user: settings.user };
    const wanted = settings.database.toUpperCase();
    if (settings.kind === 'sid' && wanted !== root.dbName.toUpperCase()) {
      throw translateOracleError(driverError('ORA-12505', `TNS:listener does not currently know of SID given in connect descriptor`), ctx);
    }
    const connected = settings.kind === 'sid' || wanted === root.serviceName.toUpperCase() ? root : root.pdbs.get(wanted);
    if (!connected) {
      throw translateOracleError(driverError('ORA-12514', `TNS:listener does not currently know of service requested in connect descriptor`), ctx);
    }
    const user = connected.users.get(settings.user.toUpperCase()) ?? connected.users.get(settings.user);
    if (!user || user.password !== settings.password) {
      throw translateOracleError(driverError('ORA-01017', 'invalid username/password; logon denied'), ctx);
    }
    if (user.locked) throw translateOracleError(driverError('ORA-28000', 'The account is locked.'), ctx);
    if (!user.systemPrivileges.has('CREATE SESSION') && !user.roles.has('CONNECT') && !user.roles.has('DBA')) {
      throw translateOracleError(driverError('ORA-01045', `user ${user.name} lacks CREATE SESSION privilege; logon denied`), ctx);
    }
    this.db = connected;
    this.miningDb = connected;
    this.user = user;
    this.miningUser = user;
    const pdb = settings.pdb?.trim().toUpperCase();
    if (pdb && pdb !== connected.conName) {
      // ALTER SESSION SET CONTAINER = <pdb> on every pooled connection (see oracledb/session.ts).
      if (!connected.cdb) throw containerSwitchError(driverError('ORA-65090', 'operation only allowed in a container database'), pdb, user.name);
      const target = connected.root.pdbs.get(pdb);
      if (!target) throw containerSwitchError(driverError('ORA-65011', `Pluggable database ${pdb} does not exist.`), pdb, user.name);
      const there = target.users.get(user.name);
      if (!there || !(hasSystemPrivilege(there, 'SET CONTAINER') || there.roles.has('DBA'))) throw containerSwitchError(driverError('ORA-01031', 'insufficient privileges'), pdb, user.name);
      this.db = target;
      this.user = there;
      this.miningDb = connected.root;
      this.miningUser = connected.root.users.get(user.name) ?? user;
    }
    this.minedContainer = this.db.conName === CDB_ROOT ? null : this.db.conName;
    this.instance = opts.instance ?? 1;
    this.poolMax = opts.poolMax ?? Number.POSITIVE_INFINITY;
    this.queueTimeoutMs = opts.queueTimeoutMs ?? 60_000;
  }

  private async call<T>(fn: () => T): Promise<T> {
    if (this.closed) throw oraError('NJS-003', 'invalid or closed connection', { hint: 'The gateway was closed; open a new connection.' });
    // A free connection is taken without yielding (same timing as a call with no pool at all).
    if (this.inUse < this.poolMax) this.inUse++;
    else await this.waitForConnection();
    try {
      await this.db.faults.beforeCall();
      return fn();
    } finally {
      this.release();
    }
  }

  /** Waits in line for a pooled connection when all are busy (NJS-040 after queueTimeout). */
  private async waitForConnection(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(); // the releasing call hands its connection over (inUse unchanged)
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(wake), 1);
        const s = this.settings;
        reject(translateOracleError(driverError('NJS-040', `connection request timeout. Request exceeded "queueTimeout" of ${this.queueTimeoutMs}`), { host: s.host, port: s.port, kind: s.kind, database: s.database }));
      }, this.queueTimeoutMs);
      this.waiting.push(wake);
      this.peakWaiting = Math.max(this.peakWaiting, this.waiting.length);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inUse--;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  databaseInfo(): Promise<DatabaseInfo> {
    return this.call(() => this.db.info(this.miningDb.conName));
  }

  databaseFlags(): Promise<DatabaseFlags> {
    return this.call(() => this.db.flags());
  }

  sessionPrivileges(): Promise<SessionPrivileges> {
    const of = (u: SimUser) => {
      const sys = new Set(u.systemPrivileges);
      for (const r of u.roles) for (const p of ROLE_PRIVILEGES[r] ?? []) sys.add(p);
      return { systemPrivileges: [...sys].sort(), roles: [...u.roles].sort(), objectPrivileges: [...u.objectPrivileges].sort() };
    };
    return this.call(() => ({
      user: this.user.name,
      ...of(this.user),
      ...(this.miningDb !== this.db ? { mining: { container: this.miningDb.conName ?? CDB_ROOT, ...of(this.miningUser) } } : {}),
    }));
  }

  /** Like V$DATABASE.CURRENT_SCN, reading it takes a fresh SCN: every commit so far is below it. */
  currentScn(): Promise<Scn> {
    return this.call(() => this.db.scn.next());
  }

  archivedLogVolume(hours: number): Promise<ArchivedLogVolume[]> {
    return this.call(() => this.miningDb.redo.archivedVolume(this.db.clock.nowMs() - hours * 3_600_000));
  }

  /** The simulated database's own clock: a ManualClock in tests, which may be years from this machine's. */
  databaseTimeMs(): Promise<number> {
    return this.call(() => this.db.clock.nowMs());
  }

  scnToTimeMs(scn: Scn): Promise<number | null> {
    return this.call(() => (scn > this.db.currentScn() ? null : this.db.scn.timeOf(scn)));
  }

  listSchemas(): Promise<string[]> {
    return this.call(() => [...this.db.users.values()].filter((u) => !u.oracleMaintained).map((u) => u.name).sort());
  }

  listTables(owner: string): Promise<TableSummary[]> {
    return this.call(() =>
      [...this.db.schema(owner).tables.values()]
        .map((t) => ({
          owner,
          name: t.name,
          rowCountEstimate: t.stats?.numRows ?? null,
          hasPrimaryKey: t.primaryKey !== null,
          hasUniqueKey: t.meta().uniqueKeys.length > 0,
        }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
  }

  describeTable(owner: string, table: string): Promise<TableMeta> {
    return this.call(() => this.db.table(owner, table).meta());
  }

  listObjects(owner: string, types: SchemaObjectType[]): Promise<SchemaObject[]> {
    return this.call(() => {
      const schema = this.db.schema(owner);
      const out: SchemaObject[] = [];
      for (const t of schema.tables.values()) {
        out.push({ owner, name: t.name, type: 'TABLE', status: 'VALID' });
        for (const ix of t.allIndexes()) out.push({ owner, name: ix.name, type: 'INDEX', status: 'VALID' });
      }
      for (const o of schema.objects.values()) out.push({ owner, name: o.name, type: o.type, status: o.status });
      const wanted = new Set(types);
      return out.filter((o) => wanted.size === 0 || wanted.has(o.type)).sort((a, b) => (a.type + a.name < b.type + b.name ? -1 : 1));
    });
  }

  objectDdl(owner: string, type: SchemaObjectType, name: string): Promise<string> {
    return this.call(() => {
      const schema = this.db.schema(owner);
      if (type === 'TABLE') return tableDdl(schema.table(name));
      if (type === 'INDEX') {
        for (const t of schema.tables.values()) {
          const ix = t.allIndexes().find((i) => i.name === name);
          if (ix) return indexDdl(t, ix);
        }
      } else {
        const o = schema.object(type, name);
        if (o) return storedObjectDdl(owner, o);
      }
      throw oraError('ORA-31603', `object "${name}" of type ${type} not found in schema "${owner}"`, { hint: `No ${type} ${owner}.${name}; refresh the object list.` });
    });
  }

  readChunk(req: ChunkRequest): Promise<Chunk> {
    return this.call(() => {
      const t = this.readable(req.owner, req.table);
      const chunk = readChunk(t, req, req.filter ? compileFilter(t, req.filter) : null);
      // As the oracledb gateway selects it (column-sql.ts TSTZ_MASK): the zone as an offset.
      const tstz = t.columns.flatMap((c, i) => (c.type === 'TIMESTAMP WITH TIME ZONE' ? [i] : []));
      for (const row of tstz.length > 0 ? chunk.rows : []) for (const i of tstz) if (row[i]) row[i] = withOffsetZone(row[i] as OracleDateTime);
      return chunk;
    });
  }

  rowidRanges(owner: string, table: string): Promise<string[] | null> {
    return this.call(() => rowidRanges(this.readable(owner, table)));
  }

  countRows(owner: string, table: string, scn: Scn, filter?: FilterExpr): Promise<number> {
    return this.call(() => {
      const t = this.readable(owner, table);
      return countRows(t, scn, filter ? compileFilter(t, filter) : null);
    });
  }

  openTransactions(): Promise<OpenTransaction[]> {
    return this.call(() => (openTransactionsView(this.db.instances > 1) === 'GV$TRANSACTION' ? this.db.openTransactions() : this.db.openTransactions({ instance: this.instance })));
  }

  /** V$ARCHIVED_LOG (+ V$ARCHIVE_DEST_STATUS) and V$LOG rows through the same picker as the oracledb gateway. */
  logFilesFor(fromScn: Scn, toScn: Scn | null): Promise<RedoLogFile[]> {
    return this.call(() => {
      const redo = this.db.redo;
      redo.tick();
      return pickLogFiles(redo.archivedLogRows(), redo.onlineLogRows(), fromScn, toScn, redo.currentResetlogsScn);
    });
  }

  /**
   * Rows are handed out a batch at a time (copies, as a cursor fetch would give), only when asked
   * for, rendered with the dictionary the session uses: with the online catalog, DML of a table
   * whose definition changed (or that was dropped) since the redo was written comes out as
   * "Dictionary Mismatch" rows (STATUS 2); with a dictionary from the redo logs (a build at or
   * before the window, DDL tracked) it comes out as written. Mining in CDB$ROOT for one PDB keeps
   * only that container's rows (and every container's control rows).
   */
  async *mine(req: MineRequest): AsyncGenerator<LogMinerRow[]> {
    await this.call(() => {
      this.checkCanMine();
      const d = req.redoDictionary;
      if (d && this.db.redo.dictionaryBuildAtOrBefore(d.buildScn) !== d.buildScn) {
        throw oraError('ORA-01371', 'Complete LogMiner dictionary not found', { hint: `No LogMiner dictionary built at SCN ${d.buildScn} is in the available redo logs.` });
      }
    });
    if (req.fromScn >= req.toScn) return;
    const wanted = rowSelector(req);
    const objectIds = new Set(req.objectIds ?? []);
    const container = req.container ?? this.minedContainer;
    let batch: LogMinerRow[] = [];
    for (const stored of mergeThreads(this.db, req.logFiles, req.fromScn, req.toScn)) {
      if (container !== null && stored.srcConName !== container && !CONTROL_OPS.has(stored.operationCode)) continue;
      const row = renderRow(this.miningDb, stored, req.redoDictionary !== undefined);
      if (!(CONTROL_OPS.has(row.operationCode) || wanted(row) || (row.segOwner === 'UNKNOWN' && objectIds.has(row.objectId ?? -1)))) continue;
      batch.push(row);
      if (batch.length >= MINE_BATCH_ROWS) {
        yield batch;
        batch = [];
        await this.call(() => undefined); // a fetch round trip: faults (a dropped connection) can strike here too
      }
    }
    if (batch.length > 0) yield batch;
  }

  redoThreads(): Promise<RedoThreadState[]> {
    return this.call(() => this.miningDb.redo.threadsState());
  }

  /**
   * UPDATE <account>.LOG_MINING_FLUSH + COMMIT on the connected instance and on each instance of
   * `settings.racNodes` (the simulator maps the n-th address to instance n): each commit makes
   * that instance's LGWR write its buffer.
   */
  flushRedo(): Promise<void> {
    return this.call(() => {
      const db = this.miningDb;
      const owner = this.miningUser.name;
      if (!db.schema(owner).tables.has(FLUSH_TABLE)) throw flushTableMissing(owner);
      const instances = new Set([this.instance, ...(this.settings.racNodes ?? []).map((_, i) => i + 1)].filter((n) => n <= db.instances));
      for (const instance of instances) {
        const s = db.session(owner, { instance });
        s.update(owner, FLUSH_TABLE, { ID: 1 }, { LAST_SCN: String(db.currentScn()) });
        s.commit();
      }
    });
  }

  ensureFlushTable(): Promise<'exists' | 'created'> {
    return this.call(() => {
      const db = this.miningDb;
      const owner = this.miningUser.name;
      if (db.schema(owner).tables.has(FLUSH_TABLE)) return 'exists';
      if (!hasSystemPrivilege(this.miningUser, 'CREATE TABLE')) throw flushTableMissing(owner);
      const s = db.session(owner, { instance: this.instance });
      s.ddl(flushTableDdl(owner));
      s.insert(owner, FLUSH_TABLE, { ID: 1, LAST_SCN: '0' });
      s.commit();
      return 'created' as const;
    });
  }

  /** The heartbeat table lives where the data is read (the PDB), in the connected account's schema. */
  ensureHeartbeatTable(): Promise<'exists' | 'created'> {
    return this.call(() => {
      const owner = this.user.name;
      if (this.db.schema(owner).tables.has(HEARTBEAT_TABLE)) return 'exists';
      if (!hasSystemPrivilege(this.user, 'CREATE TABLE')) throw heartbeatTableMissing(owner);
      this.db.session(owner, { instance: this.instance }).ddl(heartbeatTableDdl(owner));
      return 'created' as const;
    });
  }

  writeHeartbeat(taskId: string): Promise<void> {
    return this.call(() => {
      const owner = this.user.name;
      if (!this.db.schema(owner).tables.has(HEARTBEAT_TABLE)) throw heartbeatTableMissing(owner);
      const s = this.db.session(owner, { instance: this.instance });
      const beat = new Date(this.db.clock.nowMs());
      if (!s.update(owner, HEARTBEAT_TABLE, { TASK_ID: taskId }, { BEAT_TIME: beat })) s.insert(owner, HEARTBEAT_TABLE, { TASK_ID: taskId, BEAT_TIME: beat });
      s.commit();
    });
  }

  dictionaryBuildAtOrBefore(scn: Scn): Promise<Scn | null> {
    return this.call(() => this.db.redo.dictionaryBuildAtOrBefore(scn));
  }

  /** START_LOGMNR's checks: the LogMiner grants where mining runs; inside a PDB only from 19c on (ORA-65040). */
  private checkCanMine(): void {
    const m = this.miningDb;
    if (m.conName !== null && m.conName !== CDB_ROOT && Number(m.version.split('.')[0]) < 19) {
      throw translateOracleError(driverError('ORA-65040', 'operation not allowed from within a pluggable database'), { operation: `starting LogMiner in PDB ${m.conName}` });
    }
    const u = this.miningUser;
    if (!canMine(u)) {
      const all = m.conName === CDB_ROOT ? ' CONTAINER=ALL' : '';
      throw oraError('ORA-01031', 'insufficient privileges (DBMS_LOGMNR.START_LOGMNR)', {
        hint: `Grant LogMiner access${all ? ' (in CDB$ROOT)' : ''}: GRANT LOGMINING TO ${u.name}${all}; GRANT EXECUTE ON SYS.DBMS_LOGMNR TO ${u.name}${all}; GRANT SELECT ON SYS.V_$LOGMNR_CONTENTS TO ${u.name}${all};`,
      });
    }
  }

  private readable(owner: string, table: string) {
    const t = this.db.table(owner, table);
    if (!canRead(this.user, owner, table, true)) {
      throw oraError('ORA-01031', `insufficient privileges (SELECT … AS OF SCN on ${owner}.${table})`, {
        hint: `GRANT SELECT ANY TABLE, FLASHBACK ANY TABLE TO ${this.user.name}; (or SELECT and FLASHBACK on ${owner}.${table})`,
      });
    }
    return t;
  }
}

/** Rows that name a table by object number (DML and out-of-line LOB pieces): a dictionary mismatch shows in them. */
const TABLE_ROW_OPS: ReadonlySet<number> = new Set([Op.INSERT, Op.DELETE, Op.UPDATE, Op.SELECT_LOB_LOCATOR, Op.LOB_WRITE, Op.LOB_TRIM, Op.LOB_ERASE]);

/** The owner/table filter of the contents query (logminer-sql.ts `contentsQuery`), row by row. */
function rowSelector(req: MineRequest): (row: LogMinerRow) => boolean {
  if (req.selection) {
    const byOwner = new Map(req.selection.map((s) => [s.owner, s.tables === null ? null : new Set(s.tables)]));
    return (row) => {
      if (row.segOwner === null || !byOwner.has(row.segOwner)) return false;
      const tables = byOwner.get(row.segOwner);
      return tables === null || tables === undefined || row.operationCode === Op.DDL || (row.tableName !== null && tables.has(row.tableName));
    };
  }
  const owners = req.owners && req.owners.length > 0 ? new Set(req.owners) : null;
  return (row) => owners === null || (row.segOwner !== null && owners.has(row.segOwner));
}

/** A stored redo row as V$LOGMNR_CONTENTS shows it (see `mine`); the all-A ROW_ID reads as null, as from the oracledb gateway. */
function renderRow(db: SimDatabase, stored: SimRedoRow, redoDictionary: boolean): LogMinerRow {
  const row = stored;
  const objectVersion = stored.objectVersion;
  // Every field written out (one object shape, no rest/spread): this runs once per mined row.
  const out: LogMinerRow = {
    scn: row.scn,
    operationCode: row.operationCode,
    operation: row.operation,
    sqlRedo: row.sqlRedo,
    xid: row.xid,
    csf: row.csf,
    rowId: row.rowId === NO_ROWID ? null : row.rowId,
    rollback: row.rollback,
    segOwner: row.segOwner,
    tableName: row.tableName,
    timestampMs: row.timestampMs,
    commitScn: row.commitScn,
    userName: row.userName,
    rsId: row.rsId,
    ssn: row.ssn,
    info: row.info,
    status: 0,
    objectId: row.objectId,
    srcConName: row.srcConName,
    conId: row.conId,
  };
  if (redoDictionary || row.objectId === undefined || row.objectId === null || !TABLE_ROW_OPS.has(row.operationCode)) return out;
  // The dictionary of the container the change was made in (a PDB's own, in a CDB).
  const dict = (row.srcConName ? db.root.pdbs.get(row.srcConName) : undefined) ?? db.root;
  const t = dict.tableByObjectId(row.objectId);
  if (t && t.objectVersion === objectVersion) return out;
  const owner = t ? t.owner : 'UNKNOWN';
  const table = t ? t.name : `OBJ# ${row.objectId}`;
  let sqlRedo = row.sqlRedo;
  // A whole statement (not one CSF piece of a long one) is re-printed the way LogMiner does.
  if (DML_OPS.has(row.operationCode) && row.csf === 0 && row.ssn === 0 && row.sqlRedo) {
    try {
      sqlRedo = mismatchSql(row.sqlRedo, owner, table);
    } catch {
      /* keep the text: STATUS 2 says it cannot be trusted anyway */
    }
  }
  return { ...out, segOwner: owner, tableName: table, sqlRedo, status: 2, info: 'Dictionary Mismatch' };
}

/**
 * The rows of the added logs in [fromScn, toScn), every thread's logs read in sequence order and
 * the threads merged by SCN, as LogMiner returns them for a RAC database. A file is opened when
 * the read reaches it (an online log reused since it was listed fails then, ORA-00310).
 */
function* mergeThreads(db: SimDatabase, files: readonly RedoLogFile[], fromScn: Scn, toScn: Scn): Generator<SimRedoRow> {
  const byThread = new Map<number, RedoLogFile[]>();
  for (const f of files) (byThread.get(f.thread) ?? byThread.set(f.thread, []).get(f.thread)!).push(f);
  const cursors = [...byThread.entries()].sort((a, b) => a[0] - b[0]).map(([, list]) => threadRows(db, list.sort((a, b) => a.sequence - b.sequence), fromScn, toScn));
  const heads = cursors.map((c) => c.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]!;
      if (!h.done && (best < 0 || h.value.scn < (heads[best]!.value as SimRedoRow).scn)) best = i;
    }
    if (best < 0) return;
    yield heads[best]!.value as SimRedoRow;
    heads[best] = cursors[best]!.next();
  }
}

function* threadRows(db: SimDatabase, files: readonly RedoLogFile[], fromScn: Scn, toScn: Scn): Generator<SimRedoRow> {
  for (const file of files) {
    const rows = db.redo.open(file);
    for (let i = firstRowAtOrAfter(rows, fromScn); i < rows.length; i++) {
      const row = rows[i]!;
      if (row.scn >= toScn) return;
      yield row;
    }
  }
}
