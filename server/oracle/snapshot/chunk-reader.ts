import type { ColumnValue, TableMeta } from '../../model/oracle-types';
import type { FilterExpr } from '../../model/row-filter-ast';
import type { Scn } from '../../model/scn';
import type { OracleGateway } from '../gateway';

/**
 * Keyset-paginated full read of one table AS OF SCN, resumable from the last key read:
 *   chunk 1: keyColumns ['ID'], afterKey null  → rows ID 1..1000, lastKey ['1000']
 *   chunk 2: afterKey ['1000']                  → rows ID 1001..1734, lastKey null (done)
 * Key choice: the primary key, else a unique key whose columns are all NOT NULL (a nullable unique
 * key would skip NULL keys with ">"), else the ROWID pseudo-column (keyColumns ['ROWID']).
 */

export interface ChunkReadOptions {
  scn: Scn;
  chunkSize?: number;
  filter?: FilterExpr;
  /** Resume after this key (the `lastKey` of the last chunk written before a restart). */
  afterKey?: ColumnValue[] | null;
}

export interface ReadChunk {
  rows: ColumnValue[][];
  /** Key of the last row: persist it to resume here. */
  lastKey: ColumnValue[] | null;
  done: boolean;
}

export function pagingKey(meta: TableMeta): string[] {
  if (meta.primaryKey && meta.primaryKey.length > 0) return meta.primaryKey;
  const notNull = new Set(meta.columns.filter((c) => !c.nullable).map((c) => c.name));
  const uk = meta.uniqueKeys.find((k) => k.length > 0 && k.every((c) => notNull.has(c)));
  if (uk) return uk;
  return ['ROWID'];
}

export async function* readTableChunks(gateway: OracleGateway, meta: TableMeta, opts: ChunkReadOptions): AsyncGenerator<ReadChunk> {
  const keyColumns = pagingKey(meta);
  const limit = opts.chunkSize ?? 5000;
  const read = (afterKey: ColumnValue[] | null) =>
    gateway.readChunk({ owner: meta.owner, table: meta.name, scn: opts.scn, keyColumns, afterKey, limit, ...(opts.filter ? { filter: opts.filter } : {}) });
  let afterKey = opts.afterKey ?? null;
  let pending = read(afterKey);
  try {
    for (;;) {
      const chunk = await pending;
      const done = chunk.lastKey === null;
      // Read ahead: the database fetches the next chunk while the caller encodes and sends this one.
      if (!done) {
        pending = read(chunk.lastKey);
        pending.catch(() => undefined); // surfaces at the next await; never unhandled if the caller stops first
      }
      const lastKey = chunk.rows.length > 0 ? (chunk.lastKey ?? keyOfLastRow(meta, keyColumns, chunk.rows)) : afterKey;
      if (chunk.rows.length > 0 || done) yield { rows: chunk.rows, lastKey, done };
      if (done) return;
      afterKey = chunk.lastKey;
    }
  } finally {
    pending.catch(() => undefined);
  }
}

/** Key of the final row of the final chunk (the gateway reports null there); ROWID keys are not in the row. */
function keyOfLastRow(meta: TableMeta, keyColumns: string[], rows: ColumnValue[][]): ColumnValue[] | null {
  if (keyColumns[0] === 'ROWID') return null;
  const last = rows[rows.length - 1]!;
  return keyColumns.map((k) => last[meta.columns.findIndex((c) => c.name === k)] ?? null);
}

/** Rows to expect, for progress: the statistics estimate, else an exact COUNT(*) AS OF SCN. */
export async function expectedRows(gateway: OracleGateway, meta: TableMeta, scn: Scn, filter?: FilterExpr): Promise<number> {
  if (!filter && meta.rowCountEstimate !== null) return meta.rowCountEstimate;
  return gateway.countRows(meta.owner, meta.name, scn, filter);
}
