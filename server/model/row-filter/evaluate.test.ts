import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import type { ColumnMeta, ColumnValue, OracleDateTime, OracleType } from '../oracle-types';
import { evaluateFilter, filterPredicate, type FilterRow } from './evaluate';
import { validateFilter } from './validate';

function c(name: string, type: OracleType): ColumnMeta {
  return { name, type, dataLength: 0, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null };
}

const COLS: ColumnMeta[] = [
  c('ID', 'NUMBER'),
  c('NAME', 'VARCHAR2'),
  c('CODE', 'CHAR'),
  c('SAL', 'NUMBER'),
  c('RATIO', 'BINARY_DOUBLE'),
  c('HIRED', 'DATE'),
  c('TS', 'TIMESTAMP'),
  c('TSTZ', 'TIMESTAMP WITH TIME ZONE'),
  c('NOTES', 'CLOB'),
  c('DEPT', 'NUMBER'),
  c('ALT', 'VARCHAR2'),
];

type Row = Partial<Record<string, ColumnValue | undefined>>;
const dt = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, nanos = 0, tz?: string): OracleDateTime =>
  tz ? { year: y, month: mo, day: d, hour: h, minute: mi, second: s, nanos, tz } : { year: y, month: mo, day: d, hour: h, minute: mi, second: s, nanos };

/** A row with every column present; `undefined` only where a test says so. */
function row(values: Row): FilterRow {
  return COLS.map((col) => (col.name in values ? values[col.name] : null));
}

const BASE: Row = {
  ID: '7',
  NAME: 'Alice',
  CODE: 'AB  ',
  SAL: '1200.50',
  RATIO: 1.5,
  HIRED: dt(2020, 2, 1),
  TS: dt(2020, 2, 1, 10, 0, 0, 500),
  TSTZ: dt(2020, 2, 1, 8, 0, 0, 0, '+08:00'),
  NOTES: 'call back tomorrow',
  DEPT: null,
  ALT: 'Alice',
};

const run = (filter: string, values: Row = {}) => evaluateFilter(validateFilter(filter, COLS), COLS, row({ ...BASE, ...values }));

describe('evaluateFilter', () => {
  const cases: [string, Row, boolean][] = [
    // comparisons on numbers: exact decimal arithmetic
    ['SAL > 1200.5', {}, false],
    ['SAL >= 1200.5', {}, true],
    ['SAL = 1200.50', { SAL: '1200.5' }, true],
    ["SAL = '1200.5'", { SAL: '1200.5' }, true],
    ['SAL < 0.10000000000000000001', { SAL: '0.1' }, true],
    ['SAL > 0.1', { SAL: '0.10000000000000000001' }, true],
    ['SAL = 12345678901234567890123456789012345678', { SAL: '12345678901234567890123456789012345678' }, true],
    ['SAL = 12345678901234567890123456789012345679', { SAL: '12345678901234567890123456789012345678' }, false],
    ['SAL < -1', { SAL: '-2' }, true],
    ['SAL > -1', { SAL: '-0.5' }, true],
    ['ID <> 7', {}, false],
    ['ID = DEPT', { DEPT: '7' }, true],
    // binary floating point: NaN equals NaN and is the greatest value
    ['RATIO = 1.5', {}, true],
    ['RATIO > 1000000', { RATIO: NaN }, true],
    ['RATIO = RATIO', { RATIO: NaN }, true],
    ['RATIO < 0', { RATIO: -Infinity }, true],
    ['RATIO = SAL', { RATIO: 1200.5 }, true],
    // text: binary code-point order, VARCHAR2 non-padded, CHAR blank-padded
    ["NAME = 'Alice'", {}, true],
    ["NAME = 'alice'", {}, false],
    ["NAME > 'Al'", {}, true],
    ["NAME < 'B'", {}, true],
    ["NAME < 'a'", {}, true],
    ["NAME = 'Alice '", {}, false],
    ["CODE = 'AB'", {}, true],
    ["CODE = 'AB    '", {}, true],
    ["CODE < 'AB\t'", {}, false],
    ["CODE = NAME", { NAME: 'AB' }, false],
    ['NAME = ALT', {}, true],
    ["NAME > 'Ｚ'", { NAME: '😀' }, true],
    // '' is NULL
    ["NAME IS NULL", { NAME: '' }, true],
    // dates and timestamps
    ["HIRED = DATE '2020-02-01'", {}, true],
    ["HIRED < TIMESTAMP '2020-02-01 00:00:00.000000001'", {}, true],
    ["TS > TIMESTAMP '2020-02-01 10:00:00'", {}, true],
    ["TS = TIMESTAMP '2020-02-01 10:00:00.0000005'", {}, true],
    ['HIRED < TS', {}, true],
    ["TSTZ = TIMESTAMP '2020-02-01 00:00:00'", {}, true],
    ["TSTZ < TIMESTAMP '2020-02-01 00:00:01'", {}, true],
    ["TSTZ = DATE '2020-02-01'", { TSTZ: dt(2020, 1, 31, 16, 0, 0, 0, '-08:00') }, true],
    ["TSTZ > TIMESTAMP '2020-07-01 03:59:59'", { TSTZ: dt(2020, 7, 1, 0, 0, 0, 0, 'America/New_York') }, true],
    ["TSTZ = TIMESTAMP '2020-07-01 04:00:00'", { TSTZ: dt(2020, 7, 1, 0, 0, 0, 0, 'America/New_York') }, true],
    // IN / NOT IN with NULLs
    ['ID IN (1, 7)', {}, true],
    ["ID IN ('7')", {}, true],
    ['ID IN (1, 2)', {}, false],
    ['ID IN (1, NULL)', {}, false],
    ['ID IN (7, NULL)', {}, true],
    ['ID NOT IN (1, 2)', {}, true],
    ['ID NOT IN (1, NULL)', {}, false],
    ['NOT (ID NOT IN (1, NULL))', {}, false],
    ['ID NOT IN (7, NULL)', {}, false],
    ['DEPT IN (1, 2)', {}, false],
    ['DEPT NOT IN (1, 2)', {}, false],
    // BETWEEN
    ['SAL BETWEEN 1000 AND 1200.5', {}, true],
    ['SAL BETWEEN 1200.51 AND 2000', {}, false],
    ['SAL NOT BETWEEN 1200.51 AND 2000', {}, true],
    ['DEPT BETWEEN 1 AND 2', {}, false],
    ['DEPT NOT BETWEEN 1 AND 2', {}, false],
    ["HIRED BETWEEN DATE '2020-01-01' AND DATE '2020-12-31'", {}, true],
    // LIKE
    ["NAME LIKE 'A%'", {}, true],
    ["NAME LIKE 'a%'", {}, false],
    ["NAME LIKE '_lice'", {}, true],
    ["NAME LIKE '__ice'", {}, true],
    ["NAME LIKE '%c%'", {}, true],
    ["NAME LIKE 'Alice_'", {}, false],
    ["NAME NOT LIKE '%z%'", {}, true],
    ["NAME LIKE '100!%' ESCAPE '!'", { NAME: '100%' }, true],
    ["NAME LIKE '100!%' ESCAPE '!'", { NAME: '1000' }, false],
    ["NAME LIKE 'a!_b' ESCAPE '!'", { NAME: 'axb' }, false],
    ["NAME LIKE 'a!!b' ESCAPE '!'", { NAME: 'a!b' }, true],
    ["NAME LIKE '_'", { NAME: '😀' }, true],
    ["NAME LIKE '%'", { NAME: '' }, false],
    ["CODE LIKE 'AB'", {}, false],
    ["CODE LIKE 'AB%'", {}, true],
    ["NOTES LIKE '%back%'", {}, true],
    ['NAME LIKE ALT', { ALT: 'A%' }, true],
    ['NAME LIKE ALT', { ALT: 'B%' }, false],
    // three-valued logic
    ['DEPT = 10', {}, false],
    ['NOT DEPT = 10', {}, false],
    ['DEPT = 10 OR ID = 7', {}, true],
    ['DEPT = 10 AND ID = 7', {}, false],
    ['NOT (DEPT = 10 AND ID = 8)', {}, true],
    ['NOT (DEPT = 10 OR ID = 8)', {}, false],
    ['DEPT IS NULL', {}, true],
    ['DEPT IS NOT NULL', {}, false],
    ['NOT DEPT IS NULL', {}, false],
    ['1 = 1', {}, true],
    ["'a ' = 'a'", {}, true],
  ];
  for (const [filter, values, expected] of cases) {
    it(`${filter}  with ${JSON.stringify(values)} → ${expected}`, () => {
      expect(run(filter, values)).toBe(expected);
    });
  }
});

describe('filterPredicate', () => {
  const pred = (filter: string) => filterPredicate(validateFilter(filter, COLS), COLS);

  it('returns true, false or null (unknown) as WHERE would', () => {
    expect(pred('ID = 7')(row(BASE))).toBe(true);
    expect(pred('ID = 8')(row(BASE))).toBe(false);
    expect(pred('DEPT = 8')(row(BASE))).toBeNull();
    expect(pred('NOT DEPT = 8')(row(BASE))).toBeNull();
  });

  it('returns undefined only when a missing column could change the outcome', () => {
    const missingDept = row({ ...BASE, DEPT: undefined });
    expect(pred('DEPT = 10')(missingDept)).toBeUndefined();
    expect(pred('DEPT IS NULL')(missingDept)).toBeUndefined();
    expect(pred("NAME LIKE '1%'")(row({ ...BASE, NAME: undefined }))).toBeUndefined();
    // FALSE AND anything is FALSE: decided without the column.
    expect(pred('ID = 8 AND DEPT = 10')(missingDept)).toBe(false);
    // TRUE OR anything is TRUE.
    expect(pred('ID = 7 OR DEPT = 10')(missingDept)).toBe(true);
    // UNKNOWN AND (missing) can never be TRUE: excluded, decided.
    expect(pred('SAL IS NULL AND DEPT = 10')(missingDept)).toBe(false);
    expect(pred('NAME = ALT AND DEPT = 10')(row({ ...BASE, NAME: null, DEPT: undefined }))).toBeNull();
    // …but NOT of it could be TRUE: undecided.
    expect(pred('NOT (NAME = ALT AND DEPT = 10)')(row({ ...BASE, NAME: null, DEPT: undefined }))).toBeUndefined();
    expect(pred('DEPT IN (1, 2)')(missingDept)).toBeUndefined();
    expect(pred('DEPT BETWEEN 1 AND 2')(missingDept)).toBeUndefined();
  });

  it('evaluateFilter keeps only decided TRUE rows', () => {
    expect(evaluateFilter(validateFilter('DEPT = 10 OR ID = 7', COLS), COLS, row({ ...BASE, DEPT: undefined }))).toBe(true);
    expect(evaluateFilter(validateFilter('DEPT = 10', COLS), COLS, row({ ...BASE, DEPT: undefined }))).toBe(false);
  });

  it('fails clearly when the table lost a column the filter uses', () => {
    const expr = validateFilter('DEPT = 10', COLS);
    const shrunk = COLS.filter((x) => x.name !== 'DEPT');
    expect(() => evaluateFilter(expr, shrunk, [])).toThrow(EngineError);
    expect(() => evaluateFilter(expr, shrunk, [])).toThrow(/column "DEPT", which the table no longer has/);
  });

  it('reuses the compiled filter per (expression, column list)', () => {
    const expr = validateFilter("NAME LIKE 'A%' AND SAL > 100", COLS);
    const r = row(BASE);
    const t0 = performance.now();
    let n = 0;
    for (let i = 0; i < 20000; i++) if (evaluateFilter(expr, COLS, r)) n++;
    expect(n).toBe(20000);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
