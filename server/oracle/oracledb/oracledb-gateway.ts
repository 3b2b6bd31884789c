import { HEARTBEAT_TABLE } from '../../model/task-monitoring';
import { heartbeatMerge, heartbeatTableDdl, heartbeatTableMissing } from '../heartbeat-table';
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
  RedoThreadState,
  SessionPrivileges,
  TableSummary,
} from '../gateway';
import { FLUSH_TABLE, openTransactionsView, type ArchivedLogVolume } from '../gateway';
import type { SchemaObject, SchemaObjectType, TableMeta } from '../../model/oracle-types';
import type { FilterExpr } from '../../model/row-filter-ast';
import { OracleError } from '../../model/errors';
import { parseScn, type Scn } from '../../model/scn';
import * as cat from './source-catalog-sql';
import { buildChunkQuery, buildCountQuery, RANGE_BLOCKS, ROWID_RANGES_SQL } from './chunk-sql';
import { rowidRangeBounds } from '../rowid-ranges';
import * as db from './database-sql';
import { decodeValue } from './row-decode';
import { ARCHIVED_LOGS_SQL, ONLINE_LOGS_SQL } from './log-files';
import { pickLogFiles, type ArchivedLogRow, type OnlineLogRow } from '../redo-log-picker';
import { flushTableDdl, flushTableInsert, flushTableMissing } from '../flush-table';
import { DICTIONARY_BUILD_SQL, END_LOGMNR_SQL, addLogfileSql, contentsQuery, startLogmnr } from './logminer-sql';
import { OracleSession, arrayRowBatches, queryArrays, queryObjects, type PoolOptions } from './session';

/**
 * OracleGateway over node-oracledb thin mode: every call is one or a few dictionary/V$ queries on a
 * pooled connection; mining holds one connection for the whole ADD_LOGFILE → START_LOGMNR → query
 * → END_LOGMNR sequence (LogMiner state is per session). All SQL text is built in the *-sql.ts
 * modules with binds and quoted identifiers; this file only wires them to the driver.
 */
export async function createOracledbGateway(settings: OracleConnectionSettings, opts: PoolOptions = {}): Promise<OracleGateway> {
  return new OracledbGateway(await OracleSession.open(settings, opts));
}

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export class OracledbGateway implements OracleGateway {
  readonly kind = 'oracledb' as const;
  /** Table definitions used by readChunk, refreshed by every describeTable call. */
  private readonly metaCache = new Map<string, TableMeta>();

  constructor(private readonly s: OracleSession) {}

  close(): Promise<void> {
    return this.s.close();
  }

  async databaseInfo(): Promise<DatabaseInfo> {
    const d = await this.s.one('reading V$DATABASE', db.DATABASE_SQL);
    const v = await this.s.one('reading the database version', db.VERSION_SQL);
    const cdb = String(d?.CDB ?? 'NO') === 'YES';
    const container = cdb ? String((await this.s.one('reading the container name', db.CONTAINER_SQL))?.CON_NAME ?? '') || null : null;
    const rac = await this.isRac();
    // With a PDB named, LogMiner runs in CDB$ROOT (withMiningConnection); otherwise where connected.
    const miningContainer = cdb ? (this.s.pdb ? 'CDB$ROOT' : container) : null;
    return { version: String(v?.VERSION ?? ''), banner: String(v?.BANNER ?? ''), dbName: String(d?.NAME ?? ''), cdb, containerName: container, miningContainer, rac };
  }

  private rac: Promise<boolean> | null = null;

  /** cluster_database (V$PARAMETER, else DBMS_UTILITY.IS_CLUSTER_DATABASE), read once. */
  private isRac(): Promise<boolean> {
    this.rac ??= this.s
      .one('reading cluster_database', db.RAC_SQL)
      .then((r) => String(r?.VALUE ?? '').toUpperCase() === 'TRUE')
      .catch(() => this.s.isClusterDatabase());
    return this.rac;
  }

  async databaseFlags(): Promise<DatabaseFlags> {
    const d = await this.s.one('reading V$DATABASE', db.DATABASE_SQL);
    if (!d) throw new OracleError('ORA-00942', 'V$DATABASE returned no row', { hint: 'Grant SELECT ON SYS.V_$DATABASE to the account.' });
    let hours: number | null = null;
    if (String(d.LOG_MODE) === 'ARCHIVELOG') hours = n((await this.s.one('reading V$ARCHIVED_LOG', db.ARCHIVE_AGE_SQL))?.HOURS);
    return db.mapFlags(d, hours);
  }

  async sessionPrivileges(): Promise<SessionPrivileges> {
    const p = await this.s.withConnection('reading session privileges', async (conn) => {
      const user = String((await queryObjects(conn, db.SESSION_USER_SQL))[0]?.USERNAME ?? this.s.settings.user);
      return db.mapPrivileges(user, await queryObjects(conn, db.SESSION_PRIVS_SQL), await queryObjects(conn, db.SESSION_ROLES_SQL), await queryObjects(conn, db.OBJECT_PRIVS_SQL));
    });
    if (!this.s.pdb) return p;
    // Root + PDB: LogMiner runs in CDB$ROOT, so its grants are checked there.
    const root = await this.s.withMiningConnection('reading privileges in CDB$ROOT', async (conn) =>
      db.mapPrivileges(p.user, await queryObjects(conn, db.SESSION_PRIVS_SQL), await queryObjects(conn, db.SESSION_ROLES_SQL), await queryObjects(conn, db.OBJECT_PRIVS_SQL)),
    );
    return { ...p, mining: { container: 'CDB$ROOT', systemPrivileges: root.systemPrivileges, roles: root.roles, objectPrivileges: root.objectPrivileges } };
  }

  async currentScn(): Promise<Scn> {
    const r = await this.s.one('reading the current SCN', db.CURRENT_SCN_SQL);
    return parseScn(String(r?.CURRENT_SCN));
  }

  async archivedLogVolume(hours: number): Promise<ArchivedLogVolume[]> {
    const rows = await this.s.rows('reading the archived log volume', db.ARCHIVED_LOG_VOLUME_SQL, { hours });
    const offset = await this.s.hostOffsetSeconds();
    const byLog = new Map<string, ArchivedLogVolume>();
    for (const r of rows) {
      const log: ArchivedLogVolume = { thread: Number(r['THREAD#']), sequence: Number(r['SEQUENCE#']), firstTimeMs: db.hostEpochToMs(r.FIRST_EPOCH, offset), nextTimeMs: db.hostEpochToMs(r.NEXT_EPOCH, offset), bytes: Number(r.BYTES) };
      byLog.set(`${log.thread}:${log.sequence}`, log); // one copy per log, whatever the destinations
    }
    return [...byLog.values()];
  }

  async databaseTimeMs(): Promise<number> {
    const r = await this.s.one('reading the database clock', db.DATABASE_TIME_SQL);
    return Number(r?.EPOCH_MS);
  }

  async scnToTimeMs(scn: Scn): Promise<number | null> {
    try {
      const r = await this.s.one(`mapping SCN ${scn} to a time`, db.SCN_TO_TIME_SQL, { scn: scn.toString() });
      return r?.EPOCH == null ? null : db.hostEpochToMs(r.EPOCH, await this.s.hostOffsetSeconds());
    } catch (err) {
      if (err instanceof OracleError && err.code === 'ORA-08181') return null; // older than the SCN↔time map
      throw err;
    }
  }

  async listSchemas(): Promise<string[]> {
    return (await this.s.rows('listing schemas', cat.SCHEMAS_SQL)).map((r) => String(r.USERNAME));
  }

  async listTables(owner: string): Promise<TableSummary[]> {
    const rows = await this.s.rows(`listing tables of ${owner}`, cat.TABLES_SQL, { owner });
    return rows.map((r) => ({ owner, name: String(r.TABLE_NAME), rowCountEstimate: n(r.NUM_ROWS), hasPrimaryKey: Number(r.PK_COUNT) > 0, hasUniqueKey: Number(r.UK_COUNT) > 0 }));
  }

  async describeTable(owner: string, table: string): Promise<TableMeta> {
    const meta = await this.s.withConnection(`describing ${owner}.${table}`, async (conn) => {
      const binds = { owner, tableName: table };
      const columns = await queryObjects(conn, cat.COLUMNS_SQL, binds);
      if (columns.length === 0) {
        throw new OracleError('ORA-00942', `Table ${owner}.${table} does not exist or is not visible to this account`, {
          hint: 'Check the name (the dictionary spelling is case-sensitive) and grant SELECT on the table to the account.',
        });
      }
      const [constraints, indexes, stats] = [await queryObjects(conn, cat.KEY_CONSTRAINTS_SQL, binds), await queryObjects(conn, cat.INDEXES_SQL, binds), await queryObjects(conn, cat.TABLE_STATS_SQL, binds)];
      const objectIds = (await queryObjects(conn, cat.OBJECT_IDS_SQL, binds)).map((r) => Number(r.OBJECT_ID));
      return { ...cat.assembleTableMeta(owner, table, columns, constraints, indexes, stats[0]), objectIds };
    });
    this.metaCache.set(`${owner}\u0000${table}`, meta);
    return meta;
  }

  async listObjects(owner: string, types: SchemaObjectType[]): Promise<SchemaObject[]> {
    if (types.length === 0) return [];
    const q = cat.objectsSql(types);
    const rows = await this.s.rows(`listing objects of ${owner}`, q.sql, { ...q.binds, owner });
    return rows.map((r) => ({ owner, name: String(r.OBJECT_NAME), type: String(r.OBJECT_TYPE) as SchemaObjectType, status: String(r.STATUS) === 'VALID' ? 'VALID' : 'INVALID' }));
  }

  async objectDdl(owner: string, type: SchemaObjectType, name: string): Promise<string> {
    const r = await this.s.one(`reading the DDL of ${type} ${owner}.${name}`, cat.OBJECT_DDL_SQL, { objectType: type, name, owner });
    return String(r?.DDL ?? '').trim();
  }

  private async meta(owner: string, table: string): Promise<TableMeta> {
    return this.metaCache.get(`${owner}\u0000${table}`) ?? this.describeTable(owner, table);
  }

  async readChunk(req: ChunkRequest): Promise<Chunk> {
    const meta = await this.meta(req.owner, req.table);
    const q = buildChunkQuery(meta, req);
    const raw = await this.s.withConnection(`reading ${req.owner}.${req.table} AS OF SCN ${req.scn}`, (conn) => queryArrays(conn, q.sql, q.binds, Math.min(req.limit, 5000)));
    const rows = raw.map((r) => meta.columns.map((c, i) => decodeValue(c, r[i])));
    let lastKey = null;
    if (raw.length === req.limit || (req.rowidUpTo !== undefined && raw.length > 0)) {
      const last = raw[raw.length - 1]!;
      lastKey = q.keyIndexes.map((i) => (i === q.columnCount ? String(last[i]) : rows[rows.length - 1]![i]!));
    }
    return { rows, lastKey };
  }

  async rowidRanges(owner: string, table: string): Promise<string[] | null> {
    try {
      const rows = await this.s.rows(`listing the extents of ${owner}.${table}`, ROWID_RANGES_SQL, { owner, tableName: table });
      return rowidRangeBounds(rows.map((r) => ({ hi: String(r.HI), blocks: Number(r.BLOCKS) })), RANGE_BLOCKS);
    } catch (err) {
      // Without SELECT on DBA_EXTENTS the table is paged whole, as before: slower, never wrong.
      const code = (err as { code?: unknown }).code;
      if (code === 'ORA-00942' || code === 'ORA-01031' || /ORA-(00942|01031)/.test(String((err as Error).message))) return null;
      throw err;
    }
  }

  async countRows(owner: string, table: string, scn: Scn, filter?: FilterExpr): Promise<number> {
    const columns = filter ? (await this.meta(owner, table)).columns : undefined;
    const q = buildCountQuery(owner, table, scn, filter, columns);
    return Number((await this.s.one(`counting ${owner}.${table} AS OF SCN ${scn}`, q.sql, q.binds))?.N ?? 0);
  }

  async openTransactions(): Promise<OpenTransaction[]> {
    const offset = await this.s.hostOffsetSeconds();
    const view = openTransactionsView(await this.isRac());
    return (await this.s.rows(`reading ${view}`, db.openTransactionsSql(view))).map((r) => db.mapOpenTransaction(r, offset));
  }

  async logFilesFor(fromScn: Scn, toScn: Scn | null): Promise<RedoLogFile[]> {
    const offset = await this.s.hostOffsetSeconds();
    const { archived, online } = await this.s.withMiningConnection('listing redo logs', async (conn) => ({
      archived: await queryObjects(conn, ARCHIVED_LOGS_SQL, { fromScn: fromScn.toString(), toScn: toScn === null ? null : toScn.toString() }),
      online: await queryObjects(conn, ONLINE_LOGS_SQL),
    }));
    const a: ArchivedLogRow[] = archived.map((r) => ({
      name: r.NAME == null ? null : String(r.NAME),
      thread: Number(r['THREAD#']),
      sequence: Number(r['SEQUENCE#']),
      firstScn: parseScn(String(r['FIRST_CHANGE#'])),
      nextScn: parseScn(String(r['NEXT_CHANGE#'])),
      firstTimeMs: db.hostEpochToMs(r.FIRST_EPOCH, offset),
      nextTimeMs: r.NEXT_EPOCH == null ? null : db.hostEpochToMs(r.NEXT_EPOCH, offset),
      destId: Number(r.DEST_ID),
      deleted: String(r.DELETED) === 'YES',
      status: String(r.STATUS),
      resetlogsScn: parseScn(String(r['RESETLOGS_CHANGE#'])),
      localValid: String(r.LOCAL_VALID) === 'YES',
    }));
    const o: OnlineLogRow[] = online.map((r) => ({
      member: String(r.MEMBER),
      thread: Number(r['THREAD#']),
      sequence: Number(r['SEQUENCE#']),
      firstScn: parseScn(String(r['FIRST_CHANGE#'])),
      nextScn: r['NEXT_CHANGE#'] == null ? null : parseScn(String(r['NEXT_CHANGE#'])),
      status: String(r.STATUS) as OnlineLogRow['status'],
      firstTimeMs: db.hostEpochToMs(r.FIRST_EPOCH, offset),
    }));
    const current = archived[0]?.CURRENT_RESETLOGS == null ? null : parseScn(String(archived[0].CURRENT_RESETLOGS));
    return pickLogFiles(a, o, fromScn, toScn, current);
  }

  async redoThreads(): Promise<RedoThreadState[]> {
    return (await this.s.withMiningConnection('reading V$THREAD', (conn) => queryObjects(conn, db.THREADS_SQL))).map(db.mapThread);
  }

  /** Sessions to the other RAC instances (`racNodes`), opened on first use. */
  private nodes: Promise<OracleSession[]> | null = null;

  async flushRedo(): Promise<void> {
    await flushOn(this.s);
    const racNodes = this.s.settings.racNodes ?? [];
    if (racNodes.length === 0) return;
    this.nodes ??= Promise.all(
      racNodes.map((addr) => {
        const [host, port] = addr.split(':');
        return OracleSession.open({ ...this.s.settings, host: host!, port: Number(port ?? 1521), racNodes: [] }, { poolMax: 1 });
      }),
    );
    this.nodes.catch(() => {
      this.nodes = null; // an instance that cannot be reached now is tried again at the next flush
    });
    // An instance that does not answer is not flushed: mining then waits for its own writes (V$THREAD).
    await Promise.all((await this.nodes).map((n) => flushOn(n).catch(() => undefined)));
  }

  async ensureFlushTable(): Promise<'exists' | 'created'> {
    const owner = this.s.settings.user.toUpperCase();
    return this.s.withMiningConnection(`creating the flush table ${FLUSH_TABLE}`, async (conn) => {
      if (Number((await queryObjects(conn, db.FLUSH_TABLE_EXISTS_SQL))[0]?.N ?? 0) > 0) return 'exists';
      try {
        await conn.execute(flushTableDdl(owner));
        await conn.execute(flushTableInsert(owner));
        await conn.commit();
      } catch (err) {
        if ((err as { code?: string }).code === 'ORA-01031' || /ORA-01031/.test(String((err as Error).message))) throw flushTableMissing(owner);
        throw err;
      }
      return 'created';
    });
  }

  async ensureHeartbeatTable(): Promise<'exists' | 'created'> {
    const owner = this.s.settings.user.toUpperCase();
    return this.s.withConnection(`creating the heartbeat table ${HEARTBEAT_TABLE}`, async (conn) => {
      if (Number((await queryObjects(conn, `SELECT COUNT(*) AS N FROM USER_TABLES WHERE TABLE_NAME = '${HEARTBEAT_TABLE}'`))[0]?.N ?? 0) > 0) return 'exists';
      try {
        await conn.execute(heartbeatTableDdl(owner));
      } catch (err) {
        if (/ORA-01031|ORA-01950/.test(String((err as Error).message))) throw heartbeatTableMissing(owner);
        throw err;
      }
      return 'created';
    });
  }

  async writeHeartbeat(taskId: string): Promise<void> {
    const owner = this.s.settings.user.toUpperCase();
    await this.s.withConnection('writing the heartbeat row', async (conn) => {
      await conn.execute(heartbeatMerge(owner), { id: taskId });
      await conn.commit();
    });
  }

  async dictionaryBuildAtOrBefore(scn: Scn): Promise<Scn | null> {
    const r = await this.s.withMiningConnection('looking for a LogMiner dictionary in the archived logs', (conn) => queryObjects(conn, DICTIONARY_BUILD_SQL, { scn: scn.toString() }));
    return r[0]?.SCN == null ? null : parseScn(String(r[0].SCN));
  }

  /**
   * Connected to a PDB of a CDB without naming one: per-PDB LogMiner (19c+), where START_LOGMNR
   * finds the logs itself. With `pdb` named, mining runs in CDB$ROOT (withMiningConnection).
   */
  private inPdb: Promise<boolean> | null = null;

  private miningInPdb(): Promise<boolean> {
    this.inPdb ??= this.s.pdb ? Promise.resolve(false) : this.s.one('reading the container', db.MINING_CONTAINER_SQL).then((r) => String(r?.CDB) === 'YES' && String(r?.CON_NAME) !== 'CDB$ROOT');
    return this.inPdb;
  }

  async *mine(req: MineRequest): AsyncGenerator<LogMinerRow[]> {
    const offset = await this.s.hostOffsetSeconds();
    const pdb = await this.miningInPdb();
    const container = req.container ?? this.s.pdb;
    yield* this.s.streamWithMiningConnection(`mining SCN ${req.fromScn}..${req.toScn}`, async function* (conn) {
      let started = false;
      try {
        // In CDB$ROOT or a non-CDB the files are listed explicitly; in a PDB ADD_LOGFILE is not allowed.
        if (!pdb) for (let i = 0; i < req.logFiles.length; i++) await conn.execute(addLogfileSql(i === 0), { name: req.logFiles[i]!.name });
        const start = startLogmnr(req.fromScn, req.toScn, req.redoDictionary !== undefined);
        await conn.execute(start.sql, start.binds);
        started = true;
        const q = contentsQuery(req.fromScn, req.toScn, req.owners ?? [], { container, objectIds: req.objectIds ?? [], ...(req.selection ? { selection: req.selection } : {}) });
        for await (const rows of arrayRowBatches(conn, q.sql, q.binds)) yield rows.map((r) => db.mapLogMinerRow(r, offset));
      } finally {
        if (started || (!pdb && req.logFiles.length > 0)) await conn.execute(END_LOGMNR_SQL).catch(() => undefined);
      }
    });
  }
}

/** UPDATE + COMMIT of the flush table on one instance: its log writer writes what it holds. */
async function flushOn(session: OracleSession): Promise<void> {
  const owner = session.settings.user.toUpperCase();
  await session.withMiningConnection('flushing the log writer', async (conn) => {
    try {
      const r = await conn.execute(db.FLUSH_UPDATE_SQL);
      if (!r.rowsAffected) await conn.execute(flushTableInsert(owner));
      await conn.commit();
    } catch (err) {
      if (/ORA-00942/.test(String((err as Error).message))) throw flushTableMissing(owner);
      throw err;
    }
  });
}
