import { identityKey, type TableMeta } from '../../model/oracle-types';
import type { LogMinerRow } from '../gateway';
import { parseRedoColumns, type RedoColumnList } from '../redo';
import { parseValueBegin } from './lob-redo';
import { Op, VALUE_BEGIN_OPS } from './operation-codes';
import { TableCache } from './table-cache';

/**
 * Partial rollbacks (ROLLBACK TO SAVEPOINT, or a failed statement) inside a transaction that
 * later commits. Oracle applies undo newest first and logs each compensating change with
 * ROLLBACK = 1 and the ROW_ID of the row it restores:
 *   #0 update "HR"."EMP" set "SAL" = '200' where "ID" = '7' and "SAL" = '100';   ROW_ID R7
 *   #1 update "HR"."EMP" set "SAL" = '300' where "ID" = '7' and "SAL" = '200';   ROW_ID R7
 *   #2 update "HR"."EMP" set "SAL" = '200' where "ID" = '7' and "SAL" = '300';   ROW_ID R7, ROLLBACK=1
 *   → #1 is cancelled, #0 stays; #2 itself is never emitted.
 * What real LogMiner writes (Oracle 23ai recordings in Debezium's dbz#1960 tests) and the
 * simulator models: rows of out-of-line LOB work — SELECT_LOB_LOCATOR, LOB_WRITE, and the INSERT
 * of a row with LOB values — carry no ROW_ID (AAAAAAAAAAAAAAAAAA, read as null), nor do any rows
 * of an index-organized table; LOB data itself is never re-written by undo, but the undone
 * statement gets one compensating row with the row's ROW_ID (an UPDATE for a LOB-only UPDATE).
 * So a compensating row is matched to the change it undoes by ROW_ID *or* by table and key
 * (primary key, else the first unique key, as the redo names them):
 *   - DELETE undoes an INSERT, INSERT undoes a DELETE, UPDATE undoes an UPDATE or a LOB write
 *     (SELECT_LOB_LOCATOR) — the one with the same SET columns if there is one, else the latest;
 *   - undo is LIFO, so everything the transaction did after the undone change was undone too:
 *     the whole range from that change up to the compensating row is cancelled — its LOB rows
 *     included, whatever their ROW_ID.
 * Memory: identities are collected from the compensating rows first (`rollbackIdentities`), and
 * only changes with one of those identities are tracked; cancelled ranges are kept as intervals.
 */

export interface RollbackIdentities {
  rowIds: Set<string>;
  keys: Set<string>;
}

interface Change {
  index: number;
  op: number;
  /** SET columns (UPDATE) or the LOB column (SELECT_LOB_LOCATOR), computed when first needed. */
  setKey: string | null;
  row: LogMinerRow;
  /** The change of the same row (by key) just before this one: the DML row a value written apart may belong to. */
  previous: Change | null;
}

/** Rows a compensating row can undo: DML, and the rows that open a value written apart (LOB, XML, extended string). */
const UNDOABLE = new Set<number>([Op.INSERT, Op.DELETE, Op.UPDATE, ...VALUE_BEGIN_OPS]);

function keyText(owner: string, table: string, cols: readonly string[], list: RedoColumnList | null): string | null {
  if (!list) return null;
  const parts: string[] = [];
  for (const c of cols) {
    const i = list.names.indexOf(c);
    if (i < 0) return null;
    parts.push(list.values[i] ?? '\u0000NULL');
  }
  return `${owner}.${table}|${parts.join('\u0001')}`;
}

/** `OWNER.TABLE|key values` of the row a DML or LOB-locator row names, as its redo text prints it. */
export function rowKeyOf(row: LogMinerRow, metas: ReadonlyMap<string, TableMeta | null>): string | null {
  if (!row.segOwner || !row.tableName || !row.sqlRedo) return null;
  const meta = metas.get(TableCache.key(row.segOwner, row.tableName));
  const cols = meta ? identityKey(meta) : null;
  if (!cols) return null;
  try {
    if (VALUE_BEGIN_OPS.has(row.operationCode)) return keyText(row.segOwner, row.tableName, cols, parseValueBegin(row.operationCode, row.sqlRedo)?.where ?? null);
    const p = parseRedoColumns(row.sqlRedo);
    return keyText(row.segOwner, row.tableName, cols, p.operation === 'INSERT' ? p.after : p.before);
  } catch {
    return null;
  }
}

function setKeyOf(row: LogMinerRow): string {
  if (!row.sqlRedo) return '';
  try {
    if (VALUE_BEGIN_OPS.has(row.operationCode)) return parseValueBegin(row.operationCode, row.sqlRedo)?.column ?? '';
    return [...(parseRedoColumns(row.sqlRedo).after?.names ?? [])].sort().join('\u0000');
  } catch {
    return '';
  }
}

/** Identities named by the compensating rows of a transaction (feed every row; others are ignored). */
export class RollbackIdentityCollector {
  readonly identities: RollbackIdentities = { rowIds: new Set(), keys: new Set() };

  constructor(private readonly metas: ReadonlyMap<string, TableMeta | null>) {}

  feed(row: LogMinerRow): void {
    if (row.rollback !== 1) return;
    if (row.rowId !== null) this.identities.rowIds.add(row.rowId);
    const k = rowKeyOf(row, this.metas);
    if (k) this.identities.keys.add(k);
  }
}

const SAME: Record<number, (op: number) => boolean> = {
  [Op.INSERT]: (op) => op === Op.DELETE, // an INSERT undoes a DELETE
  [Op.DELETE]: (op) => op === Op.INSERT, // a DELETE undoes an INSERT
  [Op.UPDATE]: (op) => op === Op.UPDATE || VALUE_BEGIN_OPS.has(op), // an UPDATE undoes an UPDATE or a value written apart
};

export class RollbackResolver {
  private readonly stacks = new Map<string, Change[]>();
  /** Cancelled [from, to) index ranges, sorted and disjoint. */
  private readonly ranges: [number, number][] = [];
  unmatched = 0;

  constructor(
    private readonly ids: RollbackIdentities,
    private readonly metas: ReadonlyMap<string, TableMeta | null>,
  ) {}

  /** Feed the index-th row of the transaction (compensating rows included), in order. */
  feed(index: number, row: LogMinerRow): void {
    if (row.rollback === 1) {
      this.undo(index, row);
      return;
    }
    if (!UNDOABLE.has(row.operationCode)) return;
    const change: Change = { index, op: row.operationCode, setKey: null, row, previous: null };
    for (const id of this.identitiesOf(row, true)) {
      const stack = this.stacks.get(id) ?? this.stacks.set(id, []).get(id)!;
      if (id.startsWith('k:')) change.previous = stack[stack.length - 1] ?? null;
      stack.push(change);
    }
  }

  isCancelled(index: number): boolean {
    let lo = 0;
    let hi = this.ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const [from, to] = this.ranges[mid]!;
      if (index < from) hi = mid;
      else if (index >= to) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Number of cancelled rows (compensating rows inside a cancelled range included). */
  get cancelledCount(): number {
    return this.ranges.reduce((n, [a, b]) => n + b - a, 0);
  }

  private identitiesOf(row: LogMinerRow, onlyKnown: boolean): string[] {
    const out: string[] = [];
    if (row.rowId !== null && (!onlyKnown || this.ids.rowIds.has(row.rowId))) out.push(`r:${row.rowId}`);
    if (!onlyKnown || this.ids.keys.size > 0) {
      const k = rowKeyOf(row, this.metas);
      if (k !== null && (!onlyKnown || this.ids.keys.has(k))) out.push(`k:${k}`);
    }
    return out;
  }

  private undo(index: number, row: LogMinerRow): void {
    const accepts = SAME[row.operationCode];
    if (!accepts) {
      this.unmatched++;
      return;
    }
    const seen = new Set<number>();
    const candidates: Change[] = [];
    for (const id of this.identitiesOf(row, false)) {
      for (const c of this.stacks.get(id) ?? []) {
        if (seen.has(c.index) || !accepts(c.op) || this.isCancelled(c.index)) continue;
        seen.add(c.index);
        candidates.push(c);
      }
    }
    if (candidates.length === 0) {
      this.unmatched++;
      return;
    }
    candidates.sort((a, b) => b.index - a.index);
    let target = candidates[0]!;
    if (row.operationCode === Op.UPDATE) {
      const want = setKeyOf(row);
      const same = candidates.find((c) => (c.setKey ??= setKeyOf(c.row)) === want);
      if (same) target = same;
    }
    // A value written apart (LOB locator, XML, extended string) right after the DML row of the same
    // statement — same row, same SCN — belongs to it: the undo reaches back to that row.
    const prev = target.previous;
    if (VALUE_BEGIN_OPS.has(target.op) && prev && (prev.op === Op.UPDATE || prev.op === Op.INSERT) && prev.row.scn === target.row.scn && !this.isCancelled(prev.index)) target = prev;
    this.cancel(target.index, index);
  }

  private cancel(from: number, to: number): void {
    // Ranges only ever grow towards higher indexes (undo rows come in order), so merge at the end.
    while (this.ranges.length > 0 && this.ranges[this.ranges.length - 1]![0] >= from) this.ranges.pop();
    const last = this.ranges[this.ranges.length - 1];
    if (last && last[1] >= from) last[1] = Math.max(last[1], to);
    else this.ranges.push([from, to]);
  }
}

/** Convenience for in-memory transactions. */
export function resolveRollbacks(rows: readonly LogMinerRow[], metas: ReadonlyMap<string, TableMeta | null>): RollbackResolver {
  const ids = new RollbackIdentityCollector(metas);
  for (const r of rows) ids.feed(r);
  const resolver = new RollbackResolver(ids.identities, metas);
  rows.forEach((row, i) => resolver.feed(i, row));
  return resolver;
}
