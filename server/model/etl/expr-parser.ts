/**
 * Expressions and conditions of an ETL script (the statements are parser.ts), e.g.
 *   UPPER(FIRST_NAME || ' ' || LAST_NAME)      → call UPPER(binary ||(binary ||(FIRST_NAME, ' '), LAST_NAME))
 *   CASE WHEN SALARY >= 5000 THEN 'high' END    → case [when "SALARY >= 5000" then 'high']
 * Precedence as in Oracle: unary -, then * /, then + - ||, left to right. Conditions (KEEP WHEN,
 * CASE WHEN) are row-filter conditions: their tokens are handed to the row filter's own parser,
 * and its errors are placed back in the script by line and column (`relocate`).
 */
import type { FilterLiteral } from '../row-filter-ast';
import { normalizeDecimal } from '../row-filter/decimal';
import { parseDateTimeText } from '../row-filter/datetime';
import { FilterSyntaxError } from '../row-filter/filter-error';
import type { Token } from '../row-filter/lexer';
import { parseFilter, tokenLength } from '../row-filter/parser';
import { EXTRACT_FIELDS, type ColumnRef, type EtlCondition, type EtlExpr, type ExtractField } from './etl-ast';
import { etlError } from './etl-error';

const MAX_DEPTH = 64;

/** A row-filter error (from a condition starting at `offset`) as an ETL script error. */
export function relocate(text: string, e: unknown, offset: number, table: string | null): unknown {
  if (!(e instanceof FilterSyntaxError)) return e;
  // Conditions are row-filter conditions: columns compared with values, nothing computed.
  const reason = e.reason.replace(/\ba row filter\b/g, 'a keep/WHEN condition').replace(/\bthe filter\b/g, 'the condition');
  const computed = /arithmetic|functions|concatenation|CASE/.test(e.reason);
  const hint = computed ? 'Compute the value into a column first (set PAY_YEAR = SALARY * 12;), then test that column (keep when PAY_YEAR > 50000).' : e.hint;
  return etlError(text, offset + e.pos, e.length, reason, hint, table);
}

/** A cursor over a script's tokens that reads expressions, conditions and names. */
export class ExprParser {
  protected k = 0;
  protected depth = 0;

  constructor(
    protected readonly text: string,
    protected readonly tokens: Token[],
  ) {}

  /** Tokens up to `stop` (exclusive) form a row-filter condition; checked for syntax now. */
  protected condition(stop: (t: Token) => boolean, after: string): EtlCondition {
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

  protected term(): EtlExpr {
    let left = this.unary();
    for (;;) {
      const t = this.tok();
      if (t.kind !== '*' && t.kind !== '/') return left;
      this.next();
      const right = this.unary();
      left = { kind: 'binary', op: t.kind, left, right, pos: left.pos, len: right.pos + right.len - left.pos };
    }
  }

  protected unary(): EtlExpr {
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

  protected primary(): EtlExpr {
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

  protected caseExpr(start: Token): EtlExpr {
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

  protected datetime(kw: Token): FilterLiteral {
    const s = this.tok();
    const example = kw.text === 'DATE' ? "DATE '2024-01-31'" : "TIMESTAMP '2024-01-31 13:45:00'";
    const shape = kw.text === 'DATE' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;
    if (s.kind !== 'string' || !shape.test(s.text) || !parseDateTimeText(s.text)) throw this.error(s, `expected a valid ${kw.text} literal, e.g. ${example}`);
    this.next();
    return kw.text === 'DATE' ? { kind: 'date', text: s.text } : { kind: 'timestamp', text: s.text };
  }

  protected close(fn: Token): void {
    const c = this.tok();
    if (c.kind !== ')') throw this.error(c, `expected "," or ")" in the arguments of ${fn.text}(…), found ${describe(c)}`);
    this.next();
  }

  protected name(what: string): ColumnRef {
    const t = this.tok();
    if (t.kind === 'ident' || t.kind === 'qident') {
      this.next();
      return { name: t.text, quoted: t.kind === 'qident', pos: t.pos, len: tokenLength(this.text, t) };
    }
    if (t.kind === 'keyword') throw this.error(t, `expected ${what}, found the keyword ${t.text}`, `A column named ${t.text} must be written in double quotes: "${t.text}".`);
    throw this.error(t, `expected ${what}, found ${describe(t)}`);
  }

  protected isWord(w: string): boolean {
    const t = this.tok();
    return t.kind === 'ident' && t.text === w;
  }

  protected expectWord(w: string, message: string): void {
    if (!this.isWord(w)) throw this.error(this.tok(), `${message}, found ${describe(this.tok())}`);
    this.next();
  }

  protected tok(): Token {
    return this.tokens[this.k]!;
  }

  protected next(): Token {
    return this.tokens[this.k++]!;
  }

  protected enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) throw this.error(t, `the expression nests deeper than ${MAX_DEPTH} levels`);
  }

  protected error(t: Token, message: string, hint?: string): Error {
    return etlError(this.text, t.pos, t.kind === 'end' ? 0 : tokenLength(this.text, t), message, hint);
  }
}

export function describe(t: Token): string {
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
