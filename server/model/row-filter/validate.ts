/**
 * Checks a user's row filter against a table's columns, e.g. for HR.EMPLOYEES(ID NUMBER, NAME VARCHAR2, HIRED DATE):
 *   validateFilter("id in (1, '2') and name like 'A%' and hired >= DATE '2020-01-01'", columns)
 *   → and[ in(ID, [1, 2]), like(NAME, 'A%'), compare(HIRED >= DATE '2020-01-01') ]
 * Column names come back in dictionary spelling; a numeric string compared with a number column
 * becomes a number literal (Oracle converts it the same way). Anything the snapshot query and the
 * incremental evaluator could disagree on is rejected with a ValidationError('filter', …).
 */
import type { ColumnMeta, OracleType } from '../oracle-types';
import type { FilterExpr, FilterLiteral, FilterOperand } from '../row-filter-ast';
import { normalizeDecimal } from './decimal';
import { filterError } from './filter-error';
import { parseFilter, type Span } from './parser';
import { displayName, suggestNames } from './suggest';

/** How an operand behaves in comparisons. */
export type OperandClass = 'numeric' | 'binary' | 'text' | 'clob' | 'datetime' | 'opaque' | 'null';

export function classOfType(type: OracleType): OperandClass {
  switch (type) {
    case 'NUMBER':
    case 'FLOAT':
      return 'numeric';
    case 'BINARY_FLOAT':
    case 'BINARY_DOUBLE':
      return 'binary';
    case 'CHAR':
    case 'NCHAR':
    case 'VARCHAR2':
    case 'NVARCHAR2':
    case 'ROWID':
    case 'UROWID':
      return 'text';
    case 'CLOB':
    case 'NCLOB':
      return 'clob';
    case 'DATE':
    case 'TIMESTAMP':
    case 'TIMESTAMP WITH TIME ZONE':
    case 'TIMESTAMP WITH LOCAL TIME ZONE':
      return 'datetime';
    default:
      return 'opaque';
  }
}

/** Parses and checks `text` against `columns`; returns the filter ready for SQL compilation and evaluation. */
export function validateFilter(text: string, columns: readonly ColumnMeta[]): FilterExpr {
  const { expr, spans } = parseFilter(text);
  return new Validator(text, columns, spans).expr(expr);
}

interface Resolved {
  operand: FilterOperand;
  cls: OperandClass;
  column: ColumnMeta | null;
  span: Span;
}

class Validator {
  constructor(
    private readonly text: string,
    private readonly columns: readonly ColumnMeta[],
    private readonly spans: WeakMap<object, Span>,
  ) {}

  expr(e: FilterExpr): FilterExpr {
    switch (e.kind) {
      case 'and':
      case 'or':
        return { kind: e.kind, items: e.items.map((i) => this.expr(i)) };
      case 'not':
        return { kind: 'not', item: this.expr(e.item) };
      case 'isNull':
        return { kind: 'isNull', negated: e.negated, operand: this.resolve(e.operand).operand };
      case 'compare': {
        const l = this.resolve(e.left);
        const r = this.resolve(e.right);
        this.noNull(l, r, 'a comparison with NULL is never true; use IS NULL or IS NOT NULL');
        const [left, right] = this.pair(l, r);
        return { kind: 'compare', op: e.op, left, right };
      }
      case 'in': {
        const operand = this.resolve(e.operand);
        this.noNull(operand, operand, `NULL ${e.negated ? 'NOT IN' : 'IN'} (…) is never true; use IS NULL or IS NOT NULL`);
        const list = e.list.map((item) => {
          const r = this.resolve(item);
          return r.cls === 'null' ? r.operand : this.pair(operand, r)[1];
        });
        return { kind: 'in', negated: e.negated, operand: this.pairSelf(operand), list };
      }
      case 'between': {
        const operand = this.resolve(e.operand);
        const low = this.resolve(e.low);
        const high = this.resolve(e.high);
        this.noNull(operand, low, 'BETWEEN with NULL is never true; use IS NULL or IS NOT NULL');
        this.noNull(high, high, 'BETWEEN with NULL is never true; use IS NULL or IS NOT NULL');
        return { kind: 'between', negated: e.negated, operand: this.pairSelf(operand), low: this.pair(operand, low)[1], high: this.pair(operand, high)[1] };
      }
      case 'like': {
        const operand = this.resolve(e.operand);
        const pattern = this.resolve(e.pattern);
        this.noNull(operand, pattern, 'LIKE with NULL is never true; use IS NULL or IS NOT NULL');
        for (const side of [operand, pattern]) {
          if (side.cls !== 'text' && side.cls !== 'clob') {
            throw this.fail(side, `LIKE works on text, but ${this.describe(side)} is not text`, side.column ? 'Compare numbers and dates with =, <, >, BETWEEN or IN instead.' : "Put the pattern in single quotes, e.g. NAME LIKE 'A%'.");
          }
        }
        if (pattern.operand.kind === 'string' && e.escape !== undefined) checkEscapes(this.text, pattern, e.escape);
        const out: FilterExpr = { kind: 'like', negated: e.negated, operand: operand.operand, pattern: pattern.operand };
        if (e.escape !== undefined) out.escape = e.escape;
        return out;
      }
    }
  }

  private resolve(o: FilterOperand): Resolved {
    const span = this.spans.get(o) ?? { pos: 0, len: 0 };
    switch (o.kind) {
      case 'column': {
        const column = this.findColumn(o.name, span);
        return { operand: { kind: 'column', name: column.name }, cls: classOfType(column.type), column, span };
      }
      case 'number':
        return { operand: o, cls: 'numeric', column: null, span };
      case 'string':
        return { operand: o, cls: 'text', column: null, span };
      case 'null':
        return { operand: o, cls: 'null', column: null, span };
      case 'date':
      case 'timestamp':
        return { operand: o, cls: 'datetime', column: null, span };
    }
  }

  private findColumn(name: string, span: Span): ColumnMeta {
    const exact = this.columns.find((c) => c.name === name);
    if (exact) return exact;
    const written = span.quoted ? `"${name}"` : name;
    const sameLetters = this.columns.find((c) => c.name.toUpperCase() === name.toUpperCase());
    if (sameLetters) {
      throw filterError(
        this.text,
        span.pos,
        `unknown column ${written}`,
        `Column names are case-sensitive in double quotes: write ${displayName(sameLetters.name)}.`,
        span.len,
      );
    }
    const names = this.columns.map((c) => c.name);
    const close = suggestNames(name, names);
    const list = names.length <= 20 ? names.map(displayName).join(', ') : `${names.slice(0, 20).map(displayName).join(', ')}, … (${names.length} in all)`;
    const hint = (close.length ? `Did you mean ${close.map(displayName).join(' or ')}? ` : '') + `Columns of this table: ${list}.`;
    throw filterError(this.text, span.pos, `unknown column ${written}`, hint, span.len);
  }

  private noNull(a: Resolved, b: Resolved, message: string): void {
    for (const side of [a, b]) if (side.cls === 'null') throw this.fail(side, message);
  }

  /** An operand standing alone on its side (IN/BETWEEN subject): it must be comparable at all. */
  private pairSelf(r: Resolved): FilterOperand {
    if (r.cls === 'clob' || r.cls === 'opaque') this.pair(r, r);
    return r.operand;
  }

  /** Checks that two operands can be compared; returns them, a numeric string turned into a number. */
  private pair(a: Resolved, b: Resolved): [FilterOperand, FilterOperand] {
    for (const side of [a, b]) {
      if (side.cls === 'clob' || side.cls === 'opaque') {
        throw this.fail(
          side,
          `${this.describe(side)} cannot be compared in a row filter`,
          side.cls === 'clob' ? 'CLOB columns can be tested with LIKE or IS [NOT] NULL.' : 'Columns of this type can only be tested with IS NULL or IS NOT NULL.',
        );
      }
    }
    const num = (x: Resolved) => x.cls === 'numeric' || x.cls === 'binary';
    if (num(a) && num(b)) return [a.operand, b.operand];
    if (a.cls === b.cls) return [a.operand, b.operand];
    // A quoted number next to a number column: Oracle converts the text; so do we, once, here.
    for (const [n, s] of [
      [a, b],
      [b, a],
    ] as const) {
      if (num(n) && s.operand.kind === 'string') {
        const canonical = normalizeDecimal(s.operand.value);
        if (canonical === null) {
          throw this.fail(s, `type mismatch: ${this.describe(n)} is compared with '${s.operand.value}', which is not a number`);
        }
        const converted: FilterLiteral = { kind: 'number', text: canonical };
        return n === a ? [a.operand, converted] : [converted, b.operand];
      }
    }
    const bad = !b.column || a.column ? b : a; // blame the literal, else the right-hand side
    const other = bad === a ? b : a;
    throw this.fail(bad, `type mismatch: ${this.describe(other)} is compared with ${this.describe(bad)}`, mismatchHint(other, bad));
  }

  private describe(r: Resolved): string {
    if (r.column) return `${r.column.type} column ${displayName(r.column.name)}`;
    switch (r.operand.kind) {
      case 'number':
        return `the number ${r.operand.text}`;
      case 'string':
        return `the text '${r.operand.value}'`;
      case 'date':
        return `DATE '${r.operand.text}'`;
      case 'timestamp':
        return `TIMESTAMP '${r.operand.text}'`;
      default:
        return 'NULL';
    }
  }

  private fail(r: Resolved, message: string, hint?: string): Error {
    return filterError(this.text, r.span.pos, message, hint, r.span.len);
  }
}

function mismatchHint(target: Resolved, value: Resolved): string | undefined {
  if (target.cls === 'text' && value.cls === 'numeric' && !value.column) return "Text columns compare with text: put the value in single quotes, e.g. CODE = '10'.";
  if (target.cls === 'datetime') return "Write dates as DATE 'YYYY-MM-DD' or TIMESTAMP 'YYYY-MM-DD HH24:MI:SS'.";
  if (value.cls === 'datetime' && !value.column) return 'DATE and TIMESTAMP values compare only with DATE and TIMESTAMP columns.';
  return undefined;
}

/** ORA-01424: in a LIKE pattern the escape character must precede %, _ or itself. */
function checkEscapes(text: string, pattern: Resolved, escape: string): void {
  const p = (pattern.operand as { value: string }).value;
  const chars = [...p];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== escape) continue;
    const next = chars[i + 1];
    if (next === '%' || next === '_' || next === escape) i++;
    else {
      throw filterError(
        text,
        pattern.span.pos,
        `in the LIKE pattern '${p}', the escape character '${escape}' must be followed by %, _ or '${escape}'`,
        undefined,
        pattern.span.len,
      );
    }
  }
}
