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
import type { SchemaObject, SchemaObjectType, TableMeta } from '../../model/oracle-types';
import type { FilterExpr } from '../../model/row-filter-ast';
import { OracleError } from '../../model/errors';
import { parseScn, type Scn } from '../../model/scn';
import * as cat from './catalog-sql';
import { buildChunkQuery, buildCountQuery } from './chunk-sql';
import * as db from './database-sql';
import { decodeValue } from './row-decode';
import { ARCHIVED_LOGS_SQL, ONLINE_LOGS_SQL, pickLogFiles, type ArchivedLogRow, type OnlineLogRow } from './log-files';
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
    let rac = false;
    try {
      rac = String((await this.s.one('reading cluster_database', db.RAC_SQL))?.VALUE ?? '').toUpperCase() === 'TRUE';
    } catch {
      rac = false; // V$PARAMETER not granted: assume single instance
    }
    return { version: String(v?.VERSION ?? ''), banner: String(v?.BANNER ?? ''), dbName: String(d?.NAME ?? ''), cdb, containerName: container, rac };
  }

  async databaseFlags(): Promise<DatabaseFlags> {
    const d = await this.s.one('reading V$DATABASE', db.DATABASE_SQL);
    if (!d) throw new OracleError('ORA-00942', 'V$DATABASE returned no row', { hint: 'Grant SELECT ON SYS.V_$DATABASE to the account.' });
    let hours: number | null = null;
    if (String(d.LOG_MODE) === 'ARCHIVELOG') hours = n((await this.s.one('reading V$ARCHIVED_LOG', db.ARCHIVE_AGE_SQL))?.HOURS);
    return db.mapFlags(d, hours);
  }

  async sessionPrivileges(): Promise<SessionPrivileges> {
    return this.s.withConnection('reading session privileges', async (conn) => {
      const user = String((await queryObjects(conn, db.SESSION_USER_SQL))[0]?.USERNAME ?? this.s.settings.user);
      return db.mapPrivileges(user, await queryObjects(conn, db.SESSION_PRIVS_SQL), await queryObjects(conn, db.SESSION_ROLES_SQL), await queryObjects(conn, db.OBJECT_PRIVS_SQL));
    });
  }

  async currentScn(): Promise<Scn> {
    const r = await this.s.one('reading the current SCN', db.CURRENT_SCN_SQL);
    return parseScn(String(r?.CURRENT_SCN));
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
    if (raw.length === req.limit) {
      const last = raw[raw.length - 1]!;
      lastKey = q.keyIndexes.map((i) => (i === q.columnCount ? String(last[i]) : rows[rows.length - 1]![i]!));
    }
    return { rows, lastKey };
  }

  async countRows(owner: string, table: string, scn: Scn, filter?: FilterExpr): Promise<number> {
    const columns = filter ? (await this.meta(owner, table)).columns : undefined;
    const q = buildCountQuery(owner, table, scn, filter, columns);
    return Number((await this.s.one(`counting ${owner}.${table} AS OF SCN ${scn}`, q.sql, q.binds))?.N ?? 0);
  }

  async openTransactions(): Promise<OpenTransaction[]> {
    const offset = await this.s.hostOffsetSeconds();
    return (await this.s.rows('reading V$TRANSACTION', db.OPEN_TRANSACTIONS_SQL)).map((r) => db.mapOpenTransaction(r, offset));
  }

  async logFilesFor(fromScn: Scn, toScn: Scn | null): Promise<RedoLogFile[]> {
    const offset = await this.s.hostOffsetSeconds();
    const { archived, online } = await this.s.withConnection('listing redo logs', async (conn) => ({
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
      destId: Number(r.DEST_ID),
      deleted: String(r.DELETED) === 'YES',
      status: String(r.STATUS),
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
    return pickLogFiles(a, o, fromScn, toScn);
  }

  async dictionaryBuildAtOrBefore(scn: Scn): Promise<Scn | null> {
    const r = await this.s.one('looking for a LogMiner dictionary in the archived logs', DICTIONARY_BUILD_SQL, { scn: scn.toString() });
    return r?.SCN == null ? null : parseScn(String(r.SCN));
  }

  /** Connected to a PDB of a CDB: per-PDB LogMiner (19c+), where START_LOGMNR finds the logs itself. */
  private inPdb: Promise<boolean> | null = null;

  private miningInPdb(): Promise<boolean> {
    this.inPdb ??= this.s.one('reading the container', db.MINING_CONTAINER_SQL).then((r) => String(r?.CDB) === 'YES' && String(r?.CON_NAME) !== 'CDB$ROOT');
    return this.inPdb;
  }

  async *mine(req: MineRequest): AsyncGenerator<LogMinerRow[]> {
    const offset = await this.s.hostOffsetSeconds();
    const pdb = await this.miningInPdb();
    yield* this.s.streamWithConnection(`mining SCN ${req.fromScn}..${req.toScn}`, async function* (conn) {
      let started = false;
      try {
        // In CDB$ROOT or a non-CDB the files are listed explicitly; in a PDB ADD_LOGFILE is not allowed.
        if (!pdb) for (let i = 0; i < req.logFiles.length; i++) await conn.execute(addLogfileSql(i === 0), { name: req.logFiles[i]!.name });
        const start = startLogmnr(req.fromScn, req.toScn, req.redoDictionary !== undefined);
        await conn.execute(start.sql, start.binds);
        started = true;
        const q = contentsQuery(req.fromScn, req.toScn, req.owners ?? [], req.objectIds ?? []);
        for await (const rows of arrayRowBatches(conn, q.sql, q.binds)) yield rows.map((r) => db.mapLogMinerRow(r, offset));
      } finally {
        if (started || (!pdb && req.logFiles.length > 0)) await conn.execute(END_LOGMNR_SQL).catch(() => undefined);
      }
    });
  }
}
