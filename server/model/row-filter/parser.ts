/**
 * Syntax of a per-table row filter → FilterExpr (column names not yet checked against a table), e.g.
 *   NOT (A = 1 OR B IS NULL) AND C BETWEEN 1 AND 5
 *   → and[ not(or[ A = 1, B IS NULL ]), between(C, 1, 5) ]
 * Oracle precedence: comparison/IN/BETWEEN/LIKE/IS > NOT > AND > OR. Bare identifiers are upper-cased
 * (Oracle folds them), "quoted" ones are exact.
 */
import type { ComparisonOp, FilterExpr, FilterLiteral, FilterOperand } from '../row-filter-ast';
import { normalizeDecimal } from './decimal';
import { parseDateTimeText } from './datetime';
import { filterError } from './filter-error';
import { tokenize, type Token } from './lexer';

export interface Span {
  pos: number;
  len: number;
  /** For column operands: written "quoted" (case-sensitive). */
  quoted?: boolean;
}

export interface ParsedFilter {
  expr: FilterExpr;
  /** Where each operand and predicate node came from in the text (for error messages). */
  spans: WeakMap<object, Span>;
}

export const MAX_FILTER_LENGTH = 4000;
const MAX_DEPTH = 64;
/** Oracle's own limit on an IN list (ORA-01795). */
export const MAX_IN_LIST = 1000;

export function parseFilter(text: string): ParsedFilter {
  if (text.length > MAX_FILTER_LENGTH) {
    throw filterError(text, MAX_FILTER_LENGTH, `the filter is longer than ${MAX_FILTER_LENGTH} characters`);
  }
  if (text.trim() === '') throw filterError(text, 0, 'the filter is empty', 'Write a condition such as DEPARTMENT_ID = 10, or remove the filter.');
  return new FilterParser(text).parse();
}

class FilterParser {
  private readonly tokens: Token[];
  private k = 0;
  private depth = 0;
  readonly spans = new WeakMap<object, Span>();

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parse(): ParsedFilter {
    const expr = this.or();
    const t = this.tok();
    if (t.kind !== 'end') {
      if (t.kind === ')') throw this.error(t, 'unbalanced ")" (no matching "(")');
      if (t.kind === 'minus' || t.kind === 'plus') throw this.error(t, 'arithmetic (+, -) is not supported in a row filter');
      throw this.error(t, `expected AND, OR or the end of the filter, found ${describe(t)}`);
    }
    return { expr, spans: this.spans };
  }

  private tok(): Token {
    return this.tokens[this.k];
  }

  private next(): Token {
    return this.tokens[this.k++];
  }

  private isKeyword(word: string): boolean {
    const t = this.tok();
    return t.kind === 'keyword' && t.text === word;
  }

  private error(t: Token, message: string, hint?: string): Error {
    return filterError(this.text, t.pos, message, hint, t.kind === 'end' ? 0 : tokenLength(this.text, t));
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) throw this.error(t, `the filter nests deeper than ${MAX_DEPTH} levels`);
  }

  private or(): FilterExpr {
    const items = [this.and()];
    while (this.isKeyword('OR')) {
      this.next();
      items.push(this.and());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private and(): FilterExpr {
    const items = [this.not()];
    while (this.isKeyword('AND')) {
      this.next();
      items.push(this.not());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private not(): FilterExpr {
    if (!this.isKeyword('NOT')) return this.predicate();
    const t = this.next();
    this.enter(t);
    const item = this.not();
    this.depth--;
    return { kind: 'not', item };
  }

  private predicate(): FilterExpr {
    const start = this.tok();
    if (start.kind === '(') {
      this.next();
      this.enter(start);
      const inner = this.or();
      this.depth--;
      const close = this.tok();
      if (close.kind !== ')') throw this.error(close, `expected ")" to close the "(" at position ${start.pos + 1}, found ${describe(close)}`);
      this.next();
      return inner;
    }
    const operand = this.operand();
    const t = this.tok();
    let node: FilterExpr;
    if (t.kind === 'op') {
      this.next();
      node = { kind: 'compare', op: t.text as ComparisonOp, left: operand, right: this.operand() };
    } else if (t.kind === 'keyword' && (t.text === 'NOT' || t.text === 'IN' || t.text === 'BETWEEN' || t.text === 'LIKE')) {
      let negated = false;
      if (t.text === 'NOT') {
        this.next();
        negated = true;
        const after = this.tok();
        if (!(after.kind === 'keyword' && (after.text === 'IN' || after.text === 'BETWEEN' || after.text === 'LIKE'))) {
          throw this.error(after, `expected IN, BETWEEN or LIKE after NOT, found ${describe(after)}`);
        }
      }
      const word = this.next().text;
      if (word === 'IN') node = { kind: 'in', negated, operand, list: this.inList() };
      else if (word === 'BETWEEN') {
        const low = this.operand();
        const and = this.tok();
        if (!this.isKeyword('AND')) throw this.error(and, `expected AND in BETWEEN … AND …, found ${describe(and)}`);
        this.next();
        node = { kind: 'between', negated, operand, low, high: this.operand() };
      } else {
        const pattern = this.operand();
        node = { kind: 'like', negated, operand, pattern };
        if (this.isKeyword('ESCAPE')) {
          this.next();
          const e = this.tok();
          if (e.kind !== 'string') throw this.error(e, `expected a one-character string after ESCAPE, found ${describe(e)}`);
          if ([...e.text].length !== 1) throw this.error(e, `ESCAPE needs exactly one character, got '${e.text}'`);
          this.next();
          node.escape = e.text;
        }
      }
    } else if (this.isKeyword('IS')) {
      this.next();
      let negated = false;
      if (this.isKeyword('NOT')) {
        this.next();
        negated = true;
      }
      const n = this.tok();
      if (!this.isKeyword('NULL')) throw this.error(n, `expected NULL after IS${negated ? ' NOT' : ''}, found ${describe(n)}`);
      this.next();
      node = { kind: 'isNull', negated, operand };
    } else {
      if (t.kind === 'minus' || t.kind === 'plus') throw this.error(t, 'arithmetic (+, -) is not supported in a row filter');
      throw this.error(t, `expected a comparison (=, <>, <, <=, >, >=), IN, BETWEEN, LIKE or IS NULL, found ${describe(t)}`);
    }
    const last = this.tokens[this.k - 1];
    this.spans.set(node, { pos: start.pos, len: last.pos + tokenLength(this.text, last) - start.pos });
    return node;
  }

  private inList(): FilterOperand[] {
    const open = this.tok();
    if (open.kind !== '(') throw this.error(open, `expected "(" after IN, found ${describe(open)}`);
    this.next();
    const list = [this.operand()];
    while (this.tok().kind === ',') {
      this.next();
      list.push(this.operand());
    }
    const close = this.tok();
    if (close.kind !== ')') throw this.error(close, `expected "," or ")" in the IN list, found ${describe(close)}`);
    if (list.length > MAX_IN_LIST) throw this.error(open, `an IN list can hold at most ${MAX_IN_LIST} values (it has ${list.length})`);
    this.next();
    return list;
  }

  private operand(): FilterOperand {
    const t = this.next();
    let node: FilterOperand;
    switch (t.kind) {
      case 'ident':
        if (this.tok().kind === '(') throw this.error(t, `functions are not allowed in a row filter (${t.text}(…))`, 'Compare a column with a value, e.g. NAME = \'Bob\'.');
        node = { kind: 'column', name: t.text };
        this.spans.set(node, { pos: t.pos, len: tokenLength(this.text, t), quoted: false });
        return node;
      case 'qident':
        if (this.tok().kind === '(') throw this.error(t, 'functions are not allowed in a row filter');
        node = { kind: 'column', name: t.text };
        this.spans.set(node, { pos: t.pos, len: tokenLength(this.text, t), quoted: true });
        return node;
      case 'string':
        // Oracle: '' is NULL.
        node = t.text === '' ? { kind: 'null' } : { kind: 'string', value: t.text };
        break;
      case 'number':
        node = this.number(t, '');
        break;
      case 'minus':
      case 'plus': {
        const num = this.tok();
        if (num.kind !== 'number' || num.pos !== t.pos + 1) throw this.error(t, 'arithmetic (+, -) is not supported in a row filter; a sign must be written right before a number');
        this.next();
        node = this.number(num, t.kind === 'minus' ? '-' : '');
        this.spans.set(node, { pos: t.pos, len: num.pos + num.text.length - t.pos });
        return node;
      }
      case 'keyword':
        if (t.text === 'NULL') node = { kind: 'null' };
        else if (t.text === 'DATE' || t.text === 'TIMESTAMP') node = this.datetime(t);
        else throw this.error(t, `expected a column or a value, found the keyword ${t.text}`, `A column named ${t.text} must be written in double quotes: "${t.text}".`);
        break;
      default:
        throw this.error(t, `expected a column or a value, found ${describe(t)}`);
    }
    const last = this.tokens[this.k - 1];
    this.spans.set(node, { pos: t.pos, len: last.pos + tokenLength(this.text, last) - t.pos });
    return node;
  }

  private number(t: Token, sign: string): FilterLiteral {
    const canonical = normalizeDecimal(sign + t.text);
    if (canonical === null) throw this.error(t, `"${t.text}" is not a number this filter can hold`);
    return { kind: 'number', text: canonical };
  }

  private datetime(kw: Token): FilterLiteral {
    const s = this.tok();
    const example = kw.text === 'DATE' ? "DATE '2024-01-31'" : "TIMESTAMP '2024-01-31 13:45:00'";
    if (s.kind !== 'string') throw this.error(s, `expected a quoted value after ${kw.text}, e.g. ${example}`);
    this.next();
    const shape = kw.text === 'DATE' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;
    if (!shape.test(s.text) || !parseDateTimeText(s.text)) {
      throw this.error(s, `${kw.text} '${s.text}' is not a valid ${kw.text} literal; write it as ${example}`);
    }
    return kw.text === 'DATE' ? { kind: 'date', text: s.text } : { kind: 'timestamp', text: s.text };
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'the end of the filter';
    case 'string':
      return `'${t.text}'`;
    case 'qident':
      return `"${t.text}"`;
    default:
      return `"${t.text}"`;
  }
}

/** Length of the token as written in the text (strings and quoted names include quotes/doublings). */
export function tokenLength(text: string, t: Token): number {
  if (t.kind === 'string' || t.kind === 'qident') {
    const q = t.kind === 'string' ? "'" : '"';
    let i = text.indexOf(q, t.pos) + 1;
    for (;;) {
      const e = text.indexOf(q, i);
      if (e < 0) return text.length - t.pos;
      if (text[e + 1] === q) i = e + 2;
      else return e + 1 - t.pos;
    }
  }
  return t.kind === 'end' ? 0 : t.text.length;
}
