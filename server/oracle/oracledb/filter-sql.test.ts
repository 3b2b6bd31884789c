import { describe, expect, it } from 'vitest';
import type { FilterExpr } from '../../model/row-filter-ast';
import { compileFilter, filterColumns } from './filter-sql';

const col = (name: string) => ({ kind: 'column' as const, name });
const num = (text: string) => ({ kind: 'number' as const, text });
const str = (value: string) => ({ kind: 'string' as const, value });

describe('compileFilter', () => {
  it('binds every literal and quotes every column', () => {
    const expr: FilterExpr = {
      kind: 'and',
      items: [
        { kind: 'in', negated: false, operand: col('DEPARTMENT_ID'), list: [num('10'), num('20')] },
        {
          kind: 'or',
          items: [
            { kind: 'compare', op: '>=', left: col('SALARY'), right: num('1000.50') },
            { kind: 'like', negated: false, operand: col('Last Name'), pattern: str("O'Brien%"), escape: '\\' },
          ],
        },
        { kind: 'isNull', negated: true, operand: col('MANAGER_ID') },
      ],
    };
    expect(compileFilter(expr)).toEqual({
      sql: '(("DEPARTMENT_ID" IN (TO_NUMBER(:f0), TO_NUMBER(:f1))) AND (("SALARY" >= TO_NUMBER(:f2)) OR ("Last Name" LIKE :f3 ESCAPE :f4)) AND ("MANAGER_ID" IS NOT NULL))',
      binds: { f0: '10', f1: '20', f2: '1000.50', f3: "O'Brien%", f4: '\\' },
    });
  });

  it('handles NOT, BETWEEN, NULL literals, dates and timestamps with a custom prefix', () => {
    const expr: FilterExpr = {
      kind: 'not',
      item: {
        kind: 'and',
        items: [
          { kind: 'between', negated: true, operand: col('HIRE_DATE'), low: { kind: 'date', text: '2020-01-01' }, high: { kind: 'timestamp', text: '2021-06-30 23:59:59.5' } },
          { kind: 'compare', op: '<>', left: col('X'), right: { kind: 'null' } },
          { kind: 'compare', op: '=', left: { kind: 'timestamp', text: '2021-01-01 00:00:00' }, right: col('TS') },
        ],
      },
    };
    expect(compileFilter(expr, { prefix: 'w' })).toEqual({
      sql: `(NOT (("HIRE_DATE" NOT BETWEEN TO_DATE(:w0, 'YYYY-MM-DD') AND TO_TIMESTAMP(:w1, 'YYYY-MM-DD HH24:MI:SS.FF')) AND ("X" <> NULL) AND (TO_TIMESTAMP(:w2, 'YYYY-MM-DD HH24:MI:SS.FF') = "TS")))`,
      binds: { w0: '2020-01-01', w1: '2021-06-30 23:59:59.5', w2: '2021-01-01 00:00:00.0' },
    });
  });

  it('never lets text into SQL: hostile strings stay binds, hostile columns are refused', () => {
    const evil = "x' OR 1=1 --";
    const out = compileFilter({ kind: 'compare', op: '=', left: col('NAME'), right: str(evil) });
    expect(out.sql).toBe('("NAME" = :f0)');
    expect(out.binds.f0).toBe(evil);
    expect(() => compileFilter({ kind: 'isNull', negated: false, operand: col('A" OR "B') })).toThrow(/double quote/);
    expect(() => compileFilter({ kind: 'compare', op: '=', left: col('A'), right: num('1; DROP') })).toThrow(/not a number/);
    expect(() => compileFilter({ kind: 'compare', op: '=', left: col('A'), right: { kind: 'date', text: "2020-01-01' --" } })).toThrow(/YYYY-MM-DD/);
  });

  it('checks columns against the table when told them', () => {
    const expr: FilterExpr = { kind: 'compare', op: '=', left: col('NOPE'), right: num('1') };
    expect(() => compileFilter(expr, { columns: ['ID', 'NAME'] })).toThrow(/does not have/);
    expect(filterColumns({ kind: 'and', items: [expr, { kind: 'isNull', negated: false, operand: col('ID') }] })).toEqual(['NOPE', 'ID']);
  });
});

describe('compileFilter on CHAR columns', () => {
  it('casts text literals met by CHAR/NCHAR columns so comparison is blank-padded like the incremental evaluator', () => {
    const expr = {
      kind: 'and' as const,
      items: [
        { kind: 'compare' as const, op: '=' as const, left: { kind: 'column' as const, name: 'CODE' }, right: { kind: 'string' as const, value: 'AB' } },
        { kind: 'in' as const, negated: false, operand: { kind: 'column' as const, name: 'NCODE' }, list: [{ kind: 'string' as const, value: 'X' }] },
        { kind: 'compare' as const, op: '=' as const, left: { kind: 'string' as const, value: 'Z' }, right: { kind: 'column' as const, name: 'NAME' } },
      ],
    };
    const out = compileFilter(expr, { columnTypes: { CODE: 'CHAR', NCODE: 'NCHAR', NAME: 'VARCHAR2' } });
    expect(out.sql).toBe('(("CODE" = CAST(:f0 AS CHAR(2000))) AND ("NCODE" IN (CAST(:f1 AS NCHAR(1000)))) AND (:f2 = "NAME"))');
    expect(out.binds).toEqual({ f0: 'AB', f1: 'X', f2: 'Z' });
  });
});
