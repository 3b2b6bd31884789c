import { describe, expect, it } from 'vitest';
import { parseRedo, parseRedoColumns, RedoParseError, type RedoColumnList } from './redo-parser';
import { REDO_PARSER_CASES } from './redo-parser.cases';
import { Ora2KafkaError } from '../../model/errors';

function toRecord(list: RedoColumnList | null): Record<string, string | null> | null {
  if (!list) return null;
  const out: Record<string, string | null> = {};
  list.names.forEach((n, i) => Object.defineProperty(out, n, { value: list.values[i], enumerable: true, writable: true, configurable: true }));
  return out;
}

describe('parseRedo corpus', () => {
  it('has unique ids and covers every statement kind and the reject path', () => {
    const ids = REDO_PARSER_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ops = new Set(REDO_PARSER_CASES.map((c) => ('error' in c.expected ? 'error' : c.expected.operation)));
    expect([...ops].sort()).toEqual(['DELETE', 'INSERT', 'UPDATE', 'error']);
  });

  for (const c of REDO_PARSER_CASES) {
    const expected = c.expected;
    if ('error' in expected) {
      it(`${c.id} (${c.origin}) is rejected`, () => {
        let caught: unknown;
        try {
          parseRedo(c.sqlRedo, c.options);
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(RedoParseError);
        const err = caught as RedoParseError;
        expect(err).toBeInstanceOf(Ora2KafkaError);
        expect(err.code).toBe('REDO_PARSE');
        expect(err.message).toContain(expected.error);
        expect(err.position).toBeGreaterThanOrEqual(0);
        expect(err.position).toBeLessThanOrEqual(c.sqlRedo.length);
        expect(err.hint).toBeTruthy();
      });
    } else {
      it(`${c.id} (${c.origin})`, () => {
        const got = parseRedo(c.sqlRedo, c.options);
        expect(got).toEqual(expected);
        expect(Object.keys(got.after ?? {})).toEqual(Object.keys(expected.after ?? {}));
        expect(Object.keys(got.before ?? {})).toEqual(Object.keys(expected.before ?? {}));
        // The arrays API reads the same statement the same way.
        const cols = parseRedoColumns(c.sqlRedo, c.options);
        expect({ ...cols, after: toRecord(cols.after), before: toRecord(cols.before) }).toEqual(expected);
      });
    }
  }
});

describe('parseRedo details', () => {
  it('reads the apostrophe bug only when relaxed quotes are asked for', () => {
    const sql = `update "S"."T" set "D" = 'l'eau' where "ID" = '1';`;
    expect(() => parseRedo(sql)).toThrow(RedoParseError);
    expect(parseRedo(sql, { relaxedQuotes: true }).after).toEqual({ D: "l'eau" });
  });

  it('reports the offset where parsing stopped and shows it in the message', () => {
    const sql = `update "HR"."EMP" set "NAME" = 'Bob' where "ID" > '1';`;
    try {
      parseRedo(sql);
      expect.unreachable();
    } catch (e) {
      const err = e as RedoParseError;
      expect(err.position).toBe(sql.indexOf('>'));
      expect(err.message).toContain('offset ' + sql.indexOf('>'));
      expect(err.message).toContain('"ID" ⟨HERE⟩> ');
    }
  });

  it('marks which values were quoted literals', () => {
    const p = parseRedoColumns(String.raw`insert into "A"."B"("X","Y","Z","W") values ('UNISTR(''\00E9'')',UNISTR('\00E9'),NULL,'1' || '2');`);
    expect(p.after?.values).toEqual([String.raw`UNISTR('\00E9')`, String.raw`UNISTR('\00E9')`, null, '12']);
    expect(p.after?.quoted).toEqual([true, false, false, true]);
  });

  it('keeps a real __proto__ column as data, not as the prototype', () => {
    const r = parseRedo(`insert into "A"."B"("__proto__") values ('x');`);
    expect(Object.getPrototypeOf(r.after)).toBe(Object.prototype);
    expect(Object.keys(r.after!)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(r.after, '__proto__')?.value).toBe('x');
  });

  it('never confuses column names that share length and first, middle and last chars (name cache)', () => {
    // Same length, same first/middle/last char: same cache slot; each must still come back exactly.
    const names = ['AXXBXXC', 'AYYBYYC', 'AZZBZZC', 'AXYBYXC'];
    for (let round = 0; round < 3; round++) {
      for (const n of names) {
        const r = parseRedo(`update "S"."T" set "${n}" = '1' where "${n}" = '0';`);
        expect(Object.keys(r.after!)).toEqual([n]);
        expect(Object.keys(r.before!)).toEqual([n]);
      }
    }
  });

  it('parses statements of every kind back to back without state leaking between them', () => {
    const a = parseRedo(`update "S"."T" a set a."X" = 'it''s' where a."ID" = '1';`);
    const b = parseRedo(`insert into "S"."T"("X") values ('plain');`);
    const c = parseRedo(`delete from "S"."T" where "X" = 'it''s';`);
    expect(a.after).toEqual({ X: "it's" });
    expect(b.after).toEqual({ X: 'plain' });
    expect(c.before).toEqual({ X: "it's" });
  });

  it('handles a wide statement (1000 columns) in one pass', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `C${i}`);
    const sql = `insert into "S"."WIDE"(${names.map((n) => `"${n}"`).join(',')}) values (${names.map((_, i) => `'${i}'`).join(',')});`;
    const r = parseRedo(sql);
    expect(Object.keys(r.after!)).toHaveLength(1000);
    expect(r.after!.C999).toBe('999');
  });
});
