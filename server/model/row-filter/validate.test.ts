import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import type { ColumnMeta, OracleType } from '../oracle-types';
import { validateFilter } from './validate';

function c(name: string, type: OracleType): ColumnMeta {
  return { name, type, dataLength: 0, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null };
}

export const EMP: ColumnMeta[] = [
  c('EMPLOYEE_ID', 'NUMBER'),
  c('FIRST_NAME', 'VARCHAR2'),
  c('LAST_NAME', 'VARCHAR2'),
  c('CODE', 'CHAR'),
  c('SALARY', 'NUMBER'),
  c('RATIO', 'BINARY_DOUBLE'),
  c('HIRE_DATE', 'DATE'),
  c('UPDATED_AT', 'TIMESTAMP'),
  c('lineTotal', 'NUMBER'),
  c('NOTES', 'CLOB'),
  c('PHOTO', 'BLOB'),
  c('BADGE', 'RAW'),
  c('TENURE', 'INTERVAL YEAR TO MONTH'),
];

function failure(text: string): ValidationError {
  try {
    validateFilter(text, EMP);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe('validateFilter', () => {
  it('resolves names to dictionary spelling and returns the AST', () => {
    expect(validateFilter("salary > 1000 and first_name like 'A%'", EMP)).toEqual({
      kind: 'and',
      items: [
        { kind: 'compare', op: '>', left: { kind: 'column', name: 'SALARY' }, right: { kind: 'number', text: '1000' } },
        { kind: 'like', negated: false, operand: { kind: 'column', name: 'FIRST_NAME' }, pattern: { kind: 'string', value: 'A%' } },
      ],
    });
  });

  it('accepts a mixed-case column when quoted', () => {
    expect(validateFilter('"lineTotal" BETWEEN 1 AND 2', EMP)).toMatchObject({ kind: 'between', operand: { name: 'lineTotal' } });
  });

  it('turns quoted numbers compared with number columns into numbers (as Oracle converts them)', () => {
    expect(validateFilter("EMPLOYEE_ID IN ('10', 20) AND '7.50' < SALARY AND RATIO = '1e3'", EMP)).toEqual({
      kind: 'and',
      items: [
        { kind: 'in', negated: false, operand: { kind: 'column', name: 'EMPLOYEE_ID' }, list: [{ kind: 'number', text: '10' }, { kind: 'number', text: '20' }] },
        { kind: 'compare', op: '<', left: { kind: 'number', text: '7.5' }, right: { kind: 'column', name: 'SALARY' } },
        { kind: 'compare', op: '=', left: { kind: 'column', name: 'RATIO' }, right: { kind: 'number', text: '1000' } },
      ],
    });
  });

  it('accepts every supported combination', () => {
    for (const text of [
      'SALARY = RATIO',
      'EMPLOYEE_ID <> SALARY',
      'FIRST_NAME = LAST_NAME',
      "CODE = 'A'",
      "HIRE_DATE >= DATE '2020-01-01' AND UPDATED_AT < TIMESTAMP '2021-01-01 00:00:00'",
      'HIRE_DATE < UPDATED_AT',
      "NOTES LIKE '%urgent%'",
      'NOTES IS NULL AND PHOTO IS NOT NULL AND BADGE IS NULL AND TENURE IS NOT NULL',
      "EMPLOYEE_ID NOT IN (1, NULL) OR FIRST_NAME IN ('a', '')",
      "FIRST_NAME LIKE LAST_NAME",
      "LAST_NAME LIKE 'x!%' ESCAPE '!'",
      '1 = 1',
    ]) {
      expect(() => validateFilter(text, EMP), text).not.toThrow();
    }
  });

  it('names an unknown column, where it is, and suggests close names', () => {
    const err = failure('EMPLOYEE_ID = 1 AND SALRY > 10');
    expect(err.message).toContain('unknown column SALRY at position 21');
    expect(err.message).toContain('⟪SALRY⟫');
    expect(err.hint).toContain('Did you mean SALARY?');
    expect(err.hint).toContain('Columns of this table: EMPLOYEE_ID, FIRST_NAME');
  });

  it('lists the columns when nothing is close', () => {
    const err = failure('ZZZZZZ = 1');
    expect(err.hint).not.toContain('Did you mean');
    expect(err.hint).toContain('"lineTotal"');
  });

  it('explains case-sensitive names', () => {
    expect(failure('linetotal = 1').hint).toContain('write "lineTotal"');
    expect(failure('"salary" = 1').hint).toContain('write SALARY');
  });

  const mismatches: [string, string, string?][] = [
    ["SALARY = 'abc'", "NUMBER column SALARY is compared with 'abc', which is not a number"],
    ["RATIO > 'x'", "BINARY_DOUBLE column RATIO is compared with 'x', which is not a number"],
    ["RATIO = 'NaN'", "BINARY_DOUBLE column RATIO is compared with 'NaN', which is not a number"],
    ['FIRST_NAME = 10', 'VARCHAR2 column FIRST_NAME is compared with the number 10', 'put the value in single quotes'],
    ["HIRE_DATE > '2020-01-01'", "DATE column HIRE_DATE is compared with the text '2020-01-01'", "DATE 'YYYY-MM-DD'"],
    ['HIRE_DATE > 20200101', 'DATE column HIRE_DATE is compared with the number 20200101', "DATE 'YYYY-MM-DD'"],
    ["FIRST_NAME = DATE '2020-01-01'", "VARCHAR2 column FIRST_NAME is compared with DATE '2020-01-01'", 'compare only with DATE and TIMESTAMP columns'],
    ['SALARY = FIRST_NAME', 'NUMBER column SALARY is compared with VARCHAR2 column FIRST_NAME'],
    ["EMPLOYEE_ID IN (1, 'two')", "compared with 'two', which is not a number"],
    ["SALARY BETWEEN 1 AND 'high'", "compared with 'high', which is not a number"],
    ["'a' = 1", "the number 1 is compared with 'a', which is not a number"],
    ["DATE '2020-01-01' = 'x'", "DATE '2020-01-01' is compared with the text 'x'"],
  ];
  for (const [text, message, hint] of mismatches) {
    it(`rejects a type mismatch: ${text}`, () => {
      const err = failure(text);
      expect(err.message).toContain('type mismatch');
      expect(err.message).toContain(message);
      if (hint) expect(err.hint).toContain(hint);
    });
  }

  const others: [string, string, string?][] = [
    ['SALARY = NULL', 'a comparison with NULL is never true; use IS NULL'],
    ["FIRST_NAME <> ''", 'a comparison with NULL is never true'],
    ['NULL IN (1)', 'NULL IN (…) is never true'],
    ['SALARY BETWEEN NULL AND 5', 'BETWEEN with NULL is never true'],
    ['SALARY BETWEEN 1 AND NULL', 'BETWEEN with NULL is never true'],
    ['FIRST_NAME LIKE NULL', 'LIKE with NULL is never true'],
    ["SALARY LIKE '1%'", 'LIKE works on text, but NUMBER column SALARY is not text', 'Compare numbers and dates'],
    ['FIRST_NAME LIKE 5', 'LIKE works on text, but the number 5 is not text', 'single quotes'],
    ["NOTES = 'x'", 'CLOB column NOTES cannot be compared', 'LIKE or IS [NOT] NULL'],
    ["BADGE = '00'", 'RAW column BADGE cannot be compared', 'IS NULL or IS NOT NULL'],
    ['TENURE IN (1)', 'INTERVAL YEAR TO MONTH column TENURE cannot be compared'],
    ['PHOTO BETWEEN 1 AND 2', 'BLOB column PHOTO cannot be compared'],
    ["LAST_NAME LIKE 'a!b' ESCAPE '!'", "the escape character '!' must be followed by %, _ or '!'"],
    ["LAST_NAME LIKE 'ab!' ESCAPE '!'", "the escape character '!' must be followed by %, _ or '!'"],
  ];
  for (const [text, message, hint] of others) {
    it(`rejects ${text}`, () => {
      const err = failure(text);
      expect(err.message).toContain(message);
      if (hint) expect(err.hint).toContain(hint);
    });
  }

  it('does not modify the parsed input and returns fresh nodes', () => {
    const a = validateFilter("EMPLOYEE_ID = '1'", EMP);
    const b = validateFilter("EMPLOYEE_ID = '1'", EMP);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });
});
