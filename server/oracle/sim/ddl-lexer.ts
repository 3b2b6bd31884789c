/**
 * Tokens of an Oracle DDL statement, with source offsets so raw spans (DEFAULT expressions, view
 * queries, PL/SQL bodies) can be cut from the original text.
 *   CREATE TABLE hr."Emp" (id NUMBER(10) DEFAULT 0)  →  CREATE TABLE HR . Emp ( ID NUMBER ( 10 ) DEFAULT 0 )
 */
export interface Token {
  kind: 'word' | 'qid' | 'num' | 'str' | 'punct';
  /** Upper-cased for words, content for quoted identifiers and strings, as written otherwise. */
  value: string;
  start: number;
  end: number;
}

export function lex(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (ch === '"') {
      const end = sql.indexOf('"', i + 1);
      if (end < 0) throw new SyntaxError('unterminated quoted identifier');
      out.push({ kind: 'qid', value: sql.slice(i + 1, end), start: i, end: end + 1 });
      i = end + 1;
    } else if (ch === "'") {
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= sql.length) throw new SyntaxError('unterminated string literal');
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") {
            v += "'";
            j += 2;
            continue;
          }
          break;
        }
        v += sql[j++];
      }
      out.push({ kind: 'str', value: v, start: i, end: j + 1 });
      i = j + 1;
    } else if (/[0-9]/.test(ch)) {
      let j = i;
      while (j < sql.length && /[0-9.]/.test(sql[j]!)) j++;
      out.push({ kind: 'num', value: sql.slice(i, j), start: i, end: j });
      i = j;
    } else if (/[A-Za-z_$#]/.test(ch)) {
      let j = i;
      while (j < sql.length && /[A-Za-z0-9_$#]/.test(sql[j]!)) j++;
      out.push({ kind: 'word', value: sql.slice(i, j).toUpperCase(), start: i, end: j });
      i = j;
    } else {
      out.push({ kind: 'punct', value: ch, start: i, end: i + 1 });
      i++;
    }
  }
  return out;
}

/** Cursor over tokens with the small helpers a recursive-descent parser needs. */
export class TokenStream {
  pos = 0;

  constructor(
    readonly sql: string,
    readonly tokens: Token[],
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  /** True (and consumes) when the next tokens are these words/punctuation. */
  accept(...values: string[]): boolean {
    for (let k = 0; k < values.length; k++) {
      const t = this.peek(k);
      if (!t || t.kind === 'qid' || t.kind === 'str' || t.value !== values[k]) return false;
    }
    this.pos += values.length;
    return true;
  }

  expect(...values: string[]): void {
    if (!this.accept(...values)) throw this.error(`expected ${values.join(' ')}`);
  }

  /** An identifier: unquoted (upper-cased) or quoted (as written). */
  ident(): string {
    const t = this.peek();
    if (!t || (t.kind !== 'word' && t.kind !== 'qid')) throw this.error('expected an identifier');
    this.pos++;
    return t.value;
  }

  /** [owner.]name, owner defaulting to the session's schema. */
  qualified(defaultOwner: string): { owner: string; name: string } {
    const first = this.ident();
    if (this.accept('.')) return { owner: first, name: this.ident() };
    return { owner: defaultOwner, name: first };
  }

  identList(): string[] {
    this.expect('(');
    const out = [this.ident()];
    while (this.accept(',')) out.push(this.ident());
    this.expect(')');
    return out;
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  /** Source text from the current token to the end. */
  rest(): string {
    const t = this.peek();
    return t ? this.sql.slice(t.start).trim() : '';
  }

  error(what: string): SyntaxError {
    const t = this.peek();
    return new SyntaxError(`${what} at ${t ? `"${this.sql.slice(t.start, t.start + 20)}"` : 'end of statement'}`);
  }
}
