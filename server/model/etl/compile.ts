/**
 * An ETL script checked against one table and compiled into a plan that transforms row images:
 *   compileEtl(parseEtlScript('for HR.EMP { set PAY_YEAR = SALARY * 12; drop SSN; }'), HR.EMP(ID, SALARY, SSN))
 *   → columns [ID, SALARY, PAY_YEAR]; run(['7', '1000', '123-45']) → row ['7', '1000', '12000']
 * The output column list is built once per (script, table columns) and is the same array object
 * for every row, so encoders that cache per column list keep working. Statements apply in the
 * order written; global statements (outside any `for` block) apply to every table.
 *
 * Key columns (primary key, else the first unique key: what record keys and partitioning use)
 * may be read but not set, dropped or masked: a changed key would send one row's changes to
 * different keys and partitions. The check refuses the script with the column's line.
 */
import { identityKey, type ColumnMeta, type ColumnValue } from '../oracle-types';
import { displayName } from '../row-filter/suggest';
import type { EtlScript, EtlStatement } from './etl-ast';
import { etlError, lineColumn } from './etl-error';
import { compileCondition, compileExpr, findColumn, type Row, type Scope } from './compile-expr';
import { asText, derivedMeta, typeName, typeOfColumn, type Value } from './values';
import { maskPartial } from './mask';

export interface EtlTableShape {
  owner: string;
  name: string;
  columns: readonly ColumnMeta[];
  primaryKey: string[] | null;
  uniqueKeys: string[][];
}

/** What audit statements and hash masks read besides the row. */
export interface EtlRowContext {
  op: string;
  scn: bigint;
  commitTimeMs: number;
  txId: string;
  /** Salted SHA-256 of a text, hex (the task's salt). */
  hash(text: string): string;
}

export interface EtlTablePlan {
  /** Output columns (same array object for every call). */
  columns: ColumnMeta[];
  /** Unique keys whose columns all pass through unchanged. */
  uniqueKeys: string[][];
  /** True when the script has keep statements for this table. */
  filters: boolean;
  /** keep false: a keep condition dropped the image; undefined: a condition needed a column missing from it (kept). */
  run(image: readonly Value[], ctx: EtlRowContext): { row: Value[]; keep: boolean | undefined };
}

type Step = (row: Row, ctx: EtlRowContext) => 'drop' | 'undecided' | void;

/** The statements that apply to a table, in script order. */
export function statementsFor(script: EtlScript, owner: string, table: string): EtlStatement[] {
  return script.blocks.filter((b) => b.scope === null || (b.scope.owner === owner && b.scope.table === table)).flatMap((b) => b.statements);
}

export function compileEtl(script: EtlScript, t: EtlTableShape): EtlTablePlan {
  const tableName = `${t.owner}.${t.name}`;
  const key = new Set(identityKey(t) ?? []);
  const keyKind = t.primaryKey && t.primaryKey.length > 0 ? 'primary key' : 'unique key used as the record key';
  let columns: ColumnMeta[] = [...t.columns];
  const changed = new Set<string>();
  const dropped = new Map<string, number>();
  const steps: Step[] = [];
  let filters = false;
  const line = (pos: number) => lineColumn(script.text, pos).line;
  const scope = (): Scope => ({ text: script.text, table: tableName, columns: [...columns], dropped });
  for (const st of statementsFor(script, t.owner, t.name)) {
    const refuseKey = (what: string) => {
      if (st.kind === 'keep' || !key.has(st.column.name)) return;
      throw etlError(script.text, st.column.pos, st.column.len, `${displayName(st.column.name)} is a ${keyKind} column of ${tableName} and cannot be ${what}`, `Record keys and partitions come from it. Derive a new column instead, e.g. set ${st.column.name}_HASH = … , and keep ${displayName(st.column.name)}.`, tableName);
    };
    switch (st.kind) {
      case 'keep': {
        const pred = compileCondition(st.when, scope());
        filters = true;
        steps.push((row) => {
          const r = pred(row);
          return r === undefined ? 'undecided' : r === true ? undefined : 'drop';
        });
        break;
      }
      case 'set': {
        refuseKey('set');
        const s = scope();
        const c = compileExpr(st.expr, s);
        const i = columns.findIndex((x) => x.name === st.column.name);
        if (c.type === 'opaque' && !c.column) throw etlError(script.text, st.expr.pos, st.expr.len, 'this value cannot be stored', undefined, tableName);
        let meta = c.column ? { ...c.column, name: st.column.name } : derivedMeta(st.column.name, c.type === 'null' ? 'text' : c.type);
        if (i >= 0) {
          const old = columns[i]!;
          const was = typeOfColumn(old.type);
          if (c.type !== 'null' && c.type !== was) {
            throw etlError(script.text, st.expr.pos, st.expr.len, `type mismatch: ${old.type} column ${displayName(old.name)} is set to ${typeName(c.type)}`, `Derive a new column for it (set ${old.name}_TEXT = …), or convert the value with ${was === 'number' ? 'TO_NUMBER' : was === 'text' ? 'TO_CHAR' : 'a date function'}.`, tableName);
          }
          // Same kind of value: the column keeps its declared type unless that type cannot hold what the expression gives.
          if (!c.column && !['BINARY_FLOAT', 'BINARY_DOUBLE', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP WITH LOCAL TIME ZONE'].includes(old.type)) meta = old;
          columns = replaceAt(columns, i, meta);
          changed.add(st.column.name);
          const ev = c.eval;
          steps.push((row) => void (row[i] = fix(ev(row))));
        } else {
          columns = [...columns, meta];
          const ev = c.eval;
          steps.push((row) => void row.push(fix(ev(row))));
        }
        break;
      }
      case 'drop': {
        refuseKey('dropped');
        const i = findColumn(st.column.name, st.column.quoted, st.column, scope());
        columns = columns.filter((_, j) => j !== i);
        dropped.set(st.column.name, line(st.pos));
        changed.add(st.column.name);
        steps.push((row) => void row.splice(i, 1));
        break;
      }
      case 'mask': {
        refuseKey('masked');
        const i = findColumn(st.column.name, st.column.quoted, st.column, scope());
        const old = columns[i]!;
        const type = typeOfColumn(old.type);
        if (st.method.kind === 'partial' && type === 'opaque') throw etlError(script.text, st.column.pos, st.column.len, `${old.type} column ${displayName(old.name)} cannot be masked partially`, 'Mask it with hash, or drop it.', tableName);
        const method = st.method;
        columns = replaceAt(columns, i, method.kind === 'hash' ? derivedMeta(old.name, 'text', 64) : type === 'text' ? old : derivedMeta(old.name, 'text'));
        changed.add(st.column.name);
        steps.push((row, ctx) => {
          const v = asText(row[i]);
          row[i] = v === undefined || v === null ? v : method.kind === 'hash' ? ctx.hash(v) : maskPartial(v, method.keepStart, method.keepEnd);
        });
        break;
      }
      case 'audit': {
        if (columns.some((c) => c.name === st.column.name)) throw etlError(script.text, st.column.pos, st.column.len, `${tableName} already has a column ${displayName(st.column.name)}`, 'Give the audit column a name of its own, e.g. DTS_OP or CHANGE_TIME.', tableName);
        const v = st.value;
        const meta: ColumnMeta =
          v === 'commit_time'
            ? { ...derivedMeta(st.column.name, 'date'), type: 'TIMESTAMP', dataLength: 11, scale: 3 }
            : derivedMeta(st.column.name, v === 'scn' ? 'number' : 'text', v === 'xid' ? 16 : 6);
        columns = [...columns, meta];
        steps.push((row, ctx) => void row.push(auditValue(v, ctx)));
        break;
      }
    }
  }
  const uniqueKeys = t.uniqueKeys.filter((uk) => uk.every((c) => !changed.has(c)));
  return {
    columns,
    uniqueKeys,
    filters,
    run(image, ctx) {
      const row = image.slice();
      let keep: boolean | undefined = true;
      for (const step of steps) {
        const r = step(row, ctx);
        if (r === 'drop') return { row, keep: false };
        if (r === 'undecided') keep = undefined;
      }
      return { row, keep };
    },
  };
}

function replaceAt(columns: ColumnMeta[], i: number, meta: ColumnMeta): ColumnMeta[] {
  const out = [...columns];
  out[i] = meta;
  return out;
}

/** '' is NULL in Oracle, in a derived column too. */
function fix(v: Value): Value {
  return v === '' ? null : v;
}

function auditValue(v: 'op' | 'commit_time' | 'scn' | 'xid', ctx: EtlRowContext): ColumnValue {
  switch (v) {
    case 'op':
      return ctx.op;
    case 'scn':
      return String(ctx.scn);
    case 'xid':
      return ctx.txId === '' ? null : ctx.txId;
    case 'commit_time': {
      const d = new Date(ctx.commitTimeMs);
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), nanos: d.getUTCMilliseconds() * 1_000_000 };
    }
  }
}
