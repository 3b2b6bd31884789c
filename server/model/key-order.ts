import type { ColumnMeta, ColumnValue } from './oracle-types';
import { compareDecimals, compareFloats, compareText, decimalOf, floatOf } from './row-filter/compare';
import { compareDateTime } from './row-filter/datetime';

/**
 * Oracle's ORDER BY of key values (NLS_SORT=BINARY, NULLs last), the order keyset chunks are read
 * in, so the engine can tell which chunk of a table a changed row's key falls in:
 *
 *   compareKeys([NUMBER], ['9'], ['10'])               → -1   (numeric, not text order)
 *   compareKeys([VARCHAR2, NUMBER], ['b', '1'], ['a', '7']) → 1
 */
export function compareKeys(columns: readonly Pick<ColumnMeta, 'type'>[], a: readonly ColumnValue[], b: readonly ColumnValue[]): number {
  for (let i = 0; i < columns.length; i++) {
    const c = compareValue(columns[i]!.type, a[i] ?? null, b[i] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

function compareValue(type: ColumnMeta['type'], a: ColumnValue, b: ColumnValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  switch (type) {
    case 'NUMBER':
    case 'FLOAT': {
      const x = decimalOf(a);
      const y = decimalOf(b);
      return x !== null && y !== null ? Math.sign(compareDecimals(x, y)) : 0;
    }
    case 'BINARY_FLOAT':
    case 'BINARY_DOUBLE': {
      const x = floatOf(a);
      const y = floatOf(b);
      return x !== null && y !== null ? compareFloats(x, y) : 0;
    }
    case 'DATE':
    case 'TIMESTAMP':
    case 'TIMESTAMP WITH TIME ZONE':
    case 'TIMESTAMP WITH LOCAL TIME ZONE':
      return typeof a === 'object' && typeof b === 'object' && !(a instanceof Uint8Array) && !(b instanceof Uint8Array) ? Math.sign(compareDateTime(a, b) ?? 0) : 0;
    case 'RAW':
      return a instanceof Uint8Array && b instanceof Uint8Array ? Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))) : 0;
    default:
      return typeof a === 'string' && typeof b === 'string' ? Math.sign(compareText(a, b, type === 'CHAR' || type === 'NCHAR')) : 0;
  }
}
