import type { ColumnMeta, ColumnValue, OracleDateTime } from '../../model/oracle-types';
import type { FilterExpr, FilterOperand } from '../../model/row-filter-ast';
import { compareDateTime, parseDateTimeText } from '../../model/row-filter/datetime';
import { compareDecimal, normalizeDecimal } from '../../model/row-filter/decimal';
import type { RowPredicate } from './snapshot-scan';
import type { SimTable } from './sim-table';

/**
 * TEMPORARY row-filter evaluation for snapshot reads, with SQL three-valued logic (a comparison
 * with NULL is unknown, and unknown rows are not returned), until `evaluateFilter` of
 * server/model/row-filter/ lands; then `compileFilter` delegates to it.
 *   SALARY >= 1000 AND NAME LIKE 'A%'  on  [.., '1200', 'Alice', ..]  →  true
 */
export function compileFilter(t: SimTable, expr: FilterExpr): RowPredicate {
  return (row) => evaluate(t, expr, row) === true;
}

type Tri = boolean | null;

interface Operand {
  value: ColumnValue;
  column: ColumnMeta | null;
}

function operand(t: SimTable, o: FilterOperand, row: readonly ColumnValue[]): Operand {
  switch (o.kind) {
    case 'column': {
      const i = t.columnIndex(o.name);
      return { value: i < 0 ? null : (row[i] ?? null), column: i < 0 ? null : t.columns[i]! };
    }
    case 'number':
      return { value: o.text, column: null };
    case 'string':
      return { value: o.value, column: null };
    case 'null':
      return { value: null, column: null };
    case 'date':
    case 'timestamp':
      return { value: parseDateTimeText(o.text), column: null };
  }
}

function compare(a: Operand, b: Operand): number | null {
  if (a.value === null || b.value === null) return null;
  const type = a.column?.type ?? b.column?.type;
  if (type === 'NUMBER' || type === 'FLOAT' || (typeof a.value === 'string' && typeof b.value === 'string' && !a.column && !b.column && normalizeDecimal(a.value) !== null && normalizeDecimal(b.value) !== null)) {
    const x = normalizeDecimal(String(a.value));
    const y = normalizeDecimal(String(b.value));
    return x === null || y === null ? null : compareDecimal(x, y);
  }
  if (typeof a.value === 'number' || typeof b.value === 'number') {
    const x = Number(a.value);
    const y = Number(b.value);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a.value === 'object' || typeof b.value === 'object') {
    const x = toDate(a.value);
    const y = toDate(b.value);
    return x && y ? compareDateTime(x, y) : null;
  }
  const x = String(a.value);
  const y = String(b.value);
  return x < y ? -1 : x > y ? 1 : 0;
}

function toDate(v: ColumnValue): OracleDateTime | null {
  if (v === null || v instanceof Uint8Array) return null;
  if (typeof v === 'object') return v;
  return parseDateTimeText(String(v));
}

function likeRegex(pattern: string, escape?: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (escape && ch === escape && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const not = (v: Tri): Tri => (v === null ? null : !v);

function evaluate(t: SimTable, e: FilterExpr, row: readonly ColumnValue[]): Tri {
  switch (e.kind) {
    case 'and': {
      let unknown = false;
      for (const item of e.items) {
        const v = evaluate(t, item, row);
        if (v === false) return false;
        if (v === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'or': {
      let unknown = false;
      for (const item of e.items) {
        const v = evaluate(t, item, row);
        if (v === true) return true;
        if (v === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'not':
      return not(evaluate(t, e.item, row));
    case 'compare': {
      const c = compare(operand(t, e.left, row), operand(t, e.right, row));
      if (c === null) return null;
      return { '=': c === 0, '<>': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[e.op];
    }
    case 'in': {
      const left = operand(t, e.operand, row);
      let unknown = false;
      for (const item of e.list) {
        const c = compare(left, operand(t, item, row));
        if (c === 0) return !e.negated;
        if (c === null) unknown = true;
      }
      return unknown ? null : e.negated;
    }
    case 'between': {
      const v = operand(t, e.operand, row);
      const lo = compare(v, operand(t, e.low, row));
      const hi = compare(v, operand(t, e.high, row));
      const r = lo === null || hi === null ? null : lo >= 0 && hi <= 0;
      return e.negated ? not(r) : r;
    }
    case 'like': {
      const v = operand(t, e.operand, row).value;
      const p = operand(t, e.pattern, row).value;
      if (v === null || p === null) return null;
      const r = likeRegex(String(p), e.escape).test(String(v));
      return e.negated ? !r : r;
    }
    case 'isNull': {
      const isNull = operand(t, e.operand, row).value === null;
      return e.negated ? !isNull : isNull;
    }
  }
}
