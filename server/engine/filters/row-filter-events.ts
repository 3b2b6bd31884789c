import type { ChangeEvent } from '../../model/change-event';
import type { ColumnValue } from '../../model/oracle-types';

/**
 * The per-table WHERE filter applied to events, with the semantics of the snapshot query: after
 * every committed change, the rows a consumer has seen for the table equal
 * `SELECT … WHERE <filter>` at that commit SCN.
 *
 *   INIT / INSERT   kept when the filter is TRUE for the after image (NULL/unknown drops the row,
 *                   exactly as WHERE does).
 *   DELETE          kept when the filter is TRUE for the before image.
 *   UPDATE          before in, after in   → UPDATE
 *                   before out, after in  → INSERT of the row after the change (it enters the set)
 *                   before in, after out  → DELETE of the row before the change (it leaves the set)
 *                   before out, after out → dropped
 *
 * Images can be incomplete: LogMiner's redo holds the key (supplemental PK/UI logging) and the
 * changed columns, so an UPDATE of SALARY does not carry DEPARTMENT_ID. A column missing from one
 * image is taken from the other (unchanged columns are equal in both). When a filter column is in
 * neither, the filter cannot be decided: the event is kept unchanged (never silently lost) and
 * reported as `undecided`, so the task can warn once that exact filtering needs
 * `ALTER TABLE … ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS`.
 */

/** true/false/null as SQL's three-valued WHERE; `undefined` = a referenced column is not in the image. */
export type ImagePredicate = (image: readonly (ColumnValue | undefined)[]) => boolean | null | undefined;

export interface FilterOutcome {
  event: ChangeEvent | null;
  undecided: boolean;
}

export function filterEvent(e: ChangeEvent, matches: ImagePredicate): FilterOutcome {
  switch (e.op) {
    case 'DDL':
      return { event: e, undecided: false };
    case 'INIT':
    case 'INSERT':
      return decide(e, e.after ? matches(e.after) : undefined);
    case 'DELETE':
      return decide(e, e.before ? matches(e.before) : undefined);
    case 'UPDATE':
      return filterUpdate(e, matches);
  }
}

function decide(e: ChangeEvent, r: boolean | null | undefined): FilterOutcome {
  if (r === undefined) return { event: e, undecided: true };
  return { event: r === true ? e : null, undecided: false };
}

function filterUpdate(e: ChangeEvent, matches: ImagePredicate): FilterOutcome {
  const before = e.before ?? [];
  const after = e.after ?? [];
  const n = Math.max(before.length, after.length, e.columns.length);
  const full = (a: readonly (ColumnValue | undefined)[], b: readonly (ColumnValue | undefined)[]) => {
    const out: (ColumnValue | undefined)[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = a[i] !== undefined ? a[i] : b[i];
    return out;
  };
  const beforeFull = full(before, after);
  const afterFull = full(after, before);
  const wasIn = matches(beforeFull);
  const isIn = matches(afterFull);
  if (wasIn === undefined || isIn === undefined) return { event: e, undecided: true };
  if (wasIn === true && isIn === true) return { event: e, undecided: false };
  if (wasIn !== true && isIn === true) return { event: { ...e, op: 'INSERT', before: null, after: afterFull }, undecided: false };
  if (wasIn === true) return { event: { ...e, op: 'DELETE', before: beforeFull, after: null }, undecided: false };
  return { event: null, undecided: false };
}
