import type { ColumnMeta } from '../model/oracle-types';
import { columnText, keyTextAt, type DecodedImage, type DecodedRecord } from '../formats';
import type { RowValues } from './row-image';

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
 *
 * Images are arrays of normalised text with one slot per column (`names`, the table's mapped
 * columns first; a column only records carry is added at the end), so a million-row replay holds
 * a million small arrays rather than a million dictionaries.
 */
export interface ReplayTable {
  /** Slot names: the table's mapped columns in order, then columns only records carried. */
  names: string[];
  columns: (ColumnMeta | undefined)[];
  slots: Map<string, number>;
  keySlots: number[];
  rows: Map<string, ReplayedRow>;
  /** The last record's column list and the slot of each: records of a table share one list. */
  recordColumns: readonly string[] | null;
  recordSlots: number[];
}

export interface ReplayedRow {
  /** null: removed (a DELETE, or the old key of a key-changing UPDATE). */
  image: RowValues | null;
  commitScn: bigint;
  txId: string;
  seq: number;
  /** A source row with this key was compared (full verification); unseen live rows are extra. */
  seen: boolean;
}

export function newReplayTable(columns: readonly ColumnMeta[], keyColumns: readonly string[]): ReplayTable {
  const t: ReplayTable = { names: columns.map((c) => c.name), columns: [...columns], slots: new Map(columns.map((c, i) => [c.name, i])), keySlots: [], rows: new Map(), recordColumns: null, recordSlots: [] };
  t.keySlots = keyColumns.map((k) => slotOf(t, k));
  return t;
}

export function applyRecord(t: ReplayTable, r: DecodedRecord): void {
  switch (r.op) {
    case 'INIT':
    case 'INSERT':
      if (r.after) {
        const after = values(t, r.columns, r.after);
        set(t, keyOf(t, after), after, r);
      }
      return;
    case 'DELETE':
      if (r.before) {
        const before = values(t, r.columns, r.before);
        set(t, keyOf(t, before), null, r);
      }
      return;
    case 'UPDATE': {
      const before = r.before ? values(t, r.columns, r.before) : null;
      const after = r.after ? values(t, r.columns, r.after) : null;
      const oldKey = before ? keyOf(t, overlay(after ?? [], before)) : null;
      const previous = oldKey === null ? null : (t.rows.get(oldKey)?.image ?? null);
      let image: RowValues = previous ? [...previous] : [];
      if (before) image = overlay(image, before);
      if (after) image = overlay(image, after);
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

/** The key text of an image (message-key.ts's escaping), from its key slots. */
export function keyOf(t: ReplayTable, image: RowValues): string {
  return keyTextAt(image, t.keySlots);
}

function slotOf(t: ReplayTable, name: string): number {
  let i = t.slots.get(name);
  if (i === undefined) {
    i = t.names.length;
    t.names.push(name);
    t.columns.push(undefined);
    t.slots.set(name, i);
  }
  return i;
}

/** A record's image (aligned with its columns) as text in the table's slots. */
function values(t: ReplayTable, columns: readonly string[], image: DecodedImage): RowValues {
  if (columns !== t.recordColumns) {
    t.recordSlots = columns.map((name) => slotOf(t, name));
    t.recordColumns = columns;
  }
  const slots = t.recordSlots;
  const out: RowValues = new Array(t.names.length);
  const n = image.length < slots.length ? image.length : slots.length;
  for (let j = 0; j < n; j++) {
    const v = image[j];
    if (v !== undefined) out[slots[j]!] = columnText(v, t.columns[slots[j]!]);
  }
  return out;
}

/** `base` with every slot `top` carries replaced. */
function overlay(base: RowValues, top: RowValues): RowValues {
  const out = base.slice();
  for (let i = 0; i < top.length; i++) if (top[i] !== undefined) out[i] = top[i];
  return out;
}

function set(t: ReplayTable, key: string, image: RowValues | null, r: DecodedRecord): void {
  const cur = t.rows.get(key);
  if (!cur) t.rows.set(key, { image, commitScn: r.commitScn, txId: r.txId, seq: r.seq, seen: false });
  else if (isAfter(r, cur)) {
    cur.image = image;
    cur.commitScn = r.commitScn;
    cur.txId = r.txId;
    cur.seq = r.seq;
  }
}

function isAfter(r: DecodedRecord, cur: ReplayedRow): boolean {
  if (r.commitScn !== cur.commitScn) return r.commitScn > cur.commitScn;
  if (r.txId !== cur.txId) return r.txId > cur.txId;
  return r.seq >= cur.seq;
}
