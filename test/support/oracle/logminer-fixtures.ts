import type { ColumnMeta, TableMeta } from '../../../server/model/oracle-types';
import type { Scn } from '../../../server/model/scn';
import type { LogMinerRow, MineRequest, OracleGateway, RedoLogFile, RedoThreadState } from '../../../server/oracle/gateway';
import { CONTROL_OPS, Op, OPERATION_NAMES, type OpCode } from '../../../server/oracle/logminer/operation-codes';

/**
 * Test helpers for the mining pipeline (used by *.test.ts only): hand-written LogMiner rows and a
 * gateway that serves them by SCN window, so every stage can be tested without the simulator.
 */

let rs = 0;

export function lmRow(over: Partial<LogMinerRow> & Pick<LogMinerRow, 'scn' | 'xid' | 'operationCode'>): LogMinerRow {
  const op = over.operationCode;
  const control = CONTROL_OPS.has(op);
  return {
    operation: OPERATION_NAMES[op as OpCode] ?? 'UNSUPPORTED',
    sqlRedo: op === Op.START ? 'set transaction read write;' : op === Op.COMMIT ? 'commit;' : op === Op.ROLLBACK ? 'rollback;' : null,
    csf: 0,
    rowId: null,
    rollback: 0,
    segOwner: control ? null : 'HR',
    tableName: control ? null : 'EMP',
    timestampMs: 1_700_000_000_000 + Number(over.scn),
    commitScn: op === Op.COMMIT ? over.scn : null,
    userName: 'HR',
    rsId: ` 0x${(++rs).toString(16).padStart(6, '0')}.00000002.0010 `,
    ssn: 0,
    ...over,
  };
}

export function col(name: string, type: ColumnMeta['type'] = 'NUMBER', nullable = true): ColumnMeta {
  return { name, type, dataLength: 22, charLength: type === 'VARCHAR2' ? 100 : 0, precision: null, scale: null, nullable, defaultValue: null };
}

export function table(owner: string, name: string, columns: ColumnMeta[], primaryKey: string[] | null = ['ID']): TableMeta {
  return { owner, name, columns, primaryKey, uniqueKeys: [], indexes: [], rowCountEstimate: null, avgRowLength: null };
}

/** A gateway serving fixed rows; `fail` lets a test inject errors into mine(). */
export class RowsGateway implements Partial<OracleGateway> {
  readonly kind = 'sim' as const;
  mineCalls: MineRequest[] = [];
  /** `atRow` is the index of the first row of the batch about to be fetched (0: before any row). */
  fail: ((req: MineRequest, atRow: number) => Error | null) | null = null;
  /** Rows per fetched batch. */
  batchRows = 1000;

  constructor(
    public rows: LogMinerRow[],
    public current: Scn,
  ) {}

  async currentScn(): Promise<Scn> {
    return this.current;
  }

  /** The database clock: by default the time lmRow gives the current SCN (set it to skew the database from the stream's `now`). */
  clockMs: number | null = null;

  async databaseTimeMs(): Promise<number> {
    return this.clockMs ?? 1_700_000_000_000 + Number(this.current);
  }

  async logFilesFor(fromScn: Scn, toScn: Scn | null): Promise<RedoLogFile[]> {
    return [{ name: '/redo/1.log', thread: 1, sequence: 1, firstScn: fromScn, nextScn: toScn, kind: 'ONLINE', firstTimeMs: 0 }];
  }

  /** Tables of the owners (whole-schema selections list them to learn their object numbers). */
  tables: { owner: string; name: string }[] = [];
  /** SCN of a LogMiner dictionary build in the redo, or null. */
  dictionaryBuild: Scn | null = null;
  /** Rows served instead when a request asks for the redo dictionary (absent: the same rows). */
  redoDictionaryRows: LogMinerRow[] | null = null;

  async listTables(owner: string) {
    return this.tables.filter((t) => t.owner === owner).map((t) => ({ owner, name: t.name, rowCountEstimate: null, hasPrimaryKey: true, hasUniqueKey: false }));
  }

  /** V$THREAD: one open thread that has written everything through `current` (override for LGWR tests). */
  threads: RedoThreadState[] | null = null;
  flushes = 0;

  async redoThreads(): Promise<RedoThreadState[]> {
    return this.threads ?? [{ thread: 1, open: true, lastRedoScn: this.current + 1n, sequence: 1 }];
  }

  async flushRedo(): Promise<void> {
    this.flushes++;
  }

  async ensureFlushTable(): Promise<'exists' | 'created'> {
    return 'exists';
  }

  async dictionaryBuildAtOrBefore(scn: Scn): Promise<Scn | null> {
    return this.dictionaryBuild !== null && this.dictionaryBuild <= scn ? this.dictionaryBuild : null;
  }

  /** Streams the window's rows `batchRows` at a time; `fail` can strike before the first or any later batch. */
  async *mine(req: MineRequest): AsyncGenerator<LogMinerRow[]> {
    this.mineCalls.push(req);
    const source = req.redoDictionary && this.redoDictionaryRows ? this.redoDictionaryRows : this.rows;
    const rows = source.filter((r) => r.scn >= req.fromScn && r.scn < req.toScn).map((r) => ({ ...r }));
    for (let i = 0; ; i += this.batchRows) {
      const err = this.fail?.(req, i);
      if (err) throw err;
      if (i >= rows.length) return;
      yield rows.slice(i, i + this.batchRows);
    }
  }

  asGateway(): OracleGateway {
    return this as unknown as OracleGateway;
  }
}
