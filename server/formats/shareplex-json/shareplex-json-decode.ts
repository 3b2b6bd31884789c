import type { ColumnValue } from '../../model/oracle-types';
import { RecordDecodeError, type DecodedImage, type DecodedOp, type DecodedRecord } from '../decoded-record';
import { FULL_LOAD_TRANS } from './shareplex-json-format';

/**
 * Reads a SharePlex JSON message (see shareplex-json-format.ts) back into a DecodedRecord:
 *
 *   {"meta":{"op":"upd","scn":"5012350","trans":"10.31.1235","seq":2,"table":"HR.EMPLOYEES",…},
 *    "data":{"SALARY":"1200.50"},"key":{"ID":"7","SALARY":"1000.00"}}
 *   → { op: 'UPDATE', commitScn: 5012350n, columns: ['ID', 'SALARY'], before: ['7', '1000.00'], after: [undefined, '1200.50'] }
 *
 * "ins" with trans 0.0.0 is a full-load row (INIT); "truncate" is a DDL. An update's `data` holds
 * only the changed columns, its `key` the old values the redo record carried.
 */
interface SharePlexMessage {
  meta?: { op?: string; scn?: string; trans?: string; seq?: number; table?: string; time?: string };
  data?: Record<string, string | null>;
  key?: Record<string, string | null>;
}

export function decodeSharePlexJson(value: Buffer): DecodedRecord {
  let msg: SharePlexMessage;
  try {
    msg = JSON.parse(value.toString('utf8')) as SharePlexMessage;
  } catch (e) {
    throw new RecordDecodeError(`not a SharePlex JSON message: ${(e as Error).message}`);
  }
  const meta = msg.meta;
  if (!meta || typeof meta.op !== 'string' || typeof meta.scn !== 'string' || !/^\d+$/.test(meta.scn)) throw new RecordDecodeError('SharePlex JSON message without meta.op and a numeric meta.scn');
  // meta.table is OWNER.TABLE unescaped: the owner ends at the first dot (a table name may hold more).
  const dot = (meta.table ?? '').indexOf('.');
  const owner = dot < 0 ? (meta.table ?? '') : meta.table!.slice(0, dot);
  const table = dot < 0 ? '' : meta.table!.slice(dot + 1);
  const full = meta.trans === FULL_LOAD_TRANS;
  const op: DecodedOp = meta.op === 'ins' ? (full ? 'INIT' : 'INSERT') : meta.op === 'upd' ? 'UPDATE' : meta.op === 'del' ? 'DELETE' : 'DDL';
  const data = (msg.data ?? {}) as Record<string, ColumnValue>;
  const beforeValues = op === 'UPDATE' ? ((msg.key ?? {}) as Record<string, ColumnValue>) : op === 'DELETE' ? data : null;
  const afterValues = op === 'INIT' || op === 'INSERT' || op === 'UPDATE' ? data : null;
  const columns = [...new Set([...Object.keys(beforeValues ?? {}), ...Object.keys(afterValues ?? {})])];
  const before = beforeValues && aligned(columns, beforeValues);
  const after = afterValues && aligned(columns, afterValues);
  return {
    format: 'shareplex-json',
    op,
    owner,
    table,
    scn: null,
    commitScn: BigInt(meta.scn),
    txId: full ? '' : (meta.trans ?? ''),
    seq: meta.seq ?? 1,
    commitTimeMs: meta.time ? Date.parse(`${meta.time}Z`) : 0,
    columns: op === 'DDL' ? [] : columns,
    before: op === 'DDL' ? null : before,
    after: op === 'DDL' ? null : after,
    keyColumns: null,
    ...(op === 'DDL' ? { ddl: String((msg.data as { ddl?: string } | undefined)?.ddl ?? '') } : {}),
  };
}

/** An object's values in the order of `columns`; a column it lacks is undefined (not carried). */
function aligned(columns: readonly string[], values: Record<string, ColumnValue>): DecodedImage {
  return columns.map((c) => (Object.hasOwn(values, c) ? values[c] : undefined));
}
