import type { ColumnValue } from '../../model/oracle-types';
import { OracleError } from '../../model/errors';
import { Prng } from './prng';
import { randomValue } from './random-values';
import type { SimSession } from './session';
import type { SimDatabase } from './sim-database';
import type { SimTable } from './sim-table';

export interface WorkloadOptions {
  seed?: number;
  /** Session user that runs the DML (must own or be able to write the tables). */
  user?: string;
  /** "OWNER.TABLE" names; default: every table of the user's schema. */
  tables?: string[];
  txPerSecond?: number;
  opsPerTx?: [min: number, max: number];
  /** Relative weights of the operations. */
  mix?: { insert: number; update: number; delete: number };
  /** Share of transactions that roll back instead of committing. */
  rollbackRate?: number;
  /** Share of transactions that roll back to a savepoint half-way (partial rollback) and then commit. */
  savepointRate?: number;
  /** Share of transactions kept open for `longTxMs` of sim time (open across snapshots). */
  longTxRate?: number;
  longTxMs?: number;
}

export interface WorkloadStats {
  committed: number;
  rolledBack: number;
  operations: number;
  /** Operations skipped because the chosen row was locked or a key collided. */
  conflicts: number;
}

/**
 * Deterministic DML traffic for the demo and tests. `runTransactions(n)` drives it as fast as
 * possible (benchmarks); `start()` paces it in real time at `txPerSecond` until `stop()`.
 * Long transactions stay open on their own sessions and commit once `longTxMs` of sim time passed.
 */
export class Workload {
  readonly stats: WorkloadStats = { committed: 0, rolledBack: 0, operations: 0, conflicts: 0 };
  private readonly rng: Prng;
  private readonly opts: Required<WorkloadOptions>;
  private readonly session: SimSession;
  private readonly longOpen: { session: SimSession; commitAtMs: number }[] = [];
  private readonly nextId = new Map<SimTable, bigint>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly db: SimDatabase,
    options: WorkloadOptions = {},
  ) {
    const user = options.user ?? 'HR';
    this.opts = {
      seed: 7,
      user,
      tables: options.tables ?? [...db.schema(user).tables.keys()].map((t) => `${user}.${t}`),
      txPerSecond: 20,
      opsPerTx: [1, 5],
      mix: { insert: 4, update: 5, delete: 1 },
      rollbackRate: 0.03,
      savepointRate: 0.03,
      longTxRate: 0.01,
      longTxMs: 30_000,
      ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as WorkloadOptions),
    };
    this.rng = new Prng(this.opts.seed);
    this.session = db.session(user);
  }

  /** Runs n transactions back to back (plus commits of long transactions whose time has come). */
  runTransactions(n: number): void {
    for (let i = 0; i < n; i++) {
      this.finishDueLongTransactions();
      if (this.rng.chance(this.opts.longTxRate)) this.startLongTransaction();
      else this.oneTransaction(this.session);
    }
  }

  start(): void {
    if (this.timer) return;
    let last = Date.now();
    let owed = 0;
    this.timer = setInterval(() => {
      const now = Date.now();
      owed += ((now - last) / 1000) * this.opts.txPerSecond;
      last = now;
      const n = Math.floor(owed);
      owed -= n;
      this.runTransactions(n);
      this.finishDueLongTransactions();
    }, 100);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Commits every long transaction still open (end of a test or benchmark). */
  drain(): void {
    for (const l of this.longOpen.splice(0)) {
      l.session.commit();
      this.stats.committed++;
    }
  }

  get openLongTransactions(): number {
    return this.longOpen.length;
  }

  private startLongTransaction(): void {
    const s = this.db.session(this.opts.user);
    this.operations(s, this.rng.int(1, 3));
    if (s.transaction) this.longOpen.push({ session: s, commitAtMs: this.db.clock.nowMs() + this.opts.longTxMs });
  }

  private finishDueLongTransactions(): void {
    const now = this.db.clock.nowMs();
    for (let i = this.longOpen.length - 1; i >= 0; i--) {
      if (this.longOpen[i]!.commitAtMs <= now) {
        this.longOpen.splice(i, 1)[0]!.session.commit();
        this.stats.committed++;
      }
    }
  }

  private oneTransaction(s: SimSession): void {
    const ops = this.rng.int(this.opts.opsPerTx[0], this.opts.opsPerTx[1]);
    if (this.rng.chance(this.opts.savepointRate) && ops > 1) {
      this.operations(s, Math.ceil(ops / 2));
      s.savepoint('SP1');
      this.operations(s, Math.floor(ops / 2));
      s.rollbackTo('SP1');
    } else this.operations(s, ops);
    if (this.rng.chance(this.opts.rollbackRate)) {
      s.rollback();
      this.stats.rolledBack++;
    } else {
      s.commit();
      this.stats.committed++;
    }
  }

  private operations(s: SimSession, n: number): void {
    for (let i = 0; i < n; i++) {
      const [owner, name] = this.rng.pick(this.opts.tables).split('.') as [string, string];
      const t = this.db.table(owner, name);
      try {
        this.operation(s, t);
        this.stats.operations++;
      } catch (e) {
        if (!(e instanceof OracleError) || !['ORA-00054', 'ORA-00001'].includes(e.code)) throw e;
        this.stats.conflicts++;
      }
    }
  }

  private operation(s: SimSession, t: SimTable): void {
    const { insert, update, delete: del } = this.opts.mix;
    const r = this.rng.next() * (insert + update + del);
    const victim = r < insert ? null : this.pickRow(t);
    if (victim === null) {
      s.insert(t.owner, t.name, this.newRow(t));
      return;
    }
    const key = this.keyOf(t, victim);
    if (r < insert + update) {
      const keyCols = new Set(t.keyColumns() ?? []);
      const candidates = t.columns.filter((c) => !keyCols.has(c.name));
      if (candidates.length === 0) return;
      const changes: Record<string, ColumnValue> = {};
      for (let k = this.rng.int(1, Math.min(3, candidates.length)); k > 0; k--) {
        const c = this.rng.pick(candidates);
        changes[c.name] = randomValue(c, this.rng);
      }
      s.update(t.owner, t.name, key, changes);
    } else s.delete(t.owner, t.name, key);
  }

  /** A random committed, unlocked row (its entry), or null when none is found quickly. */
  private pickRow(t: SimTable) {
    const n = t.store.count();
    for (let attempt = 0; attempt < 5 && n > 0; attempt++) {
      const e = t.store.at(this.rng.int(0, n - 1))!;
      if (e.lockTx === null && e.image !== null) return e;
    }
    return null;
  }

  private keyOf(t: SimTable, e: NonNullable<ReturnType<Workload['pickRow']>>): Record<string, ColumnValue> {
    const cols = t.keyColumns();
    if (!cols) return { ROWID: t.rowId(e) };
    return Object.fromEntries(cols.map((c, i) => [c, e.keyValues![i]!]));
  }

  private newRow(t: SimTable): ColumnValue[] {
    const row = t.columns.map((c) => randomValue(c, this.rng));
    const cols = t.keyColumns();
    if (cols?.length === 1 && (t.column(cols[0]!)!.type === 'NUMBER')) {
      let next = this.nextId.get(t);
      if (next === undefined) {
        const last = t.store.entries().at(-1)?.keyValues?.[0];
        next = last ? BigInt(String(last).split('.')[0]!) + 1n : 1n;
      }
      row[t.columnIndex(cols[0]!)] = next.toString();
      this.nextId.set(t, next + 1n);
    }
    for (const c of cols ?? []) {
      const i = t.columnIndex(c);
      if (row[i] === null) row[i] = randomValue({ ...t.columns[i]!, nullable: false }, this.rng);
    }
    return row;
  }
}
