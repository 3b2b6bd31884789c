/**
 * Syntax of an ETL script → EtlScript (names not yet checked against any table), e.g.
 *   audit op AS CHANGE_OP;
 *   for HR.EMPLOYEES {
 *     keep when SALARY >= 1000;                      -- a row-filter condition
 *     set FULL_NAME = UPPER(FIRST_NAME || ' ' || LAST_NAME);
 *     mask EMAIL hash;
 *   }
 * Tokens come from the row filter's lexer (mode 'etl'). Statements end with `;` (the last one of a
 * block or script may omit it); expressions and conditions are read by expr-parser.ts.
 */
import { ETL_SCRIPT_MAX_LENGTH } from '../task-advanced';
import { tokenize, type Token } from '../row-filter/lexer';
import { tokenLength } from '../row-filter/parser';
import { AUDIT_VALUES, type AuditValue, type EtlBlock, type EtlScript, type EtlStatement, type MaskMethod } from './etl-ast';
import { etlError } from './etl-error';
import { describe, ExprParser, relocate } from './expr-parser';

export const MAX_ETL_SCRIPT_LENGTH = ETL_SCRIPT_MAX_LENGTH;
const STATEMENT_WORDS = ['KEEP', 'SET', 'DROP', 'MASK', 'AUDIT', 'FOR'];

export function parseEtlScript(text: string): EtlScript {
  if (text.length > MAX_ETL_SCRIPT_LENGTH) throw etlError(text, MAX_ETL_SCRIPT_LENGTH, 0, `the script is longer than ${MAX_ETL_SCRIPT_LENGTH.toLocaleString('en-US')} characters`);
  let tokens: Token[];
  try {
    tokens = tokenize(text, 'etl');
  } catch (e) {
    throw relocate(text, e, 0, null);
  }
  return new ScriptParser(text, tokens).parse();
}

class ScriptParser extends ExprParser {
  parse(): EtlScript {
    const blocks: EtlBlock[] = [];
    let global: EtlBlock | null = null;
    while (this.tok().kind !== 'end') {
      const t = this.tok();
      if (this.isWord('FOR')) {
        global = null;
        blocks.push(this.forBlock());
        continue;
      }
      if (t.kind === '}') throw this.error(t, 'unbalanced "}" (no "for … {" to close)');
      if (!global) blocks.push((global = { scope: null, statements: [], pos: t.pos, len: 0 }));
      global.statements.push(this.statement());
    }
    return { text: this.text, blocks };
  }

  private forBlock(): EtlBlock {
    const start = this.next();
    const owner = this.name('a schema name after FOR, e.g. for HR.EMPLOYEES { … }');
    const dot = this.tok();
    if (dot.kind !== '.') throw this.error(dot, `expected "." and a table name after FOR ${owner.name}, e.g. for ${owner.name}.EMPLOYEES { … }`);
    this.next();
    const table = this.name('a table name after the "."');
    const open = this.tok();
    if (open.kind !== '{') throw this.error(open, `expected "{" to open the statements for ${owner.name}.${table.name}`);
    this.next();
    const statements: EtlStatement[] = [];
    for (;;) {
      const t = this.tok();
      if (t.kind === '}') {
        this.next();
        break;
      }
      if (t.kind === 'end') throw this.error(open, `missing "}" to close the block for ${owner.name}.${table.name}`);
      if (this.isWord('FOR')) throw this.error(t, 'a "for" block cannot hold another one; close this one with "}" first');
      statements.push(this.statement());
    }
    const last = this.tokens[this.k - 1];
    return { scope: { owner: owner.name, table: table.name }, statements, pos: start.pos, len: last.pos + 1 - start.pos };
  }

  private statement(): EtlStatement {
    const t = this.tok();
    if (t.kind !== 'ident' || !STATEMENT_WORDS.includes(t.text)) {
      throw this.error(t, `expected a statement (keep when, set, drop, mask, audit or for), found ${describe(t)}`);
    }
    this.next();
    let s: EtlStatement;
    switch (t.text) {
      case 'KEEP': {
        this.expectWord('WHEN', 'expected WHEN after KEEP, e.g. keep when SALARY > 1000');
        const when = this.condition((x) => x.kind === ';' || x.kind === '}' || x.kind === 'end', 'KEEP WHEN');
        s = { kind: 'keep', when, pos: t.pos, len: 0 };
        break;
      }
      case 'SET': {
        const column = this.name('the column to set, e.g. set FULL_NAME = FIRST_NAME || LAST_NAME');
        const eq = this.tok();
        if (!(eq.kind === 'op' && eq.text === '=')) throw this.error(eq, `expected "=" after set ${column.name}`);
        this.next();
        s = { kind: 'set', column, expr: this.expr(), pos: t.pos, len: 0 };
        break;
      }
      case 'DROP':
        s = { kind: 'drop', column: this.name('the column to drop, e.g. drop SSN'), pos: t.pos, len: 0 };
        break;
      case 'MASK':
        s = { kind: 'mask', column: this.name('the column to mask, e.g. mask EMAIL hash'), method: this.maskMethod(), pos: t.pos, len: 0 };
        break;
      case 'AUDIT': {
        const w = this.tok();
        const value = w.kind === 'ident' ? (w.text.toLowerCase() as AuditValue) : null;
        if (!value || !AUDIT_VALUES.includes(value)) throw this.error(w, `expected what to audit (${AUDIT_VALUES.join(', ')}) after AUDIT, found ${describe(w)}`);
        this.next();
        this.expectWord('AS', `expected AS and a column name, e.g. audit ${value} AS ${value.toUpperCase()}_AUDIT`);
        s = { kind: 'audit', value, column: this.name('the name of the audit column'), pos: t.pos, len: 0 };
        break;
      }
      default:
        throw this.error(t, 'a "for" block starts at the top level of the script');
    }
    const last = this.tokens[this.k - 1];
    s.len = last.pos + tokenLength(this.text, last) - t.pos;
    const end = this.tok();
    if (end.kind === ';') this.next();
    else if (end.kind !== '}' && end.kind !== 'end') throw this.error(end, `expected ";" to end the ${t.text.toLowerCase()} statement, found ${describe(end)}`);
    return s;
  }

  private maskMethod(): MaskMethod {
    const m = this.tok();
    if (this.isWord('HASH')) {
      this.next();
      return { kind: 'hash' };
    }
    if (!this.isWord('PARTIAL')) throw this.error(m, `expected hash or partial(keepStart, keepEnd) after the column, found ${describe(m)}`);
    this.next();
    const open = this.tok();
    if (open.kind !== '(') throw this.error(open, 'expected "(" after partial, e.g. partial(3, 4)');
    this.next();
    const keepStart = this.count('keepStart');
    const comma = this.tok();
    if (comma.kind !== ',') throw this.error(comma, 'expected "," between keepStart and keepEnd, e.g. partial(3, 4)');
    this.next();
    const keepEnd = this.count('keepEnd');
    const close = this.tok();
    if (close.kind !== ')') throw this.error(close, 'expected ")" after keepEnd');
    this.next();
    return { kind: 'partial', keepStart, keepEnd };
  }

  private count(what: string): number {
    const t = this.tok();
    if (t.kind !== 'number' || !/^\d{1,4}$/.test(t.text)) throw this.error(t, `${what} is a whole number of characters from 0 to 9999, found ${describe(t)}`);
    this.next();
    return Number(t.text);
  }
}
