import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import type { FilterExpr } from '../row-filter-ast';
import { parseFilter } from './parser';

const parse = (text: string): FilterExpr => parseFilter(text).expr;
const col = (name: string) => ({ kind: 'column', name }) as const;
const num = (text: string) => ({ kind: 'number', text }) as const;
const str = (value: string) => ({ kind: 'string', value }) as const;
const cmp = (left: unknown, op: string, right: unknown) => ({ kind: 'compare', op, left, right });

describe('parseFilter: accepted syntax', () => {
  const cases: [string, string, unknown][] = [
    ['comparison', 'A = 1', cmp(col('A'), '=', num('1'))],
    ['bare names fold to upper case', 'salary >= 1000', cmp(col('SALARY'), '>=', num('1000'))],
    ['quoted names are exact', '"Last Name" <> \'x\'', cmp(col('Last Name'), '<>', str('x'))],
    ['quoted name with doubled quotes', '"a""b" = 1', cmp(col('a"b'), '=', num('1'))],
    ['!= and ^= mean <>', 'A != 1 OR A ^= 2', { kind: 'or', items: [cmp(col('A'), '<>', num('1')), cmp(col('A'), '<>', num('2'))] }],
    ['all comparison operators', 'A<1 AND A<=2 AND A>3 AND A>=4', { kind: 'and', items: [cmp(col('A'), '<', num('1')), cmp(col('A'), '<=', num('2')), cmp(col('A'), '>', num('3')), cmp(col('A'), '>=', num('4'))] }],
    ['literal on the left', "'x' = NAME", cmp(str('x'), '=', col('NAME'))],
    ['string with doubled quote', "NAME = 'O''Brien'", cmp(col('NAME'), '=', str("O'Brien"))],
    ["'' is NULL", "NAME = ''", cmp(col('NAME'), '=', { kind: 'null' })],
    ['national string literal', "NAME = N'é'", cmp(col('NAME'), '=', str('é'))],
    ['negative and decimal numbers canonical', 'A = -1.50 OR A = .5 OR A = +2 OR A = 1e3', { kind: 'or', items: [cmp(col('A'), '=', num('-1.5')), cmp(col('A'), '=', num('0.5')), cmp(col('A'), '=', num('2')), cmp(col('A'), '=', num('1000'))] }],
    ['AND binds tighter than OR', 'A = 1 OR B = 2 AND C = 3', { kind: 'or', items: [cmp(col('A'), '=', num('1')), { kind: 'and', items: [cmp(col('B'), '=', num('2')), cmp(col('C'), '=', num('3'))] }] }],
    ['NOT binds tighter than AND', 'NOT A = 1 AND B = 2', { kind: 'and', items: [{ kind: 'not', item: cmp(col('A'), '=', num('1')) }, cmp(col('B'), '=', num('2'))] }],
    ['parentheses override precedence', '(A = 1 OR B = 2) AND C = 3', { kind: 'and', items: [{ kind: 'or', items: [cmp(col('A'), '=', num('1')), cmp(col('B'), '=', num('2'))] }, cmp(col('C'), '=', num('3'))] }],
    ['double NOT', 'NOT NOT A = 1', { kind: 'not', item: { kind: 'not', item: cmp(col('A'), '=', num('1')) } }],
    ['IN', 'A IN (1, 2, 3)', { kind: 'in', negated: false, operand: col('A'), list: [num('1'), num('2'), num('3')] }],
    ['NOT IN with NULL', 'A NOT IN (1, NULL)', { kind: 'in', negated: true, operand: col('A'), list: [num('1'), { kind: 'null' }] }],
    ['BETWEEN inside AND', 'A BETWEEN 1 AND 5 AND B = 2', { kind: 'and', items: [{ kind: 'between', negated: false, operand: col('A'), low: num('1'), high: num('5') }, cmp(col('B'), '=', num('2'))] }],
    ['NOT BETWEEN', 'A NOT BETWEEN -1 AND 1', { kind: 'between', negated: true, operand: col('A'), low: num('-1'), high: num('1') }],
    ['LIKE', "NAME LIKE 'A%'", { kind: 'like', negated: false, operand: col('NAME'), pattern: str('A%') }],
    ['NOT LIKE ESCAPE', "NAME NOT LIKE 'A\\_%' ESCAPE '\\'", { kind: 'like', negated: true, operand: col('NAME'), pattern: str('A\\_%'), escape: '\\' }],
    ['IS NULL / IS NOT NULL', 'A IS NULL OR B IS NOT NULL', { kind: 'or', items: [{ kind: 'isNull', negated: false, operand: col('A') }, { kind: 'isNull', negated: true, operand: col('B') }] }],
    ['DATE literal', "HIRED >= DATE '2020-01-31'", cmp(col('HIRED'), '>=', { kind: 'date', text: '2020-01-31' })],
    ['TIMESTAMP literal', "TS < TIMESTAMP '2020-01-31 23:59:59.123456789'", cmp(col('TS'), '<', { kind: 'timestamp', text: '2020-01-31 23:59:59.123456789' })],
    ['lower-case keywords and odd spacing', "a   in(1)and\nb is  not null", { kind: 'and', items: [{ kind: 'in', negated: false, operand: col('A'), list: [num('1')] }, { kind: 'isNull', negated: true, operand: col('B') }] }],
    ['identifier chars $ # _', 'A$B#C_1 = 1', cmp(col('A$B#C_1'), '=', num('1'))],
    ['quoted keyword as a column', '"DATE" = DATE \'2020-01-01\'', cmp(col('DATE'), '=', { kind: 'date', text: '2020-01-01' })],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => expect(parse(text)).toEqual(expected));
  }
});

describe('parseFilter: rejected input', () => {
  const cases: [string, string, string][] = [
    ['empty', '   ', 'the filter is empty'],
    ['function', 'UPPER(NAME) = \'X\'', 'functions are not allowed'],
    ['function on the right', "NAME = LOWER('X')", 'functions are not allowed'],
    ['subquery', 'A IN (SELECT 1 FROM DUAL)', 'subqueries are not allowed'],
    ['exists', 'EXISTS (SELECT 1 FROM DUAL)', 'subqueries are not allowed'],
    ['semicolon', 'A = 1; DROP TABLE X', 'semicolons'],
    ['line comment', 'A = 1 -- and more', 'comments (--)'],
    ['block comment', 'A = 1 /* x */', 'comments (/* */)'],
    ['bind variable', 'A = :x', 'bind variables'],
    ['concatenation', "A = 'x' || 'y'", 'concatenation'],
    ['arithmetic plus', 'A = B + 1', 'arithmetic'],
    ['arithmetic minus', 'A - 1 = 2', 'arithmetic'],
    ['arithmetic times', 'A = 2 * 3', 'arithmetic (*)'],
    ['arithmetic divide', 'A = 2 / 3', 'arithmetic (/)'],
    ['a sign apart from its number', 'A = - 1', 'a sign must be written right before a number'],
    ['unbalanced close', 'A = 1)', 'unbalanced ")"'],
    ['unbalanced open', '(A = 1', 'expected ")" to close'],
    ['unterminated string', "A = 'x", 'unterminated string literal'],
    ['unterminated quoted name', '"A = 1', 'unterminated quoted identifier'],
    ['empty quoted name', '"" = 1', 'cannot be empty'],
    ['missing operator', 'A 1', 'expected a comparison'],
    ['dangling AND', 'A = 1 AND', 'expected a column or a value'],
    ['keyword as a bare column', 'DATE = 1', 'expected a quoted value after DATE'],
    ['keyword as a bare column (LIKE)', 'LIKE = 1', 'found the keyword LIKE'],
    ['NOT without IN/BETWEEN/LIKE', 'A NOT = 1', 'expected IN, BETWEEN or LIKE after NOT'],
    ['IS without NULL', 'A IS 1', 'expected NULL after IS'],
    ['BETWEEN without AND', 'A BETWEEN 1 OR 2', 'expected AND in BETWEEN'],
    ['IN without parentheses', 'A IN 1', 'expected "(" after IN'],
    ['IN list not closed', 'A IN (1, 2', 'expected "," or ")" in the IN list'],
    ['ESCAPE of two chars', "A LIKE 'x' ESCAPE 'ab'", 'exactly one character'],
    ['bad DATE literal', "A = DATE '2020-02-30'", 'not a valid DATE literal'],
    ['DATE literal with time', "A = DATE '2020-02-01 10:00:00'", 'not a valid DATE literal'],
    ['TIMESTAMP literal without time', "A = TIMESTAMP '2020-02-01'", 'not a valid TIMESTAMP literal'],
    ['binary float literal', 'A = 1.5f', 'binary float literals'],
    ['boolean literal', 'A = TRUE', 'boolean literals'],
    ['trailing garbage', 'A = 1 B = 2', 'expected AND, OR or the end of the filter'],
    ['qualified name', 'E.A = 1', 'unexpected character "."'],
    ['unknown character', 'A = 1 @', 'unexpected character "@"'],
    ['INTERVAL literal', "A > INTERVAL '1' DAY", 'INTERVAL literals'],
  ];
  for (const [name, text, message] of cases) {
    it(name, () => {
      let caught: unknown;
      try {
        parse(text);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      const err = caught as ValidationError;
      expect(err.field).toBe('filter');
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toContain(message);
      expect(err.message).toMatch(/at position \d+/);
    });
  }

  it('points at the offending token, 1-based', () => {
    expect(() => parse('A = 1 AND UPPER(B) = 2')).toThrow(/at position 11: "A = 1 AND ⟪UPPER⟫\(B\) = 2"/);
  });

  it('limits the length, the nesting depth and the IN list size', () => {
    expect(() => parse('A = 1 OR '.repeat(500) + 'A = 1')).toThrow(/longer than 4000 characters/);
    expect(() => parse('('.repeat(80) + 'A = 1' + ')'.repeat(80))).toThrow(/nests deeper than 64 levels/);
    expect(() => parse(`A IN (${Array.from({ length: 1001 }, (_, i) => i).join(',')})`)).toThrow(/at most 1000 values/);
    expect(parse(`A IN (${Array.from({ length: 1000 }, (_, i) => i).join(',')})`)).toMatchObject({ kind: 'in' });
  });
});
