import type { Scn } from '../../model/scn';
import type { SchemaObject, SchemaObjectType, TableMeta } from '../../model/oracle-types';
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
import { oraError } from '../errors';
import { translateOracleError } from '../ora-errors';
import { canMine, canRead, ROLE_PRIVILEGES, type SimUser } from './catalog';
import { compileFilter } from './filter-eval';
import { indexDdl, storedObjectDdl, tableDdl } from './object-ddl';
import { firstRowAtOrAfter } from './redo-logs';
import { mismatchSql } from './redo-sql';
import { NO_ROWID, type SimRedoRow } from './tx-redo';
import type { SimDatabase } from './sim-database';
import { countRows, readChunk } from './snapshot-scan';

const CONTROL_OPS = new Set([6, 7, 36]);
/** Rows per fetch of the simulated V$LOGMNR_CONTENTS cursor. */
const MINE_BATCH_ROWS = 1000;

/** A driver-shaped error ({ code, message }) for translateOracleError, so messages match the oracledb gateway. */
function driverError(code: string, text: string): Error {
  return Object.assign(new Error(`${code}: ${text}`), { code });
}

/**
 * OracleGateway over a SimDatabase. Construction is the logon: it checks SID/service, account and
 * password like the listener and the server do, and throws the same translated errors
 * (ORA-12505, ORA-12514, ORA-01017, ORA-28000, ORA-01045) as the oracledb gateway.
 */
export class SimGateway implements OracleGateway {
  readonly kind = 'sim' as const;
  private closed = false;
  private readonly user: SimUser;

  constructor(
    readonly db: SimDatabase,
    readonly settings: OracleConnectionSettings,
  ) {
    const ctx = { host: settings.host, port: settings.port, kind: settings.kind, database: settings.database, user: settings.user };
    const wanted = settings.database.toUpperCase();
    if (settings.kind === 'sid' && wanted !== db.dbName.toUpperCase()) {
      throw translateOracleError(driverError('ORA-12505', `TNS:listener does not currently know of SID given in connect descriptor`), ctx);
    }
    if (settings.kind === 'service' && wanted !== db.serviceName.toUpperCase()) {
      throw translateOracleError(driverError('ORA-12514', `TNS:listener does not currently know of service requested in connect descriptor`), ctx);
    }
    const user = db.users.get(settings.user.toUpperCase()) ?? db.users.get(settings.user);
    if (!user || user.password !== settings.password) {
      throw translateOracleError(driverError('ORA-01017', 'invalid username/password; logon denied'), ctx);
    }
    if (user.locked) throw translateOracleError(driverError('ORA-28000', 'The account is locked.'), ctx);
    if (!user.systemPrivileges.has('CREATE SESSION') && !user.roles.has('CONNECT') && !user.roles.has('DBA')) {
      throw translateOracleError(driverError('ORA-01045', `user ${user.name} lacks CREATE SESSION privilege; logon denied`), ctx);
    }
    this.user = user;
  }

  private async call<T>(fn: () => T): Promise<T> {
    if (this.closed) throw oraError('NJS-003', 'invalid or closed connection', { hint: 'The gateway was closed; open a new connection.' });
    await this.db.faults.beforeCall();
    return fn();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  databaseInfo(): Promise<DatabaseInfo> {
    return this.call(() => this.db.info(this.settings.kind === 'service'));
  }

  databaseFlags(): Promise<DatabaseFlags> {
    return this.call(() => this.db.flags());
  }

  sessionPrivileges(): Promise<SessionPrivileges> {
    return this.call(() => {
      const sys = new Set(this.user.systemPrivileges);
      for (const r of this.user.roles) for (const p of ROLE_PRIVILEGES[r] ?? []) sys.add(p);
      return {
        user: this.user.name,
        systemPrivileges: [...sys].sort(),
        roles: [...this.user.roles].sort(),
        objectPrivileges: [...this.user.objectPrivileges].sort(),
      };
    });
  }

  /** Like V$DATABASE.CURRENT_SCN, reading it takes a fresh SCN: every commit so far is below it. */
  currentScn(): Promise<Scn> {
    return this.call(() => this.db.scn.next());
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
      return readChunk(t, req, req.filter ? compileFilter(t, req.filter) : null);
    });
  }

  countRows(owner: string, table: string, scn: Scn, filter?: FilterExpr): Promise<number> {
    return this.call(() => {
      const t = this.readable(owner, table);
      return countRows(t, scn, filter ? compileFilter(t, filter) : null);
    });
  }

  openTransactions(): Promise<OpenTransaction[]> {
    return this.call(() => this.db.openTransactions());
  }

  logFilesFor(fromScn: Scn, toScn: Scn | null): Promise<RedoLogFile[]> {
    return this.call(() => this.db.redo.logFilesFor(fromScn, toScn));
  }

  /**
   * Rows are handed out a batch at a time (copies, as a cursor fetch would give), only when asked
   * for, rendered with the dictionary the session uses: with the online catalog, DML of a table
   * whose definition changed (or that was dropped) since the redo was written comes out as
   * "Dictionary Mismatch" rows (STATUS 2); with a dictionary from the redo logs (a build at or
   * before the window, DDL tracked) it comes out as written.
   */
  async *mine(req: MineRequest): AsyncGenerator<LogMinerRow[]> {
    await this.call(() => {
      if (!canMine(this.user)) {
        throw oraError('ORA-01031', 'insufficient privileges (DBMS_LOGMNR.START_LOGMNR)', {
          hint: `Grant LogMiner access: GRANT LOGMINING TO ${this.user.name}; GRANT EXECUTE ON SYS.DBMS_LOGMNR TO ${this.user.name}; GRANT SELECT ON SYS.V_$LOGMNR_CONTENTS TO ${this.user.name};`,
        });
      }
      const d = req.redoDictionary;
      if (d && this.db.redo.dictionaryBuildAtOrBefore(d.buildScn) !== d.buildScn) {
        throw oraError('ORA-01371', 'Complete LogMiner dictionary not found', { hint: `No LogMiner dictionary built at SCN ${d.buildScn} is in the available redo logs.` });
      }
    });
    if (req.fromScn >= req.toScn) return;
    const owners = req.owners && req.owners.length > 0 ? new Set(req.owners) : null;
    const objectIds = new Set(req.objectIds ?? []);
    const files = [...req.logFiles].sort((a, b) => a.sequence - b.sequence);
    let batch: LogMinerRow[] = [];
    for (const file of files) {
      const rows = this.db.redo.open(file);
      for (let i = firstRowAtOrAfter(rows, req.fromScn); i < rows.length; i++) {
        const stored = rows[i]!;
        if (stored.scn >= req.toScn) break;
        const row = renderRow(this.db, stored, req.redoDictionary !== undefined);
        const wanted = !owners || CONTROL_OPS.has(row.operationCode) || (row.segOwner !== null && owners.has(row.segOwner)) || (row.segOwner === 'UNKNOWN' && objectIds.has(row.objectId ?? -1));
        if (!wanted) continue;
        batch.push(row);
        if (batch.length >= MINE_BATCH_ROWS) {
          yield batch;
          batch = [];
          await this.call(() => undefined); // a fetch round trip: faults (a dropped connection) can strike here too
        }
      }
    }
    if (batch.length > 0) yield batch;
  }

  dictionaryBuildAtOrBefore(scn: Scn): Promise<Scn | null> {
    return this.call(() => this.db.redo.dictionaryBuildAtOrBefore(scn));
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

const DML_OPS = new Set([1, 2, 3, 9, 10, 11, 29]);

/** A stored redo row as V$LOGMNR_CONTENTS shows it (see `mine`); the all-A ROW_ID reads as null, as from the oracledb gateway. */
function renderRow(db: SimDatabase, stored: SimRedoRow, redoDictionary: boolean): LogMinerRow {
  const { objectVersion, ...row } = stored;
  const out: LogMinerRow = { ...row, rowId: row.rowId === NO_ROWID ? null : row.rowId, status: 0 };
  if (redoDictionary || row.objectId === undefined || row.objectId === null || !DML_OPS.has(row.operationCode)) return out;
  const t = db.tableByObjectId(row.objectId);
  if (t && t.objectVersion === objectVersion) return out;
  const owner = t ? t.owner : 'UNKNOWN';
  const table = t ? t.name : `OBJ# ${row.objectId}`;
  let sqlRedo = row.sqlRedo;
  // A whole statement (not one CSF piece of a long one) is re-printed the way LogMiner does.
  if (row.operationCode <= 3 && row.csf === 0 && row.ssn === 0 && row.sqlRedo) {
    try {
      sqlRedo = mismatchSql(row.sqlRedo, owner, table);
    } catch {
      /* keep the text: STATUS 2 says it cannot be trusted anyway */
    }
  }
  return { ...out, segOwner: owner, tableName: table, sqlRedo, status: 2, info: 'Dictionary Mismatch' };
}
