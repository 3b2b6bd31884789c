/**
 * Syntax of an ETL script → EtlScript (names not yet checked against any table), e.g.
 *   audit op AS CHANGE_OP;
 *   for HR.EMPLOYEES {
 *     keep when SALARY >= 1000;                      -- a row-filter condition
 *     set FULL_NAME = UPPER(FIRST_NAME || ' ' || LAST_NAME);
 *     mask EMAIL hash;
 *   }
 * Tokens come from the row filter's lexer (mode 'etl'); conditions after KEEP WHEN and CASE WHEN
 * are row-filter conditions, handed to the row filter's own parser. Statements end with `;` (the
 * last one of a block or script may omit it). Precedence in expressions as in Oracle: unary -,
 * then * /, then + - ||, left to right.
 */
import type { FilterLiteral } from '../row-filter-ast';
import { ETL_SCRIPT_MAX_LENGTH } from '../task-advanced';
import { normalizeDecimal } from '../row-filter/decimal';
import { parseDateTimeText } from '../row-filter/datetime';
import { FilterSyntaxError } from '../row-filter/filter-error';
import { tokenize, type Token } from '../row-filter/lexer';
import { parseFilter, tokenLength } from '../row-filter/parser';
import { AUDIT_VALUES, EXTRACT_FIELDS, type AuditValue, type ColumnRef, type EtlBlock, type EtlCondition, type EtlExpr, type EtlScript, type EtlStatement, type ExtractField, type MaskMethod } from './etl-ast';
import { etlError } from './etl-error';

export const MAX_ETL_SCRIPT_LENGTH = ETL_SCRIPT_MAX_LENGTH;
const MAX_DEPTH = 64;
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

/** A row-filter error (from a condition starting at `offset`) as an ETL script error. */
export function relocate(text: string, e: unknown, offset: number, table: string | null): unknown {
  if (!(e instanceof FilterSyntaxError)) return e;
  // Conditions are row-filter conditions: columns compared with values, nothing computed.
  const reason = e.reason.replace(/\ba row filter\b/g, 'a keep/WHEN condition').replace(/\bthe filter\b/g, 'the condition');
  const computed = /arithmetic|functions|concatenation|CASE/.test(e.reason);
  const hint = computed ? 'Compute the value into a column first (set PAY_YEAR = SALARY * 12;), then test that column (keep when PAY_YEAR > 50000).' : e.hint;
  return etlError(text, offset + e.pos, e.length, reason, hint, table);
}

class ScriptParser {
  private k = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

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

  /** Tokens up to `stop` (exclusive) form a row-filter condition; checked for syntax now. */
  private condition(stop: (t: Token) => boolean, after: string): EtlCondition {
    const first = this.tok();
    const from = this.k;
    while (!stop(this.tok()) && this.tok().kind !== 'end') this.next();
    if (this.k === from) throw this.error(first, `expected a condition after ${after}, e.g. SALARY > 1000`);
    const last = this.tokens[this.k - 1];
    const end = last.pos + tokenLength(this.text, last);
    // Only the tokens' characters: comments inside the condition become blanks.
    const chars = Array.from({ length: end - first.pos }, () => ' ');
    for (let i = from; i < this.k; i++) {
      const t = this.tokens[i];
      const len = tokenLength(this.text, t);
      for (let j = 0; j < len; j++) chars[t.pos - first.pos + j] = this.text[t.pos + j]!;
    }
    const cond: EtlCondition = { text: chars.join(''), pos: first.pos, len: end - first.pos };
    try {
      parseFilter(cond.text);
    } catch (e) {
      throw relocate(this.text, e, cond.pos, null);
    }
    return cond;
  }

  expr(): EtlExpr {
    let left = this.term();
    for (;;) {
      const t = this.tok();
      const op = t.kind === 'plus' ? '+' : t.kind === 'minus' ? '-' : t.kind === '||' ? '||' : null;
      if (!op) return left;
      this.next();
      const right = this.term();
      left = { kind: 'binary', op, left, right, pos: left.pos, len: right.pos + right.len - left.pos };
    }
  }

  private term(): EtlExpr {
    let left = this.unary();
    for (;;) {
      const t = this.tok();
      if (t.kind !== '*' && t.kind !== '/') return left;
      this.next();
      const right = this.unary();
      left = { kind: 'binary', op: t.kind, left, right, pos: left.pos, len: right.pos + right.len - left.pos };
    }
  }

  private unary(): EtlExpr {
    const t = this.tok();
    if (t.kind === 'minus' || t.kind === 'plus') {
      this.next();
      this.enter(t);
      const item = this.unary();
      this.depth--;
      return t.kind === 'plus' ? item : { kind: 'neg', item, pos: t.pos, len: item.pos + item.len - t.pos };
    }
    return this.primary();
  }

  private primary(): EtlExpr {
    const t = this.next();
    const done = (node: EtlExpr) => {
      const last = this.tokens[this.k - 1];
      node.len = last.pos + tokenLength(this.text, last) - node.pos;
      return node;
    };
    switch (t.kind) {
      case '(': {
        this.enter(t);
        const inner = this.expr();
        this.depth--;
        const close = this.tok();
        if (close.kind !== ')') throw this.error(close, `expected ")" to close the "(" at column ${t.pos + 1}, found ${describe(close)}`);
        this.next();
        return inner;
      }
      case 'number': {
        const text = normalizeDecimal(t.text);
        if (text === null) throw this.error(t, `"${t.text}" is not a number this script can hold`);
        return done({ kind: 'literal', value: { kind: 'number', text }, pos: t.pos, len: 0 });
      }
      case 'string':
        return done({ kind: 'literal', value: t.text === '' ? { kind: 'null' } : { kind: 'string', value: t.text }, pos: t.pos, len: 0 });
      case 'keyword':
        if (t.text === 'NULL') return done({ kind: 'literal', value: { kind: 'null' }, pos: t.pos, len: 0 });
        if (t.text === 'DATE' || t.text === 'TIMESTAMP') return done({ kind: 'literal', value: this.datetime(t), pos: t.pos, len: 0 });
        throw this.error(t, `expected a value, a column or a function, found the keyword ${t.text}`, `A column named ${t.text} must be written in double quotes: "${t.text}".`);
      case 'qident':
        return done({ kind: 'column', name: t.text, quoted: true, pos: t.pos, len: 0 });
      case 'ident': {
        if (t.text === 'CASE') return done(this.caseExpr(t));
        if (this.tok().kind !== '(') return done({ kind: 'column', name: t.text, quoted: false, pos: t.pos, len: 0 });
        this.next();
        this.enter(t);
        if (t.text === 'EXTRACT') {
          const f = this.tok();
          if (f.kind !== 'ident' || !(EXTRACT_FIELDS as readonly string[]).includes(f.text)) throw this.error(f, `expected ${EXTRACT_FIELDS.join(', ')} in EXTRACT(… FROM date), found ${describe(f)}`);
          this.next();
          this.expectWord('FROM', `expected FROM in EXTRACT(${f.text} FROM date)`);
          const from = this.expr();
          this.close(t);
          this.depth--;
          return done({ kind: 'extract', field: f.text as ExtractField, from, pos: t.pos, len: 0 });
        }
        const args: EtlExpr[] = [];
        if (this.tok().kind !== ')') {
          args.push(this.expr());
          while (this.tok().kind === ',') {
            this.next();
            args.push(this.expr());
          }
        }
        this.close(t);
        this.depth--;
        return done({ kind: 'call', name: t.text, args, pos: t.pos, len: 0 });
      }
      default:
        throw this.error(t, `expected a value, a column or a function, found ${describe(t)}`);
    }
  }

  private caseExpr(start: Token): EtlExpr {
    this.enter(start);
    const branches: { when: EtlCondition; then: EtlExpr }[] = [];
    while (this.isWord('WHEN')) {
      this.next();
      const when = this.condition((x) => x.kind === 'ident' && x.text === 'THEN', 'WHEN');
      this.expectWord('THEN', 'expected THEN after the WHEN condition');
      branches.push({ when, then: this.expr() });
    }
    if (branches.length === 0) throw this.error(this.tok(), `expected WHEN after CASE, found ${describe(this.tok())}`, "Write CASE WHEN <condition> THEN <value> ELSE <value> END; CASE <expr> WHEN … (simple CASE) is not supported.");
    let otherwise: EtlExpr | null = null;
    if (this.isWord('ELSE')) {
      this.next();
      otherwise = this.expr();
    }
    this.expectWord('END', `expected WHEN, ELSE or END in the CASE that starts at column ${start.pos + 1}, found ${describe(this.tok())}`);
    this.depth--;
    return { kind: 'case', branches, otherwise, pos: start.pos, len: 0 };
  }

  private datetime(kw: Token): FilterLiteral {
    const s = this.tok();
    const example = kw.text === 'DATE' ? "DATE '2024-01-31'" : "TIMESTAMP '2024-01-31 13:45:00'";
    const shape = kw.text === 'DATE' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;
    if (s.kind !== 'string' || !shape.test(s.text) || !parseDateTimeText(s.text)) throw this.error(s, `expected a valid ${kw.text} literal, e.g. ${example}`);
    this.next();
    return kw.text === 'DATE' ? { kind: 'date', text: s.text } : { kind: 'timestamp', text: s.text };
  }

  private close(fn: Token): void {
    const c = this.tok();
    if (c.kind !== ')') throw this.error(c, `expected "," or ")" in the arguments of ${fn.text}(…), found ${describe(c)}`);
    this.next();
  }

  private name(what: string): ColumnRef {
    const t = this.tok();
    if (t.kind === 'ident' || t.kind === 'qident') {
      this.next();
      return { name: t.text, quoted: t.kind === 'qident', pos: t.pos, len: tokenLength(this.text, t) };
    }
    if (t.kind === 'keyword') throw this.error(t, `expected ${what}, found the keyword ${t.text}`, `A column named ${t.text} must be written in double quotes: "${t.text}".`);
    throw this.error(t, `expected ${what}, found ${describe(t)}`);
  }

  private isWord(w: string): boolean {
    const t = this.tok();
    return t.kind === 'ident' && t.text === w;
  }

  private expectWord(w: string, message: string): void {
    if (!this.isWord(w)) throw this.error(this.tok(), `${message}, found ${describe(this.tok())}`);
    this.next();
  }

  private tok(): Token {
    return this.tokens[this.k]!;
  }

  private next(): Token {
    return this.tokens[this.k++]!;
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) throw this.error(t, `the expression nests deeper than ${MAX_DEPTH} levels`);
  }

  private error(t: Token, message: string, hint?: string): Error {
    return etlError(this.text, t.pos, t.kind === 'end' ? 0 : tokenLength(this.text, t), message, hint);
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'the end of the script';
    case 'string':
      return `'${t.text}'`;
    case 'qident':
      return `"${t.text}"`;
    default:
      return `"${t.text}"`;
  }
}
