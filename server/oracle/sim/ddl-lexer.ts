import { tokenize } from '../sql-tokens';

/**
 * Tokens of an Oracle DDL statement for the simulator's parser, from the one Oracle SQL tokenizer
 * (server/oracle/sql-tokens.ts) without whitespace and comments, with source offsets so raw spans
 * (DEFAULT expressions, view queries, PL/SQL bodies) can be cut from the original text.
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
  let start = 0;
  for (const t of tokenize(sql)) {
    const end = start + t.text.length;
    if (t.kind === 'qid') {
      if (t.text.length < 2 || !t.text.endsWith('"')) throw new SyntaxError('unterminated quoted identifier');
      out.push({ kind: 'qid', value: t.name, start, end });
    } else if (t.kind === 'str') {
      out.push({ kind: 'str', value: stringContent(t.text), start, end });
    } else if (t.kind === 'word') {
      out.push({ kind: 'word', value: t.name, start, end });
    } else if (t.kind === 'num' || t.kind === 'punct') {
      out.push({ kind: t.kind, value: t.text, start, end });
    }
    start = end;
  }
  return out;
}

/** The content of a string literal token: 'it''s' → it's, N'…', q'[…]'. */
function stringContent(text: string): string {
  const body = /^[nN]/.test(text) ? text.slice(1) : text;
  if (/^[qQ]/.test(body)) {
    const close = ({ '[': ']', '{': '}', '(': ')', '<': '>' } as Record<string, string>)[body[2] ?? ''] ?? body[2];
    if (body.length < 5 || !body.endsWith(`${close}'`)) throw new SyntaxError('unterminated string literal');
    return body.slice(3, -2);
  }
  if (!/^'(?:[^']|'')*'$/s.test(body)) throw new SyntaxError('unterminated string literal');
  return body.slice(1, -1).replace(/''/g, "'");
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
