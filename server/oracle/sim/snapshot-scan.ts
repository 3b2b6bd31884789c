import type { Scn } from '../../model/scn';
import type { ColumnValue } from '../../model/oracle-types';
import type { Chunk, ChunkRequest } from '../gateway';
import { oraError } from '../errors';
import { rowNumOfRowId } from './identifiers';
import { versionAt, type RowEntry } from './row-store';
import type { SimTable } from './sim-table';
import { comparatorFor } from './value-compare';

/**
 * Flashback reads: `SELECT … FROM t AS OF SCN :scn WHERE (key) > (:afterKey) [AND filter]
 * ORDER BY key FETCH FIRST :limit ROWS ONLY`. Paging by the table's identity key walks the
 * maintained key index; paging by other columns (or by the ROWID pseudo-column) sorts the rows
 * visible at that SCN once and caches the order for the following chunks.
 */
export type RowPredicate = (row: readonly ColumnValue[]) => boolean;

interface Ordering {
  scn: Scn;
  signature: string;
  definitionScn: Scn;
  rows: { entry: RowEntry; values: ColumnValue[]; key: ColumnValue[] }[];
}

const orderings = new WeakMap<SimTable, Ordering>();

function tableChanged(t: SimTable, scn: Scn): Error {
  return oraError('ORA-01466', `unable to read data - table definition has changed (${t.owner}.${t.name} AS OF SCN ${scn})`, {
    hint: 'A DDL ran on the table after the snapshot SCN; restart the full load of that table.',
  });
}

export function readChunk(t: SimTable, req: ChunkRequest, predicate: RowPredicate | null): Chunk {
  if (req.scn < t.definitionScn) throw tableChanged(t, req.scn);
  const keyCols = req.keyColumns;
  const storageKey = t.keyColumns();
  const limit = Math.max(1, req.limit);
  const rows: ColumnValue[][] = [];
  let lastKey: ColumnValue[] | null = null;

  const byStorage = storageKey !== null && storageKey.join('\u0000') === keyCols.join('\u0000');
  const byRowIdKeyless = storageKey === null && keyCols.length === 1 && keyCols[0] === 'ROWID';
  if (byStorage || byRowIdKeyless) {
    const entries = t.store.entries();
    let i = 0;
    if (req.afterKey) i = byStorage ? t.store.upperBound(req.afterKey) : t.store.upperBoundRowNum(rowNumOfRowId(String(req.afterKey[0])));
    const upTo = req.rowidUpTo !== undefined && byRowIdKeyless ? rowNumOfRowId(req.rowidUpTo) : Infinity;
    for (; i < entries.length && rows.length < limit; i++) {
      const e = entries[i]!;
      if (e.rowNum > upTo) break;
      const values = t.imageAt(e, req.scn);
      if (values === null || (predicate && !predicate(values))) continue;
      rows.push(values.slice()); // stored images are shared; hand out copies
      lastKey = byStorage ? e.keyValues!.slice() : [t.rowId(e)];
    }
    return { rows, lastKey: rows.length === limit || (req.rowidUpTo !== undefined && rows.length > 0) ? lastKey : null };
  }

  const ordering = orderingFor(t, req.scn, keyCols);
  const cmp = keyComparator(t, keyCols);
  let lo = 0;
  if (req.afterKey) {
    let hi = ordering.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(ordering.rows[mid]!.key, req.afterKey) <= 0) lo = mid + 1;
      else hi = mid;
    }
  }
  const upTo = req.rowidUpTo !== undefined ? [req.rowidUpTo] : null;
  for (let i = lo; i < ordering.rows.length && rows.length < limit; i++) {
    const r = ordering.rows[i]!;
    if (upTo && cmp(r.key, upTo) > 0) break;
    if (predicate && !predicate(r.values)) continue;
    rows.push(r.values.slice());
    lastKey = r.key.slice();
  }
  return { rows, lastKey: rows.length === limit || (upTo !== null && rows.length > 0) ? lastKey : null };
}

export function countRows(t: SimTable, scn: Scn, predicate: RowPredicate | null): number {
  if (scn < t.definitionScn) throw tableChanged(t, scn);
  let n = 0;
  for (const e of t.store.entries()) {
    const packed = versionAt(e, scn);
    if (packed !== null && (!predicate || predicate(t.codec.unpack(packed)))) n++;
  }
  return n;
}

function keyComparator(t: SimTable, keyCols: string[]): (a: readonly ColumnValue[], b: readonly ColumnValue[]) => number {
  const cmps = keyCols.map((c) => (c === 'ROWID' ? (x: ColumnValue, y: ColumnValue) => rowNumOfRowId(String(x)) - rowNumOfRowId(String(y)) : comparatorFor(t.column(c)!.type)));
  return (a, b) => {
    for (let i = 0; i < cmps.length; i++) {
      const c = cmps[i]!(a[i] ?? null, b[i] ?? null);
      if (c !== 0) return c;
    }
    return 0;
  };
}

function orderingFor(t: SimTable, scn: Scn, keyCols: string[]): Ordering {
  const signature = keyCols.join('\u0000');
  const cached = orderings.get(t);
  if (cached && cached.scn === scn && cached.signature === signature && cached.definitionScn === t.definitionScn) return cached;
  const idx = keyCols.map((c) => {
    if (c === 'ROWID') return -1;
    const i = t.columnIndex(c);
    if (i < 0) throw oraError('ORA-00904', `"${c}": invalid identifier`, { hint: `${t.owner}.${t.name} has no column ${c}.` });
    return i;
  });
  const rows: Ordering['rows'] = [];
  for (const entry of t.store.entries()) {
    const values = t.imageAt(entry, scn);
    if (values === null) continue;
    rows.push({ entry, values, key: idx.map((i) => (i < 0 ? t.rowId(entry) : (values[i] ?? null))) });
  }
  const cmp = keyComparator(t, keyCols);
  rows.sort((a, b) => cmp(a.key, b.key) || a.entry.rowNum - b.entry.rowNum);
  const ordering = { scn, signature, definitionScn: t.definitionScn, rows };
  orderings.set(t, ordering);
  return ordering;
}

/**
 * DBA_EXTENTS as range bounds (gateway `rowidRanges`): the simulator's blocks hold a fixed number
 * of rows, so an "extent" is RANGE_ROWS consecutive row slots; each bound is the last slot's ROWID.
 */
export const RANGE_ROWS = 2048;

export function rowidRanges(t: SimTable): string[] {
  let maxRow = -1;
  for (const e of t.store.entries()) if (e.rowNum > maxRow) maxRow = e.rowNum;
  const bounds: string[] = [];
  for (let last = RANGE_ROWS - 1; last < maxRow; last += RANGE_ROWS) bounds.push(t.rowIdOfRowNum(last));
  return bounds;
}
