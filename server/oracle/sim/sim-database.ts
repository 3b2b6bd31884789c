import type { Scn } from '../../model/scn';
import type { ColumnValue } from '../../model/oracle-types';
import type { DatabaseFlags, DatabaseInfo, OpenTransaction } from '../gateway';
import { oraError } from '../errors';
import { ROLE_PRIVILEGES, SimSchema, type SimUser } from './schemas-and-users';
import { FaultInjector } from './faults';
import { XidAllocator } from './identifiers';
import { RedoLogs, type ArchiveDestination } from './redo-logs';
import { addVersion, versionAt } from './row-store';
import { ScnClock } from './scn-clock';
import { SimSession } from './session';
import { realClock, type SimClock } from './sim-clock';
import { SimTable, type TableDefinition } from './sim-table';
import type { EffectiveLogging } from './supplemental';
import type { SimTransaction } from './transaction';
import { normalizeRow } from './value-normalize';
import type { SimRedoRow } from './tx-redo';

export interface SimDatabaseOptions {
  /** DB_NAME, also the SID (Non-RAC) the simulator answers to. */
  dbName?: string;
  /** Service name (RAC/PDB) the simulator answers to. */
  serviceName?: string;
  clock?: SimClock;
  startScn?: Scn;
  idleScnPerSecond?: number;
  redoGroups?: number;
  /** LOG_ARCHIVE_DEST_n (default: destination 1, local and valid). */
  archiveDestinations?: ArchiveDestination[];
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
  /** A multitenant container database (CDB$ROOT); implied by `pdbs`. */
  cdb?: boolean;
  /** PDBs of the CDB, each with its own dictionary (db.pdb(name)); their names are also their services. */
  pdbs?: string[];
  /** V$INSTANCE.VERSION, e.g. '12.2.0.1.0' (per-PDB LogMiner needs 19c). Default 19.0.0.0.0. */
  version?: string;
  /** RAC instances (default 1): sessions open on one (db.session(user, { instance: 2 })). */
  instances?: number;
}

/** The root container's name in a CDB. */
export const CDB_ROOT = 'CDB$ROOT';

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
  readonly xids: XidAllocator;
  readonly dbName: string;
  readonly serviceName: string;
  readonly cdb: boolean;
  readonly rowIdInStmt: boolean;
  readonly version: string;
  readonly instances: number;
  /** The CDB root for a PDB; the database itself otherwise. SCNs, redo, XIDs and flags are the root's. */
  readonly root: SimDatabase;
  /** CON_NAME: null for a non-CDB, CDB$ROOT for the root, the PDB's name for a PDB. */
  readonly conName: string | null;
  /** CON_ID: 0 non-CDB, 1 root, 3… PDBs (2 is PDB$SEED). */
  readonly conId: number;
  /** The root's PDBs by name. */
  readonly pdbs = new Map<string, SimDatabase>();
  private ownLogging: EffectiveLogging;
  private ownForceLogging: boolean;
  private ownUndoRetentionSeconds: number;
  private nextObjectId = 73_100;
  private horizonCache = { atMs: Number.NaN, scn: 0n };

  constructor(options: SimDatabaseOptions = {}, container?: { root: SimDatabase; name: string; id: number }) {
    const o = { ...DEFAULTS, ...options };
    this.root = container?.root ?? this;
    this.clock = container ? container.root.clock : (o.clock ?? realClock);
    this.dbName = o.dbName;
    this.cdb = container !== undefined || (o.cdb ?? false) || (o.pdbs?.length ?? 0) > 0;
    this.serviceName = container ? container.name : options.serviceName ?? (this.cdb ? o.dbName : o.serviceName);
    this.conName = container ? container.name : this.cdb ? CDB_ROOT : null;
    this.conId = container ? container.id : this.cdb ? 1 : 0;
    this.rowIdInStmt = o.rowIdInStmt ?? false;
    this.version = o.version ?? '19.0.0.0.0';
    this.instances = Math.max(1, o.instances ?? 1);
    this.ownLogging = { min: true, pk: false, ui: false, all: false, ...o.supplementalLogging };
    this.ownForceLogging = o.forceLogging ?? false;
    this.ownUndoRetentionSeconds = o.undoRetentionSeconds;
    if (container) {
      // A PDB shares the CDB's SCN, redo, XIDs and fault injection; its dictionary is its own.
      const r = container.root;
      this.scn = r.scn;
      this.redo = r.redo;
      this.faults = r.faults;
      this.xids = r.xids;
      for (const name of ['SYS', 'SYSTEM']) this.createUser(name, 'oracle', { roles: ['DBA'], oracleMaintained: true });
      return;
    }
    this.xids = new XidAllocator();
    this.scn = new ScnClock(this.clock, o.startScn, o.idleScnPerSecond);
    this.redo = new RedoLogs(
      {
        dbName: o.dbName,
        groups: o.redoGroups,
        logSizeBytes: o.logSizeBytes,
        archiveLog: o.archiveLog,
        archiveRetentionHours: o.archiveRetentionHours,
        archiveMaxBytes: o.archiveMaxBytes,
        threads: this.instances,
        ...(o.archiveDestinations ? { destinations: o.archiveDestinations } : {}),
      },
      o.startScn,
      { nowMs: () => this.clock.nowMs(), nextScn: () => this.scn.next() },
    );
    for (const name of ['SYS', 'SYSTEM']) this.createUser(name, 'oracle', { roles: ['DBA'], oracleMaintained: true });
    (o.pdbs ?? []).forEach((name) => this.createPdb(name));
  }

  // Database-wide settings live in the root (a PDB reads and writes the CDB's).
  get logging(): EffectiveLogging {
    return this.root === this ? this.ownLogging : this.root.logging;
  }
  set logging(v: EffectiveLogging) {
    if (this.root === this) this.ownLogging = v;
    else this.root.logging = v;
  }
  get forceLogging(): boolean {
    return this.root === this ? this.ownForceLogging : this.root.forceLogging;
  }
  set forceLogging(v: boolean) {
    if (this.root === this) this.ownForceLogging = v;
    else this.root.forceLogging = v;
  }
  get undoRetentionSeconds(): number {
    return this.root === this ? this.ownUndoRetentionSeconds : this.root.undoRetentionSeconds;
  }
  set undoRetentionSeconds(v: number) {
    if (this.root === this) this.ownUndoRetentionSeconds = v;
    else this.root.undoRetentionSeconds = v;
  }

  // ── multitenant ──────────────────────────────────────────────────────────────────────────
  /** CREATE PLUGGABLE DATABASE: an empty dictionary (SYS, SYSTEM and the CDB's common users). */
  createPdb(name: string): SimDatabase {
    if (this.root !== this || !this.cdb) throw oraError('ORA-65090', 'operation only allowed in a container database');
    const upper = name.toUpperCase();
    if (this.pdbs.has(upper)) throw oraError('ORA-65012', `Pluggable database ${upper} already exists.`);
    const pdb = new SimDatabase({ dbName: this.dbName, version: this.version, instances: this.instances }, { root: this, name: upper, id: 3 + this.pdbs.size });
    this.pdbs.set(upper, pdb);
    for (const u of this.users.values()) if (isCommonUser(u.name) && !u.oracleMaintained) pdb.copyCommonUser(u);
    return pdb;
  }

  /** A PDB of this CDB (ORA-65011 when there is none of that name). */
  pdb(name: string): SimDatabase {
    const p = this.root.pdbs.get(name.toUpperCase());
    if (!p) throw oraError('ORA-65011', `Pluggable database ${name.toUpperCase()} does not exist.`, { hint: 'SELECT NAME FROM V$PDBS lists the PDBs.' });
    return p;
  }

  private copyCommonUser(u: SimUser): void {
    this.createUser(u.name, u.password, { systemPrivileges: [...u.systemPrivileges], roles: [...u.roles], objectPrivileges: [...u.objectPrivileges] });
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
    // CREATE USER C##… CONTAINER=ALL in the root: the common user exists in every PDB.
    if (this.root === this && isCommonUser(name) && !user.oracleMaintained) for (const p of this.pdbs.values()) p.copyCommonUser(user);
    return user;
  }

  /**
   * GRANT as a DBA would: "SELECT ON SYS.V_$LOGMNR_CONTENTS" → object privilege, a known role name
   * (DBA, CONNECT, RESOURCE, SELECT_CATALOG_ROLE, EXECUTE_CATALOG_ROLE) → role, else system privilege.
   */
  grant(userName: string, privilege: string, opts: { container?: 'ALL' | 'CURRENT' } = {}): void {
    const u = this.user(userName);
    const p = privilege.trim().toUpperCase();
    if (/ ON /.test(p)) u.objectPrivileges.add(p);
    else if (p in ROLE_PRIVILEGES) u.roles.add(p);
    else u.systemPrivileges.add(p);
    // In the root, a grant to a common user is CONTAINER=ALL unless CURRENT is asked for.
    if (opts.container !== 'CURRENT' && this.root === this && isCommonUser(u.name)) for (const pdb of this.pdbs.values()) pdb.grant(userName, privilege);
  }

  revoke(userName: string, privilege: string, opts: { container?: 'ALL' | 'CURRENT' } = {}): void {
    const u = this.user(userName);
    const p = privilege.trim().toUpperCase();
    u.objectPrivileges.delete(p);
    u.roles.delete(p);
    u.systemPrivileges.delete(p);
    if (opts.container !== 'CURRENT' && this.root === this && isCommonUser(u.name)) for (const pdb of this.pdbs.values()) pdb.revoke(userName, privilege);
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
    // Asked once per mined row: an index, checked against the dictionary on every hit (a table
    // dropped or renamed since is no longer where the index saw it) and rebuilt on a miss.
    const hit = this.objectIndex.get(objectId);
    if (hit && this.schemas.get(hit.owner)?.tables.get(hit.name) === hit) return hit;
    this.objectIndex.clear();
    for (const schema of this.schemas.values()) for (const t of schema.tables.values()) this.objectIndex.set(t.objectId, t);
    return this.objectIndex.get(objectId);
  }

  private readonly objectIndex = new Map<number, SimTable>();

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

  /** A session of `user` in this container, on RAC instance `instance` (1 by default). */
  session(user: string, opts: { instance?: number } = {}): SimSession {
    const instance = opts.instance ?? 1;
    if (!Number.isInteger(instance) || instance < 1 || instance > this.instances) {
      throw oraError('ORA-12514', `instance ${instance} does not exist (the database has ${this.instances})`);
    }
    return new SimSession(this, this.user(user), instance);
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

  /**
   * V$TRANSACTION of one instance (`{ instance: n }`), or GV$TRANSACTION (every instance) when no
   * instance is given. In the root of a CDB the view spans every container.
   */
  openTransactions(opts: { instance?: number } = {}): OpenTransaction[] {
    const all = [...this.openTx.values(), ...(this.root === this ? [...this.pdbs.values()].flatMap((p) => [...p.openTx.values()]) : [])];
    return all
      .filter((tx) => opts.instance === undefined || tx.instance === opts.instance)
      .map((tx) => ({ xid: tx.xid, startScn: tx.startScn, startTimeMs: tx.startTimeMs }))
      .sort((a, b) => (a.startScn < b.startScn ? -1 : a.startScn > b.startScn ? 1 : 0));
  }

  /** One redo record's rows, generated on RAC instance `instance` (its log buffer; LGWR writes them later). */
  appendRedo(rows: SimRedoRow[], instance = 1): void {
    if (this.faults.unloggedDml) rows = rows.filter((r) => !(r.operationCode >= 1 && r.operationCode <= 3));
    if (rows.length === 0) return;
    if (this.faults.unescapedQuotes) {
      for (const r of rows) if (r.sqlRedo && r.operationCode >= 1 && r.operationCode <= 3) r.sqlRedo = r.sqlRedo.replaceAll("''", "'");
    }
    this.redo.append(instance, rows);
  }

  /** ALTER SYSTEM SWITCH LOGFILE (every thread: ALTER SYSTEM ARCHIVE LOG CURRENT on RAC). */
  switchLogfile(instance?: number): void {
    this.redo.switchLogfile(instance);
  }

  /** SCN synchronisation over a database link: the SCN leaps ahead by `by` with no redo written. */
  jumpScn(by: bigint): Scn {
    return this.scn.jump(by);
  }

  /** ALTER DATABASE OPEN RESETLOGS: a new incarnation, sequences start again at 1. */
  openResetlogs(): Scn {
    const scn = this.scn.next();
    this.redo.openResetlogs(scn);
    return scn;
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

  /** V$DATABASE / V$VERSION as seen from this container; `miningContainer` where LogMiner runs. */
  info(miningContainer: string | null = this.conName): DatabaseInfo {
    const major = this.version.split('.')[0];
    return {
      version: this.version,
      banner: `Oracle Database ${major}c Enterprise Edition Release ${this.version} - Production (Ora2Kafka simulator)`,
      dbName: this.dbName,
      cdb: this.cdb,
      containerName: this.conName,
      rac: this.instances > 1,
      miningContainer,
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

/** Common users of a CDB are named with COMMON_USER_PREFIX (C## by default). */
export function isCommonUser(name: string): boolean {
  return name.toUpperCase().startsWith('C##');
}

export function createSimDatabase(options: SimDatabaseOptions = {}): SimDatabase {
  return new SimDatabase(options);
}
