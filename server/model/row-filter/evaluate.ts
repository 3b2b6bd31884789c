/**
 * Evaluates a validated row filter on one row image, with Oracle's WHERE semantics:
 *   SALARY > 1000 AND DEPT IN (10, 20)   on [ID '7', SALARY '1200', DEPT null]   → unknown → row excluded
 * Three-valued logic (a comparison with NULL is unknown; NOT unknown is unknown; only TRUE keeps a
 * row). An image can also lack a column entirely (`undefined`: LogMiner did not log it); then the
 * outcome is tracked as the set of results it could have, so callers can tell "surely excluded"
 * from "cannot decide without that column".
 */
import { EngineError } from '../errors';
import type { ColumnMeta, ColumnValue, OracleDateTime } from '../oracle-types';
import type { FilterExpr, FilterOperand } from '../row-filter-ast';
import { compareDateTimes, compareDecimals, compareFloats, compareText, decimalOf, floatOf, isDateTime } from './compare';
import { parseDateTimeText } from './datetime';
import { likeMatcher } from './like';
import { classOfType } from './validate';

export type FilterRow = readonly (ColumnValue | undefined)[];

/** true / false / null (unknown) as WHERE sees them; undefined = depends on a column missing from the row. */
export type FilterOutcome = boolean | null | undefined;

export type RowPredicate = (row: FilterRow) => FilterOutcome;

// Possible truth values as a bit set.
const T = 1;
const F = 2;
const U = 4;
const ANY = T | F | U;

type Eval = (row: FilterRow) => number;

/** True when the filter keeps the row (its WHERE would be TRUE). */
export function evaluateFilter(expr: FilterExpr, columns: readonly ColumnMeta[], row: FilterRow): boolean {
  return cached(expr, columns)(row) === T;
}

/**
 * The filter as a reusable predicate: true (kept), false or null (excluded: false / unknown), or
 * undefined when the answer depends on a column that is `undefined` in the row.
 */
export function filterPredicate(expr: FilterExpr, columns: readonly ColumnMeta[]): RowPredicate {
  const ev = cached(expr, columns);
  return (row) => {
    const m = ev(row);
    if (m === T) return true;
    if (m === F) return false;
    if (m === U || (m & T) === 0) return null;
    return undefined;
  };
}

const cache = new WeakMap<FilterExpr, WeakMap<readonly ColumnMeta[], Eval>>();
function cached(expr: FilterExpr, columns: readonly ColumnMeta[]): Eval {
  let byColumns = cache.get(expr);
  if (!byColumns) cache.set(expr, (byColumns = new WeakMap()));
  let ev = byColumns.get(columns);
  if (!ev) byColumns.set(columns, (ev = compile(expr, columns)));
  return ev;
}

function compile(e: FilterExpr, columns: readonly ColumnMeta[]): Eval {
  switch (e.kind) {
    case 'and':
    case 'or': {
      const items = e.items.map((i) => compile(i, columns));
      const combine = e.kind === 'and' ? and : or;
      return (row) => {
        let m = items[0](row);
        for (let i = 1; i < items.length; i++) m = combine(m, items[i](row));
        return m;
      };
    }
    case 'not': {
      const item = compile(e.item, columns);
      return (row) => not(item(row));
    }
    case 'isNull': {
      const get = getter(e.operand, columns);
      return (row) => {
        const v = get(row);
        if (v === undefined) return T | F;
        return (v === null || v === '') !== e.negated ? T : F;
      };
    }
    case 'compare': {
      const cmp = comparator(e.left, e.right, columns);
      const test = OPS[e.op];
      return (row) => {
        const c = cmp(row);
        return c === undefined ? ANY : c === null ? U : test(c) ? T : F;
      };
    }
    case 'between': {
      const low = comparator(e.operand, e.low, columns);
      const high = comparator(e.operand, e.high, columns);
      return (row) => {
        const m = and(truth(low(row), (c) => c >= 0), truth(high(row), (c) => c <= 0));
        return e.negated ? not(m) : m;
      };
    }
    case 'in': {
      const items = e.list.map((item) => (item.kind === 'null' ? null : comparator(e.operand, item, columns)));
      return (row) => {
        let m = F;
        for (const cmp of items) m = or(m, cmp === null ? U : truth(cmp(row), (c) => c === 0));
        return e.negated ? not(m) : m;
      };
    }
    case 'like': {
      const get = getter(e.operand, columns);
      let match: (s: string) => boolean;
      let getPattern: ((row: FilterRow) => ColumnValue | undefined) | null = null;
      if (e.pattern.kind === 'string') match = likeMatcher(e.pattern.value, e.escape);
      else {
        getPattern = getter(e.pattern, columns);
        match = () => false;
      }
      let lastPattern: string | null = null;
      return (row) => {
        const v = textOf(get(row));
        let m: number;
        if (v === undefined) m = ANY;
        else if (v === null) m = U;
        else {
          if (getPattern) {
            const p = textOf(getPattern(row));
            if (p === undefined) return ANY;
            if (p === null) return U;
            if (p !== lastPattern) {
              match = likeMatcher(p, e.escape);
              lastPattern = p;
            }
          }
          m = match(v) ? T : F;
        }
        return e.negated ? not(m) : m;
      };
    }
  }
}

const OPS: Record<string, (c: number) => boolean> = {
  '=': (c) => c === 0,
  '<>': (c) => c !== 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

function truth(c: number | null | undefined, test: (c: number) => boolean): number {
  return c === undefined ? ANY : c === null ? U : test(c) ? T : F;
}

function and(a: number, b: number): number {
  let m = 0;
  if (a & T && b & T) m |= T;
  if (a & F || b & F) m |= F;
  if ((a & U && b & (T | U)) || (b & U && a & (T | U))) m |= U;
  return m;
}

function or(a: number, b: number): number {
  let m = 0;
  if (a & T || b & T) m |= T;
  if (a & F && b & F) m |= F;
  if ((a & U && b & (F | U)) || (b & U && a & (F | U))) m |= U;
  return m;
}

function not(a: number): number {
  return (a & U) | (a & T ? F : 0) | (a & F ? T : 0);
}

type Getter = (row: FilterRow) => ColumnValue | undefined;

function getter(o: FilterOperand, columns: readonly ColumnMeta[]): Getter {
  switch (o.kind) {
    case 'column': {
      const i = columns.findIndex((c) => c.name === o.name);
      if (i < 0) {
        throw new EngineError('FILTER_COLUMN_GONE', `The row filter refers to column "${o.name}", which the table no longer has`, {
          hint: 'The column was dropped or renamed after the filter was saved. Edit the filter of this table and save it again.',
        });
      }
      return (row) => row[i];
    }
    case 'number':
      return () => o.text;
    case 'string':
      return () => o.value;
    case 'null':
      return () => null;
    case 'date':
    case 'timestamp': {
      const dt = parseDateTimeText(o.text);
      return () => dt;
    }
  }
}

/** -1/0/1 ordering of two operands; null when one is NULL; undefined when one is missing from the row. */
function comparator(a: FilterOperand, b: FilterOperand, columns: readonly ColumnMeta[]): (row: FilterRow) => number | null | undefined {
  const ga = getter(a, columns);
  const gb = getter(b, columns);
  const ca = operandClass(a, columns);
  const cb = operandClass(b, columns);
  const wrap = <V>(conv: (v: ColumnValue) => V | null, cmp: (x: V, y: V) => number | null) => (row: FilterRow) => {
    const x = ga(row);
    const y = gb(row);
    if (x === undefined || y === undefined) return undefined;
    if (x === null || y === null) return null;
    const cx = conv(x);
    const cy = conv(y);
    return cx === null || cy === null ? null : cmp(cx, cy);
  };
  if (ca === 'binary' || cb === 'binary') return wrap(floatOf, compareFloats);
  if (ca === 'numeric' || cb === 'numeric') return wrap(decimalOf, compareDecimals);
  if (ca === 'datetime' || cb === 'datetime') return wrap((v) => (isDateTime(v) ? (v as OracleDateTime) : null), compareDateTimes);
  const padded = isCharOrLiteral(a, columns) && isCharOrLiteral(b, columns);
  return (row) => {
    const x = textOf(ga(row));
    const y = textOf(gb(row));
    if (x === undefined || y === undefined) return undefined;
    if (x === null || y === null) return null;
    return compareText(x, y, padded);
  };
}

/** Text value of an operand; Oracle treats '' as NULL. */
function textOf(v: ColumnValue | undefined): string | null | undefined {
  if (v === undefined || v === null) return v;
  const s = typeof v === 'string' ? v : String(v);
  return s === '' ? null : s;
}

function operandClass(o: FilterOperand, columns: readonly ColumnMeta[]): string {
  switch (o.kind) {
    case 'column': {
      const c = columns.find((x) => x.name === o.name);
      return c ? classOfType(c.type) : 'opaque';
    }
    case 'number':
      return 'numeric';
    case 'date':
    case 'timestamp':
      return 'datetime';
    default:
      return 'text';
  }
}

function isCharColumn(o: FilterOperand, columns: readonly ColumnMeta[]): boolean {
  if (o.kind !== 'column') return false;
  const t = columns.find((c) => c.name === o.name)?.type;
  return t === 'CHAR' || t === 'NCHAR';
}

/** Blank-padded comparison applies when both sides are CHAR/NCHAR columns or text literals. */
function isCharOrLiteral(o: FilterOperand, columns: readonly ColumnMeta[]): boolean {
  return o.kind !== 'column' || isCharColumn(o, columns);
}
