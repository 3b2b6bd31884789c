import type { ColumnValue, TableMeta } from '../../model/oracle-types';
import type { FilterExpr } from '../../model/row-filter-ast';
import type { Scn } from '../../model/scn';
import type { OracleGateway } from '../gateway';
import { compareRowIds } from '../rowid';

/**
 * Keyset-paginated full read of one table AS OF SCN, resumable from the last key read:
 *   chunk 1: keyColumns ['ID'], afterKey null  → rows ID 1..1000, lastKey ['1000']
 *   chunk 2: afterKey ['1000']                  → rows ID 1001..1734, lastKey null (done)
 * Key choice: the primary key, else a unique key whose columns are all NOT NULL (a nullable unique
 * key would skip NULL keys with ">"), else the ROWID pseudo-column (keyColumns ['ROWID']), read
 * one extent range at a time when the gateway can list the extents:
 *   bounds [B1, B2] → ranges (…, B1], (B1, B2], (B2, …): each chunk reads within one range.
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
  // Keyless tables: one ROWID range at a time when the extents are known (see rowidRanges).
  const bounds = keyColumns[0] === 'ROWID' ? await gateway.rowidRanges(meta.owner, meta.name) : null;
  const ranged = bounds !== null && bounds.length > 0;
  const read = (at: Position) =>
    gateway.readChunk({
      owner: meta.owner,
      table: meta.name,
      scn: opts.scn,
      keyColumns,
      afterKey: at.afterKey,
      limit,
      ...(opts.filter ? { filter: opts.filter } : {}),
      ...(ranged && at.range < bounds.length ? { rowidUpTo: bounds[at.range]! } : {}),
    });
  let at: Position = { afterKey: opts.afterKey ?? null, range: ranged ? firstRange(bounds, opts.afterKey ?? null) : 0 };
  let pending = read(at);
  try {
    for (;;) {
      const chunk = await pending;
      const next = nextPosition(at, chunk, limit, ranged ? bounds : null);
      // Read ahead: the database fetches the next chunk while the caller encodes and sends this one.
      if (next) {
        pending = read(next);
        pending.catch(() => undefined); // surfaces at the next await; never unhandled if the caller stops first
      }
      const done = next === null;
      const lastKey = chunk.rows.length > 0 ? (chunk.lastKey ?? keyOfLastRow(meta, keyColumns, chunk.rows)) : at.afterKey;
      if (chunk.rows.length > 0 || done) yield { rows: chunk.rows, lastKey, done };
      if (done) return;
      at = next;
    }
  } finally {
    pending.catch(() => undefined);
  }
}

/** Where the next chunk starts: after a key, in range `range` of the ROWID bounds (bounds.length = the final open range). */
interface Position {
  afterKey: ColumnValue[] | null;
  range: number;
}

/** The range holding the first ROWID after `afterKey` (a resumed read skips the ranges already read). */
function firstRange(bounds: readonly string[], afterKey: ColumnValue[] | null): number {
  if (afterKey === null) return 0;
  const after = String(afterKey[0]);
  let i = 0;
  while (i < bounds.length && compareRowIds(bounds[i]!, after) <= 0) i++;
  return i;
}

function nextPosition(at: Position, chunk: { rows: unknown[]; lastKey: ColumnValue[] | null }, limit: number, bounds: readonly string[] | null): Position | null {
  if (bounds === null || at.range >= bounds.length) return chunk.lastKey === null ? null : { afterKey: chunk.lastKey, range: at.range };
  // A bounded range: more of it while chunks come back full, then the next range after its bound.
  if (chunk.rows.length === limit) return { afterKey: chunk.lastKey, range: at.range };
  return { afterKey: [bounds[at.range]!], range: at.range + 1 };
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
