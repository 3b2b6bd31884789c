import type { ColumnMeta } from '../model/oracle-types';
import type { RowImageText } from '../model/verification';
import { imageText, keyTextOfParts, type DecodedRecord } from '../formats';

/**
 * The latest image per key of each table, rebuilt from a task's records the way a consumer
 * applying them would:
 *
 *   INIT / INSERT   key(after) ← after
 *   UPDATE          key(before) removed; key(after) ← previous image, then the before image's
 *                   columns, then the after image's (a column the record does not carry keeps
 *                   its value — DTS Avro EmptyObject NONE, SharePlex's unchanged columns)
 *   DELETE          key(before) removed
 *
 * Each key remembers the position (commit SCN, XID, seq) of the change that last set or removed
 * it, and an older change never overwrites a newer one: under the hash-of-primary-key policy an
 * UPDATE that changes the key lands in the new key's partition, and the partitions are read side by
 * side, so the old key's earlier INSERT may be read after the UPDATE that removed it.
 */
export interface ReplayTable {
  /** Mapped columns by name (for exact value text), key columns in key order. */
  columns: ReadonlyMap<string, ColumnMeta>;
  keyColumns: readonly string[];
  rows: Map<string, ReplayedRow>;
}

export interface ReplayedRow {
  /** null: removed (a DELETE, or the old key of a key-changing UPDATE). */
  image: RowImageText | null;
  commitScn: bigint;
  txId: string;
  seq: number;
}

export function newReplayTable(columns: readonly ColumnMeta[], keyColumns: readonly string[]): ReplayTable {
  return { columns: new Map(columns.map((c) => [c.name, c])), keyColumns, rows: new Map() };
}

export function applyRecord(t: ReplayTable, r: DecodedRecord): void {
  const before = r.before ? imageText(r.before, t.columns) : null;
  const after = r.after ? imageText(r.after, t.columns) : null;
  switch (r.op) {
    case 'INIT':
    case 'INSERT':
      if (after) set(t, keyOf(t, after), after, r);
      return;
    case 'DELETE':
      if (before) set(t, keyOf(t, before), null, r);
      return;
    case 'UPDATE': {
      const oldKey = before ? keyOf(t, { ...after, ...before }) : null;
      const previous = oldKey === null ? undefined : t.rows.get(oldKey)?.image;
      const image = { ...(previous ?? {}), ...(before ?? {}), ...(after ?? {}) };
      const newKey = keyOf(t, image);
      if (oldKey !== null && oldKey !== newKey) set(t, oldKey, null, r);
      set(t, newKey, image, r);
      return;
    }
    case 'DDL':
      return;
  }
}

/** Rows present after the replay (removed keys left out). */
export function liveRows(t: ReplayTable): number {
  let n = 0;
  for (const row of t.rows.values()) if (row.image !== null) n++;
  return n;
}

function keyOf(t: ReplayTable, image: RowImageText): string {
  return keyTextOfParts(t.keyColumns.map((c) => image[c]));
}

function set(t: ReplayTable, key: string, image: RowImageText | null, r: DecodedRecord): void {
  const cur = t.rows.get(key);
  if (cur && !isAfter(r, cur)) return;
  t.rows.set(key, { image, commitScn: r.commitScn, txId: r.txId, seq: r.seq });
}

function isAfter(r: DecodedRecord, cur: ReplayedRow): boolean {
  if (r.commitScn !== cur.commitScn) return r.commitScn > cur.commitScn;
  if (r.txId !== cur.txId) return r.txId > cur.txId;
  return r.seq >= cur.seq;
}

