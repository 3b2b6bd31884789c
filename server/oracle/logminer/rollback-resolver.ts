import type { LogMinerRow } from '../gateway';
import { parseRedoColumns } from '../redo-parser';

/**
 * Partial rollbacks (ROLLBACK TO SAVEPOINT, or a failed statement) inside a transaction that
 * later commits. Oracle applies undo and logs each compensating change with ROLLBACK = 1:
 *   #0 update "HR"."EMP" set "SAL" = '200' where "ID" = '7' and "SAL" = '100';   ROW_ID R7
 *   #1 update "HR"."EMP" set "SAL" = '300' where "ID" = '7' and "SAL" = '200';   ROW_ID R7
 *   #2 update "HR"."EMP" set "SAL" = '200' where "ID" = '7' and "SAL" = '300';   ROW_ID R7, ROLLBACK=1
 *   → #1 is cancelled, #0 stays; #2 itself is never emitted.
 * Matching rule: a compensation row undoes the most recent still-active change of the same ROW_ID
 * with the inverse operation (DELETE undoes INSERT, INSERT undoes DELETE, UPDATE undoes an UPDATE
 * of the same SET columns — else the latest UPDATE). Undo is LIFO, so anything still active on that
 * ROW_ID after the undone change belongs to it (LOB rows, the UPDATE that set a LOB's value) and
 * is cancelled with it.
 * The resolver is fed rows in order (from memory or a spill file) and only tracks ROW_IDs that
 * appear in rollback rows, so its memory is bounded by the rolled-back rows, not the transaction.
 */

interface Change {
  index: number;
  op: number;
  setKey: string | null;
  sql: string | null;
  members: number[];
}

const INVERSE: Record<number, number> = { 1: 2, 2: 1, 3: 3 };
const DML = new Set([1, 2, 3]);

function setKeyOf(sql: string | null): string {
  if (!sql) return '';
  try {
    return [...(parseRedoColumns(sql).after?.names ?? [])].sort().join('\u0000');
  } catch {
    return '';
  }
}

export class RollbackResolver {
  private readonly stacks = new Map<string, Change[]>();
  readonly cancelled = new Set<number>();
  unmatched = 0;

  constructor(private readonly rowIds: ReadonlySet<string>) {}

  /** Feed the index-th row of the transaction (rollback rows included). */
  feed(index: number, row: LogMinerRow): void {
    if (row.rollback === 1) {
      this.undo(row);
      return;
    }
    const rowId = row.rowId;
    if (rowId === null || !this.rowIds.has(rowId)) return;
    const stack = this.stacks.get(rowId) ?? this.stacks.set(rowId, []).get(rowId)!;
    if (DML.has(row.operationCode)) {
      stack.push({ index, op: row.operationCode, setKey: null, sql: row.operationCode === 3 ? row.sqlRedo : null, members: [index] });
    } else if (stack.length > 0) {
      stack[stack.length - 1]!.members.push(index); // LOB rows belong to the change before them
    } else {
      stack.push({ index, op: row.operationCode, setKey: null, sql: null, members: [index] });
    }
  }

  private undo(row: LogMinerRow): void {
    const stack = row.rowId === null ? undefined : this.stacks.get(row.rowId);
    const wanted = INVERSE[row.operationCode];
    if (!stack || wanted === undefined) {
      this.unmatched++;
      return;
    }
    let target = -1;
    if (wanted === 3) {
      const key = setKeyOf(row.sqlRedo);
      for (let i = stack.length - 1; i >= 0 && target < 0; i--) {
        const c = stack[i]!;
        if (c.op !== 3) continue;
        c.setKey ??= setKeyOf(c.sql);
        if (c.setKey === key) target = i;
      }
    }
    for (let i = stack.length - 1; i >= 0 && target < 0; i--) if (stack[i]!.op === wanted) target = i;
    if (target < 0) {
      this.unmatched++;
      return;
    }
    for (const c of stack.splice(target)) for (const m of c.members) this.cancelled.add(m);
  }
}

/** Convenience for in-memory transactions. */
export function resolveRollbacks(rows: readonly LogMinerRow[], rowIds: ReadonlySet<string>): RollbackResolver {
  const r = new RollbackResolver(rowIds);
  rows.forEach((row, i) => r.feed(i, row));
  return r;
}
