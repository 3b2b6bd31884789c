import type { Scn } from '../../model/scn';
import type { ColumnValue } from '../../model/oracle-types';
import type { DatabaseFlags, DatabaseInfo, LogMinerRow, OpenTransaction } from '../gateway';
import { oraError } from '../errors';
import { ROLE_PRIVILEGES, SimSchema, type SimUser } from './catalog';
import { FaultInjector } from './faults';
import { XidAllocator } from './identifiers';
import { RedoLogs } from './redo-logs';
import { addVersion, versionAt } from './row-store';
import { ScnClock } from './scn-clock';
import { SimSession } from './session';
import { realClock, type SimClock } from './sim-clock';
import { SimTable, type TableDefinition } from './sim-table';
import type { EffectiveLogging } from './supplemental';
import type { SimTransaction } from './transaction';
import { normalizeRow } from './value-normalize';

export interface SimDatabaseOptions {
  /** DB_NAME, also the SID (Non-RAC) the simulator answers to. */
  dbName?: string;
  /** Service name (RAC/PDB) the simulator answers to. */
  serviceName?: string;
  clock?: SimClock;
  startScn?: Scn;
  idleScnPerSecond?: number;
  redoGroups?: number;
  logSizeBytes?: number;
  archiveLog?: boolean;
  archiveRetentionHours?: number | null;
  archiveMaxBytes?: number;
  /** UNDO_RETENTION in seconds: how far back AS OF SCN reads are guaranteed. */
  undoRetentionSeconds?: number;
  supplementalLogging?: Partial<EffectiveLogging>;
  forceLogging?: boolean;
  /** Mine as without NO_ROWID_IN_STMT: SQL_REDO WHERE clauses end with `and ROWID = '…'`. */
  rowIdInStmt?: boolean;
  cdb?: boolean;
}

const DEFAULTS = {
  dbName: 'SIMDB',
  serviceName: 'SIMPDB',
  startScn: 2_000_000n,
  idleScnPerSecond: 2,
  redoGroups: 3,
  logSizeBytes: 8 * 1024 * 1024,
  archiveLog: true,
  archiveRetentionHours: 168,
  archiveMaxBytes: 512 * 1024 * 1024,
  undoRetentionSeconds: 3 * 3600,
};

/**
 * The in-process Oracle: SCN clock, dictionary (users, schemas, tables, objects), row versions,
 * transactions, redo logs and database flags. Sessions (`db.session(user)`) change data; gateways
 * (`new SimGateway(db, settings)`) read it the way the product reads a real database.
 */
export class SimDatabase {
  readonly clock: SimClock;
  readonly scn: ScnClock;
  readonly redo: RedoLogs;
  readonly faults = new FaultInjector((seq) => this.redo.purgeSequence(seq));
  readonly schemas = new Map<string, SimSchema>();
  readonly users = new Map<string, SimUser>();
  readonly openTx = new Map<string, SimTransaction>();
  readonly xids = new XidAllocator();
  readonly dbName: string;
  readonly serviceName: string;
  readonly cdb: boolean;
  readonly rowIdInStmt: boolean;
  logging: EffectiveLogging;
  forceLogging: boolean;
  undoRetentionSeconds: number;
  private nextObjectId = 73_100;
  private horizonCache = { atMs: Number.NaN, scn: 0n };

  constructor(options: SimDatabaseOptions = {}) {
    const o = { ...DEFAULTS, ...options };
    this.clock = o.clock ?? realClock;
    this.dbName = o.dbName;
    this.serviceName = o.serviceName;
    this.cdb = o.cdb ?? false;
    this.rowIdInStmt = o.rowIdInStmt ?? false;
    this.scn = new ScnClock(this.clock, o.startScn, o.idleScnPerSecond);
    this.redo = new RedoLogs(
      {
        dbName: o.dbName,
        groups: o.redoGroups,
        logSizeBytes: o.logSizeBytes,
        archiveLog: o.archiveLog,
        archiveRetentionHours: o.archiveRetentionHours,
        archiveMaxBytes: o.archiveMaxBytes,
      },
      o.startScn,
      this.clock.nowMs(),
    );
    this.logging = { min: true, pk: false, ui: false, all: false, ...o.supplementalLogging };
    this.forceLogging = o.forceLogging ?? false;
    this.undoRetentionSeconds = o.undoRetentionSeconds;
    for (const name of ['SYS', 'SYSTEM']) this.createUser(name, 'oracle', { roles: ['DBA'], oracleMaintained: true });
  }

  // ── users and schemas ────────────────────────────────────────────────────────────────────
  createUser(
    name: string,
    password: string,
    privs: { systemPrivileges?: string[]; roles?: string[]; objectPrivileges?: string[]; oracleMaintained?: boolean } = {},
  ): SimUser {
    const user: SimUser = {
      name,
      password,
      oracleMaintained: privs.oracleMaintained ?? false,
      systemPrivileges: new Set(privs.systemPrivileges ?? ['CREATE SESSION']),
      roles: new Set(privs.roles ?? []),
      objectPrivileges: new Set(privs.objectPrivileges ?? []),
      locked: false,
    };
    this.users.set(name, user);
    if (!this.schemas.has(name)) this.schemas.set(name, new SimSchema(name));
    return user;
  }

  /**
   * GRANT as a DBA would: "SELECT ON SYS.V_$LOGMNR_CONTENTS" → object privilege, a known role name
   * (DBA, CONNECT, RESOURCE, SELECT_CATALOG_ROLE, EXECUTE_CATALOG_ROLE) → role, else system privilege.
   */
  grant(userName: string, privilege: string): void {
    const u = this.user(userName);
    const p = privilege.trim().toUpperCase();
    if (/ ON /.test(p)) u.objectPrivileges.add(p);
    else if (p in ROLE_PRIVILEGES) u.roles.add(p);
    else u.systemPrivileges.add(p);
  }

  revoke(userName: string, privilege: string): void {
    const u = this.user(userName);
    const p = privilege.trim().toUpperCase();
    u.objectPrivileges.delete(p);
    u.roles.delete(p);
    u.systemPrivileges.delete(p);
  }

  /** ALTER DATABASE ADD/DROP SUPPLEMENTAL LOG DATA [(PRIMARY KEY|UNIQUE|ALL) COLUMNS]. */
  setSupplementalLogging(flags: Partial<EffectiveLogging>): void {
    this.logging = { ...this.logging, ...flags };
  }

  user(name: string): SimUser {
    const u = this.users.get(name);
    if (!u) throw oraError('ORA-01918', `user '${name}' does not exist`);
    return u;
  }

  schema(owner: string): SimSchema {
    const s = this.schemas.get(owner);
    if (!s) throw oraError('ORA-01918', `user '${owner}' does not exist`, { hint: `Schema ${owner} does not exist on ${this.dbName}.` });
    return s;
  }

  table(owner: string, name: string): SimTable {
    return this.schema(owner).table(name);
  }

  allocObjectId(): number {
    return this.nextObjectId++;
  }

  /** The table with this object number, or undefined once it was dropped. */
  tableByObjectId(objectId: number): SimTable | undefined {
    for (const schema of this.schemas.values()) for (const t of schema.tables.values()) if (t.objectId === objectId) return t;
    return undefined;
  }

  /** EXECUTE DBMS_LOGMNR_D.BUILD(OPTIONS => DBMS_LOGMNR_D.STORE_IN_REDO_LOGS): a dictionary copy in the redo. */
  buildDictionary(): Scn {
    const scn = this.scn.next();
    this.redo.markDictionaryBuild(scn);
    return scn;
  }

  /** Creates a table directly in the dictionary (no redo: it predates mining). Use session.ddl for logged DDL. */
  createTable(def: TableDefinition): SimTable {
    const schema = this.schema(def.owner);
    if (schema.nameTaken(def.name)) throw oraError('ORA-00955', 'name is already used by an existing object');
    const t = new SimTable(def, this.allocObjectId(), this.scn.next());
    schema.tables.set(def.name, t);
    return t;
  }

  /**
   * Direct-path load of committed rows (no redo, like data that existed before mining starts).
   * Rows are arrays in column order or objects by column name.
   */
  loadRows(owner: string, tableName: string, rows: Iterable<ColumnValue[] | Record<string, ColumnValue>>): number {
    const t = this.table(owner, tableName);
    const scn = this.scn.next();
    const images: ColumnValue[][] = [];
    for (const r of rows) images.push(normalizeRow(t, r));
    const keyless = t.keyColumns() === null;
    const base = t.store.peekRowNum();
    const entries = t.store.createMany(
      images.map((img, i) => {
        const k = t.keyOf(img);
        if (!keyless && t.store.get(k!.key)) throw oraError('ORA-00001', `unique constraint (${owner}.${t.primaryKey?.name ?? 'UK'}) violated`);
        return k ?? { key: `#${base + i}`, keyValues: null };
      }),
    );
    entries.forEach((e, i) => addVersion(e, scn, t.codec.pack(images[i]!), 0n));
    return images.length;
  }

  session(user: string): SimSession {
    return new SimSession(this, this.user(user));
  }

  // ── SCN, transactions, redo ──────────────────────────────────────────────────────────────
  currentScn(): Scn {
    return this.scn.current();
  }

  /** Oldest SCN whose versions are still kept (now − UNDO_RETENTION). */
  undoHorizon(): Scn {
    const now = this.clock.nowMs();
    if (now - this.horizonCache.atMs < 1000) return this.horizonCache.scn;
    const scn = this.scn.scnAtTime(now - this.undoRetentionSeconds * 1000) ?? 0n;
    this.horizonCache = { atMs: now, scn };
    return scn;
  }

  openTransactions(): OpenTransaction[] {
    return [...this.openTx.values()]
      .map((tx) => ({ xid: tx.xid, startScn: tx.startScn, startTimeMs: tx.startTimeMs }))
      .sort((a, b) => (a.startScn < b.startScn ? -1 : a.startScn > b.startScn ? 1 : 0));
  }

  /** Appends one redo record's rows to the current log, switching when it is full. */
  appendRedo(rows: LogMinerRow[]): void {
    if (rows.length === 0) return;
    if (this.redo.append(rows)) this.switchLogfile();
  }

  switchLogfile(): void {
    this.redo.switchLogfile(this.scn.next(), this.clock.nowMs());
  }

  purgeArchivedLogs(beforeSequence: number): number {
    return this.redo.purgeArchived(beforeSequence);
  }

  effectiveLogging(t: SimTable): EffectiveLogging {
    const l = this.logging;
    return { min: l.min, pk: l.pk || t.supplemental.pk, ui: l.ui || t.supplemental.ui, all: l.all || t.supplemental.all };
  }

  // ── flags and identity ───────────────────────────────────────────────────────────────────
  setArchiveLog(on: boolean): void {
    this.redo.setArchiveLog(on);
  }

  setArchiveRetentionHours(hours: number | null): void {
    this.redo.setRetentionHours(hours);
    this.redo.enforceRetention(this.clock.nowMs());
  }

  flags(): DatabaseFlags {
    const l = this.logging;
    return {
      logMode: this.redo.archiveLog ? 'ARCHIVELOG' : 'NOARCHIVELOG',
      forceLogging: this.forceLogging,
      // Enabling PK/UI/ALL at database level implicitly enables minimal logging (V$DATABASE shows IMPLICIT).
      supplementalLogMin: l.min || l.pk || l.ui || l.all,
      supplementalLogPk: l.pk,
      supplementalLogUi: l.ui,
      supplementalLogAll: l.all,
      archiveRetentionHours: this.redo.retentionHours,
    };
  }

  info(viaService: boolean): DatabaseInfo {
    return {
      version: '19.0.0.0.0',
      banner: 'Oracle Database 19c Enterprise Edition Release 19.0.0.0.0 - Production (Ora2Kafka simulator)',
      dbName: this.dbName,
      cdb: this.cdb,
      containerName: this.cdb && viaService ? this.serviceName : null,
      rac: false,
    };
  }

  /** DBMS_STATS.GATHER_*_STATS: snapshots NUM_ROWS / AVG_ROW_LEN (they go stale as data changes). */
  gatherStats(owner?: string, tableName?: string): void {
    const now = this.clock.nowMs();
    const scn = this.currentScn();
    for (const schema of this.schemas.values()) {
      if (owner && schema.name !== owner) continue;
      for (const t of schema.tables.values()) {
        if (tableName && t.name !== tableName) continue;
        t.stats = { ...computeStats(t, scn), analyzedAtMs: now };
      }
    }
  }
}

function computeStats(t: SimTable, scn: Scn): { numRows: number; avgRowLength: number } {
  let numRows = 0;
  let bytes = 0;
  for (const e of t.store.entries()) {
    const image = versionAt(e, scn);
    if (image === null) continue;
    numRows++;
    if (numRows <= 1000) bytes += estimateRowBytes(t.codec.unpack(image));
  }
  return { numRows, avgRowLength: numRows === 0 ? 0 : Math.round(bytes / Math.min(numRows, 1000)) };
}

function estimateRowBytes(values: readonly ColumnValue[]): number {
  let n = 3;
  for (const v of values) {
    if (v === null) n += 1;
    else if (typeof v === 'string') n += 1 + Buffer.byteLength(v);
    else if (typeof v === 'number') n += 5;
    else if (v instanceof Uint8Array) n += 1 + v.length;
    else n += 8;
  }
  return n;
}

export function createSimDatabase(options: SimDatabaseOptions = {}): SimDatabase {
  return new SimDatabase(options);
}
