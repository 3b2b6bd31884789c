import { isLob, isXml, type SimTable } from './sim-table';

/**
 * Which column values a redo record carries besides the changed ones, from the supplemental log
 * groups in force (database-level ∪ table-level). Oracle's rules:
 * - UPDATE: the old values of the changed columns (from undo) always; ALL adds every scalar column;
 *   PRIMARY KEY adds the PK (or, without PK, the smallest unique key with a NOT NULL column, else all
 *   scalar columns); UNIQUE adds a unique key's columns when one of them changed.
 * - DELETE: the undo of a delete is the whole row, so every scalar column is present.
 * LOB, LONG and ADT columns are never supplementally logged. Without MIN logging Oracle still
 * writes simple row changes; the simulator does not model the cases it then cannot mine.
 */
export interface EffectiveLogging {
  min: boolean;
  pk: boolean;
  ui: boolean;
  all: boolean;
}

export function scalarColumns(t: SimTable): number[] {
  const out: number[] = [];
  t.columns.forEach((c, i) => {
    if (!isLob(c) && !isXml(c) && c.type !== 'LONG' && c.type !== 'LONG RAW') out.push(i);
  });
  return out;
}

/** Columns that identify the row for PK logging (PK → smallest UK with a NOT NULL column → all scalar). */
export function pkLoggingColumns(t: SimTable): number[] {
  if (t.primaryKey) return t.primaryKey.columns.map((c) => t.columnIndex(c));
  const uks = [...t.uniqueKeys.map((u) => u.columns), ...t.indexes.filter((i) => i.unique).map((i) => i.columns)]
    .filter((cols) => cols.some((c) => t.column(c)?.nullable === false))
    .sort((a, b) => a.length - b.length);
  if (uks[0]) return uks[0].map((c) => t.columnIndex(c));
  return scalarColumns(t);
}

export function updateWhereColumns(t: SimTable, changed: readonly number[], log: EffectiveLogging): number[] {
  const set = new Set<number>(changed.filter((i) => !isLob(t.columns[i]!) && !isXml(t.columns[i]!)));
  if (log.all) for (const i of scalarColumns(t)) set.add(i);
  else {
    if (log.pk) for (const i of pkLoggingColumns(t)) set.add(i);
    if (log.ui) {
      for (const uk of t.uniqueKeys) {
        const idx = uk.columns.map((c) => t.columnIndex(c));
        if (idx.some((i) => changed.includes(i))) for (const i of idx) set.add(i);
      }
    }
  }
  return [...set].sort((a, b) => a - b);
}

export function deleteWhereColumns(t: SimTable): number[] {
  return scalarColumns(t);
}

/** Columns that locate a row in LOB statements: the identity key, else every scalar column. */
export function lobLocatorColumns(t: SimTable): number[] {
  const key = t.keyColumns();
  return key ? key.map((c) => t.columnIndex(c)) : scalarColumns(t);
}
