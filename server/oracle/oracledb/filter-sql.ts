import type { OracleType } from '../../model/oracle-types';
import type { FilterExpr, FilterOperand } from '../../model/row-filter-ast';
import { ValidationError } from '../../model/errors';
import { quoteIdent } from './quote-ident';

/**
 * Compiles a parsed row filter (FilterExpr) into an Oracle condition with bind variables. The user's
 * text never reaches SQL: columns become validated quoted identifiers, literals become binds.
 *
 *   DEPARTMENT_ID IN (10, 20) AND NAME LIKE 'A%'
 *   → sql:   (("DEPARTMENT_ID" IN (TO_NUMBER(:f0), TO_NUMBER(:f1))) AND ("NAME" LIKE :f2))
 *     binds: { f0: '10', f1: '20', f2: 'A%' }
 *
 * Numbers are bound as text and converted with TO_NUMBER so that decimals keep their precision and
 * a VARCHAR2 column compared with a number behaves as in the user's SQL (the session sets
 * NLS_NUMERIC_CHARACTERS = '.,' so the text parses the same everywhere).
 *
 * A text literal compared with a CHAR/NCHAR column is cast to CHAR/NCHAR: in the user's SQL the
 * literal would get blank-padded comparison ('AB' = 'AB  '), but a bind is VARCHAR2 and would not —
 * and incremental events are evaluated with the blank-padded rule, so both phases must agree.
 */

export type BindValue = string | number | null;

export interface CompiledSql {
  sql: string;
  binds: Record<string, BindValue>;
}

export interface FilterSqlOptions {
  /** Bind name prefix (default "f"), so that filter binds never clash with the caller's. */
  prefix?: string;
  /** When given, every column the filter names must be one of these (dictionary spelling). */
  columns?: readonly string[];
  /** Column types by name; enables blank-padded comparison for CHAR/NCHAR columns. */
  columnTypes?: Readonly<Record<string, OracleType>>;
}

// Longest literal each cast target holds (CHAR 2000 bytes, NCHAR 1000 characters in AL16UTF16).
const PAD_CAST: Partial<Record<OracleType, { sql: string; max: number }>> = {
  CHAR: { sql: 'CHAR(2000)', max: 2000 },
  NCHAR: { sql: 'NCHAR(1000)', max: 1000 },
};

export function compileFilter(expr: FilterExpr, opts: FilterSqlOptions = {}): CompiledSql {
  const prefix = opts.prefix ?? 'f';
  const binds: Record<string, BindValue> = {};
  const known = opts.columns ? new Set(opts.columns) : null;
  let n = 0;

  const bind = (value: BindValue): string => {
    const name = `${prefix}${n++}`;
    binds[name] = value;
    return `:${name}`;
  };

  const operand = (op: FilterOperand): string => {
    switch (op.kind) {
      case 'column':
        if (known && !known.has(op.name)) {
          throw new ValidationError('filter', `Row filter names column "${op.name}", which the table does not have`, `Known columns: ${[...known].join(', ')}`);
        }
        return quoteIdent(op.name, 'filter column');
      case 'number':
        if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(op.text)) {
          throw new ValidationError('filter', `"${op.text}" is not a number literal`);
        }
        return `TO_NUMBER(${bind(op.text)})`;
      case 'string':
        return bind(op.value);
      case 'null':
        return 'NULL';
      case 'date':
        if (!/^\d{4}-\d{2}-\d{2}$/.test(op.text)) {
          throw new ValidationError('filter', `DATE '${op.text}' must be written DATE 'YYYY-MM-DD'`);
        }
        return `TO_DATE(${bind(op.text)}, 'YYYY-MM-DD')`;
      case 'timestamp': {
        const m = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(\.\d{1,9})?$/.exec(op.text);
        if (!m) throw new ValidationError('filter', `TIMESTAMP '${op.text}' must be written TIMESTAMP 'YYYY-MM-DD HH24:MI:SS[.FF]'`);
        return `TO_TIMESTAMP(${bind(m[1] + (m[2] ?? '.0'))}, 'YYYY-MM-DD HH24:MI:SS.FF')`;
      }
    }
  };

  /** A literal that meets a CHAR/NCHAR column: compared blank-padded, as Oracle does for literals. */
  const against = (column: FilterOperand, op: FilterOperand): string => {
    const cast = column.kind === 'column' ? PAD_CAST[opts.columnTypes?.[column.name] as OracleType] : undefined;
    if (cast && op.kind === 'string' && Buffer.byteLength(op.value, 'utf8') <= cast.max) return `CAST(${bind(op.value)} AS ${cast.sql})`;
    return operand(op);
  };

  const walk = (e: FilterExpr): string => {
    switch (e.kind) {
      case 'and':
      case 'or':
        if (e.items.length === 0) return e.kind === 'and' ? '1 = 1' : '1 = 0';
        return `(${e.items.map(walk).join(e.kind === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        return `(NOT ${walk(e.item)})`;
      case 'compare':
        return `(${against(e.right, e.left)} ${e.op} ${against(e.left, e.right)})`;
      case 'in':
        if (e.list.length === 0) throw new ValidationError('filter', 'IN () needs at least one value');
        return `(${operand(e.operand)} ${e.negated ? 'NOT IN' : 'IN'} (${e.list.map((x) => against(e.operand, x)).join(', ')}))`;
      case 'between':
        return `(${operand(e.operand)} ${e.negated ? 'NOT BETWEEN' : 'BETWEEN'} ${against(e.operand, e.low)} AND ${against(e.operand, e.high)})`;
      case 'like': {
        let sql = `${operand(e.operand)} ${e.negated ? 'NOT LIKE' : 'LIKE'} ${operand(e.pattern)}`;
        if (e.escape !== undefined) {
          if ([...e.escape].length !== 1) throw new ValidationError('filter', `LIKE … ESCAPE needs exactly one character, got "${e.escape}"`);
          sql += ` ESCAPE ${bind(e.escape)}`;
        }
        return `(${sql})`;
      }
      case 'isNull':
        return `(${operand(e.operand)} ${e.negated ? 'IS NOT NULL' : 'IS NULL'})`;
    }
  };

  return { sql: walk(expr), binds };
}

/** Column names a filter refers to (for validation against a table before compiling). */
export function filterColumns(expr: FilterExpr): string[] {
  const out = new Set<string>();
  const op = (o: FilterOperand) => {
    if (o.kind === 'column') out.add(o.name);
  };
  const walk = (e: FilterExpr): void => {
    switch (e.kind) {
      case 'and':
      case 'or':
        e.items.forEach(walk);
        break;
      case 'not':
        walk(e.item);
        break;
      case 'compare':
        op(e.left);
        op(e.right);
        break;
      case 'in':
        op(e.operand);
        e.list.forEach(op);
        break;
      case 'between':
        op(e.operand);
        op(e.low);
        op(e.high);
        break;
      case 'like':
        op(e.operand);
        op(e.pattern);
        break;
      case 'isNull':
        op(e.operand);
        break;
    }
  };
  walk(expr);
  return [...out];
}
