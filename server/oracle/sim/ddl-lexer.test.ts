import { describe, expect, it } from 'vitest';
import { lex } from './ddl-lexer';

describe('lex (the shared Oracle SQL tokenizer, as the simulator parser reads it)', () => {
  it('drops whitespace and comments, keeps offsets, folds words and unquotes names and strings', () => {
    const sql = `CREATE TABLE hr."Emp" (n VARCHAR2(10) DEFAULT 'it''s' /* c */) -- tail`;
    const tokens = lex(sql);
    expect(tokens.map((t) => `${t.kind}:${t.value}`)).toEqual([
      'word:CREATE', 'word:TABLE', 'word:HR', 'punct:.', 'qid:Emp', 'punct:(', 'word:N', 'word:VARCHAR2', 'punct:(', 'num:10', 'punct:)', 'word:DEFAULT', "str:it's", 'punct:)',
    ]);
    const span = (kind: string) => tokens.filter((t) => t.kind === kind).map((t) => sql.slice(t.start, t.end));
    expect(span('qid')).toEqual(['"Emp"']);
    expect(span('str')).toEqual(["'it''s'"]);
    expect(span('word')).toEqual(['CREATE', 'TABLE', 'hr', 'n', 'VARCHAR2', 'DEFAULT']);
  });

  it("reads N'…' and q'[…]' literals as one string", () => {
    expect(lex(`N'abc' q'[EMP's]' Q'{x}'`).map((t) => [t.kind, t.value])).toEqual([['str', 'abc'], ['str', "EMP's"], ['str', 'x']]);
  });

  it('refuses unterminated quotes', () => {
    expect(() => lex(`SELECT 'abc`)).toThrow(/unterminated string literal/);
    expect(() => lex(`SELECT 'it''`)).toThrow(/unterminated string literal/);
    expect(() => lex(`SELECT q'[abc'`)).toThrow(/unterminated string literal/);
    expect(() => lex(`SELECT "abc`)).toThrow(/unterminated quoted identifier/);
  });
});
