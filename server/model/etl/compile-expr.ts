/**
 * Type check of one expression against the columns a statement sees, and its evaluator:
 *   SALARY * 12          on (SALARY NUMBER)      → number, row => SALARY·12 exactly
 *   UPPER(SALARY)                                → type mismatch: UPPER expects text as argument 1, but SALARY is a number
 * Errors are EtlScriptErrors at the expression's line and column.
 */
import type { ColumnMeta, ColumnValue } from '../oracle-types';
import { filterPredicate, validateFilter } from '../row-filter';
import { parseDateTimeText } from '../row-filter/datetime';
import { displayName, suggestNames } from '../row-filter/suggest';
import { addDays, daysBetween, extract } from './date-functions';
import { add, divide, multiply, negate, subtract } from './decimal-math';
import type { EtlCondition, EtlExpr } from './etl-ast';
import { etlError } from './etl-error';
import { FUNCTIONS } from './functions';
import { relocate } from './expr-parser';
import { asDate, asNumber, asText, typeName, typeOfColumn, type EtlType, type Value } from './values';

export type Row = Value[];
export interface Compiled {
  type: EtlType;
  eval: (row: Row) => Value;
  /** The column itself when the expression is a bare column reference (its metadata is kept). */
  column?: ColumnMeta;
}

export interface Scope {
  text: string;
  table: string;
  columns: readonly ColumnMeta[];
  /** Columns dropped by earlier statements, with the line that dropped them (for messages). */
  dropped: Map<string, number>;
}

export function compileExpr(e: EtlExpr, s: Scope): Compiled {
  const fail = (reason: string, hint?: string, at: { pos: number; len: number } = e) => etlError(s.text, at.pos, at.len, reason, hint, s.table);
  switch (e.kind) {
    case 'literal': {
      const v = e.value;
      if (v.kind === 'number') return { type: 'number', eval: () => v.text };
      if (v.kind === 'string') return { type: 'text', eval: () => v.value };
      if (v.kind === 'null') return { type: 'null', eval: () => null };
      const dt = parseDateTimeText(v.text);
      return { type: 'date', eval: () => dt };
    }
    case 'column': {
      const i = findColumn(e.name, e.quoted, e, s);
      const column = s.columns[i]!;
      return { type: typeOfColumn(column.type), eval: (row) => row[i], column };
    }
    case 'neg': {
      const item = compileExpr(e.item, s);
      if (item.type !== 'number' && item.type !== 'null') throw fail(`type mismatch: "-" needs a number, but ${describe(e.item, item, s)} is ${typeName(item.type)}`);
      return { type: 'number', eval: (row) => { const n = asNumber(item.eval(row)); return n === undefined || n === null ? n : negate(n); } };
    }
    case 'binary':
      return binary(e, compileExpr(e.left, s), compileExpr(e.right, s), s);
    case 'extract': {
      const from = compileExpr(e.from, s);
      if (from.type !== 'date' && from.type !== 'null') throw fail(`type mismatch: EXTRACT(${e.field} FROM …) needs a date, but ${describe(e.from, from, s)} is ${typeName(from.type)}`);
      return { type: 'number', eval: (row) => { const d = asDate(from.eval(row)); return d === undefined || d === null ? d : extract(d, e.field); } };
    }
    case 'call': {
      const spec = FUNCTIONS[e.name];
      if (!spec) {
        const close = suggestNames(e.name, Object.keys(FUNCTIONS));
        throw fail(`unknown function ${e.name}`, `${close.length ? `Did you mean ${close.join(' or ')}? ` : ''}Functions: ${Object.keys(FUNCTIONS).join(', ')}, EXTRACT(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND FROM date).`, { pos: e.pos, len: e.name.length });
      }
      if (e.args.length < spec.min || e.args.length > spec.max) {
        throw fail(`${e.name} takes ${spec.min === spec.max ? spec.min : `${spec.min} to ${spec.max}`} argument${spec.max === 1 ? '' : 's'}, not ${e.args.length}`, `Write ${spec.usage}.`);
      }
      const args = e.args.map((a, i) => {
        const c = compileExpr(a, s);
        const want = spec.args[Math.min(i, spec.args.length - 1)]!;
        const ok = want === 'any' ? c.type !== 'opaque' : c.type === want || c.type === 'null';
        if (!ok) throw fail(`type mismatch: ${e.name} expects ${want === 'any' ? 'a number, text or date' : typeName(want)} as argument ${i + 1}, but ${describe(a, c, s)} is ${typeName(c.type)}`, conversionHint(want, c.type, spec.usage), a);
        return { type: c.type, expr: a, c };
      });
      const bound = spec.bind(args);
      if (typeof bound === 'string') throw fail(`${e.name}: ${bound}`, `Write ${spec.usage}.`);
      const evals = args.map((a) => a.c.eval);
      return { type: bound.type, eval: (row) => bound.impl(evals.map((f) => f(row))) };
    }
    case 'case': {
      const branches = e.branches.map((b) => ({ when: compileCondition(b.when, s), then: compileExpr(b.then, s), at: b.then }));
      const otherwise = e.otherwise ? compileExpr(e.otherwise, s) : null;
      let type: EtlType = 'null';
      for (const b of [...branches.map((x) => ({ c: x.then, at: x.at })), ...(otherwise ? [{ c: otherwise, at: e.otherwise! }] : [])]) {
        if (b.c.type === 'null') continue;
        if (type !== 'null' && b.c.type !== type) throw fail(`type mismatch: the CASE branches give ${typeName(type)} and ${typeName(b.c.type)}`, 'Every THEN and ELSE value of a CASE must have one type; convert with TO_CHAR or TO_NUMBER.', b.at);
        type = b.c.type;
      }
      return {
        type,
        eval: (row) => {
          for (const b of branches) {
            const r = b.when(row);
            if (r === undefined) return undefined;
            if (r === true) return b.then.eval(row);
          }
          return otherwise ? otherwise.eval(row) : null;
        },
      };
    }
  }
}

/** A row-filter condition checked against the columns the statement sees. */
export function compileCondition(c: EtlCondition, s: Scope): (row: Row) => boolean | null | undefined {
  try {
    const expr = validateFilter(c.text, s.columns);
    return filterPredicate(expr, s.columns) as (row: Row) => boolean | null | undefined;
  } catch (e) {
    throw relocate(s.text, e, c.pos, s.table);
  }
}

export function findColumn(name: string, quoted: boolean, at: { pos: number; len: number }, s: Scope): number {
  const i = s.columns.findIndex((c) => c.name === name);
  if (i >= 0) return i;
  const written = quoted ? `"${name}"` : name;
  const droppedAt = s.dropped.get(name);
  if (droppedAt !== undefined) throw etlError(s.text, at.pos, at.len, `column ${written} was dropped on line ${droppedAt}`, 'Use a column before the statement that drops it, or drop it later.', s.table);
  const names = s.columns.map((c) => c.name);
  const same = names.find((n) => n.toUpperCase() === name.toUpperCase());
  if (same) throw etlError(s.text, at.pos, at.len, `unknown column ${written}`, `Column names are case-sensitive in double quotes: write ${displayName(same)}.`, s.table);
  const close = suggestNames(name, names);
  const list = names.length <= 20 ? names.map(displayName).join(', ') : `${names.slice(0, 20).map(displayName).join(', ')}, … (${names.length} in all)`;
  throw etlError(s.text, at.pos, at.len, `unknown column ${written}`, `${close.length ? `Did you mean ${close.map(displayName).join(' or ')}? ` : ''}Columns of ${s.table} here: ${list}.`, s.table);
}

function binary(e: Extract<EtlExpr, { kind: 'binary' }>, l: Compiled, r: Compiled, s: Scope): Compiled {
  const mismatch = () =>
    etlError(s.text, e.pos, e.len, `type mismatch: ${describe(e.left, l, s)} (${typeName(l.type)}) ${e.op} ${describe(e.right, r, s)} (${typeName(r.type)})`, e.op === '+' ? "Join text with || (e.g. FIRST_NAME || ' ' || LAST_NAME); add numbers to numbers or days to dates." : 'Arithmetic works on numbers (and dates ± days); convert text with TO_NUMBER.', s.table);
  if (e.op === '||') {
    if (l.type === 'opaque' || r.type === 'opaque') throw mismatch();
    return { type: 'text', eval: (row) => { const a = l.eval(row); const b = r.eval(row); if (a === undefined || b === undefined) return undefined; return (asText(a) ?? '') + (asText(b) ?? '') || null; } };
  }
  const num = (t: EtlType) => t === 'number' || t === 'null';
  const date = (t: EtlType) => t === 'date' || t === 'null';
  const both = (f: (a: ColumnValue, b: ColumnValue) => Value) => (row: Row): Value => {
    const a = l.eval(row);
    const b = r.eval(row);
    if (a === undefined || b === undefined) return undefined;
    if (a === null || b === null) return null;
    return f(a, b);
  };
  if (num(l.type) && num(r.type)) {
    const op = { '+': add, '-': subtract, '*': multiply, '/': divide }[e.op];
    return { type: 'number', eval: both((a, b) => { const x = asNumber(a); const y = asNumber(b); return x === null || y === null || x === undefined || y === undefined ? null : op(x, y); }) };
  }
  if (e.op === '+' || e.op === '-') {
    if (l.type === 'date' && num(r.type)) return { type: 'date', eval: both((a, b) => addDays(asDate(a)!, Number(asNumber(b)) * (e.op === '-' ? -1 : 1))) };
    if (e.op === '+' && num(l.type) && r.type === 'date') return { type: 'date', eval: both((a, b) => addDays(asDate(b)!, Number(asNumber(a)))) };
    if (e.op === '-' && l.type === 'date' && date(r.type)) return { type: 'number', eval: both((a, b) => asNumber(daysBetween(asDate(a)!, asDate(b)!))) };
  }
  throw mismatch();
}

function describe(e: EtlExpr, c: Compiled, s: Scope): string {
  if (e.kind === 'column') return c.column ? `${c.column.type} column ${displayName(c.column.name)}` : e.name;
  return `"${s.text.slice(e.pos, e.pos + e.len)}"`;
}

function conversionHint(want: EtlType | 'any', got: EtlType, usage: string): string {
  if (want === 'text' && (got === 'number' || got === 'date')) return `Convert it first with TO_CHAR(…). Usage: ${usage}.`;
  if (want === 'number' && got === 'text') return `Convert it first with TO_NUMBER(…). Usage: ${usage}.`;
  return `Usage: ${usage}.`;
}
