import type { ColumnMeta, ColumnValue, OracleDateTime } from '../../model/oracle-types';
import { withOffsetZone } from '../../model/row-filter/datetime';
import { formatRedoLiteral as format } from '../redo';

/**
 * The simulator takes every SQL_REDO value literal from the shared formatter, so its redo text
 * round-trips through parseRedo + convertRedoValue exactly as real LogMiner text does. Like
 * LogMiner in a session with NLS_TIMESTAMP_TZ_FORMAT '… TZH:TZM' (oracledb/session.ts), a
 * TIMESTAMP WITH TIME ZONE stored with a region is printed with its offset.
 */
export function formatRedoLiteral(c: ColumnMeta, v: ColumnValue): string {
  if (c.type === 'TIMESTAMP WITH TIME ZONE' && v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) return format(c, withOffsetZone(v as OracleDateTime));
  return format(c, v);
}
