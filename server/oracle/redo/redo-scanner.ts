/**
 * Single-pass char-code scanner for LogMiner SQL_REDO DML (no regular expressions, no backtracking).
 *
 *   insert into "HR"."EMP"("ID","NAME","HIRED") values ('1','Acme',TO_DATE('2020-02-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS'));
 *   update "HR"."EMP" set "NAME" = 'Bob' where "ID" = '1' and "NAME" = 'Acme';
 *   delete from "HR"."EMP" where "ID" = '1' and "NAME" = 'Acme' and "X" IS NULL;
 *
 * Grammar (keywords case-insensitive, whitespace free-form, trailing `;` optional):
 *   stmt   := 'insert' 'into' table '(' ident (',' ident)* ')' 'values' '(' value (',' value)* ')'
 *           | 'update' table alias? 'set' assign (',' assign)* ('where' cond ('and' cond)*)?
 *           | 'delete' 'from' table alias? ('where' cond ('and' cond)*)?
 *   table  := ident ('.' ident)?          ident := '"' ( [^"] | '""' )* '"' | bare word
 *   assign := colref '=' value            cond  := colref ( '=' value | 'IS' 'NULL' )
 *   colref := (alias '.')? ident          (a bare ROWID colref is LogMiner's row id: read and dropped)
 *   value  := comment* primary ('||' primary)*
 *   primary:= quoted | 'NULL' | 'Unsupported Type' | word '(' …balanced, quote-aware… ')' | bare token
 * A single quoted literal yields its content ('' → '); a concatenation of quoted literals yields the
 * joined content; NULL yields null; everything else is kept verbatim.
 *
 * Relaxed mode (opt-in) reads LogMiner's unescaped-apostrophe bug: see relaxed-quotes.ts.
 */

import { internName } from './name-cache';
import { closesLiteral, CTX_VALUES, type Ctx } from './relaxed-quotes';

export { CTX_SET, CTX_VALUES, CTX_WHERE } from './relaxed-quotes';

export class RedoSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export class RedoScanner {
  i = 0;
  /** Set by value(): whether the last value was a quoted literal (or a concatenation of them). */
  quoted = false;
  private ctx: Ctx = CTX_VALUES;

  /**
   * @param relaxed read LogMiner's unescaped-apostrophe bug (see above)
   * @param intern  share one string per column name across statements: pays off when the names
   *                become object keys (parseRedo); plain slices are cheaper for the arrays form
   */
  constructor(
    readonly s: string,
    private readonly relaxed: boolean,
    private readonly intern: boolean,
  ) {}

  fail(message: string, at = this.i): never {
    throw new RedoSyntaxError(message, at);
  }

  ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  /** Consumes `word` (lower-case letters) case-insensitively when it stands as a whole word here. */
  word(word: string): boolean {
    if (!startsWithWord(this.s, this.i, word)) return false;
    this.i += word.length;
    return true;
  }

  /** Like word() without consuming. */
  atWord(word: string): boolean {
    return startsWithWord(this.s, this.i, word);
  }

  expectWord(word: string): void {
    this.ws();
    if (!this.word(word)) this.fail(`expected '${word}'`);
    this.ws();
  }

  expectChar(c: number): void {
    this.ws();
    if (this.s.charCodeAt(this.i) !== c) this.fail(`expected '${String.fromCharCode(c)}'`);
    this.i++;
    this.ws();
  }

  /** Consumes `=` and the spaces around it when it comes next (LogMiner prints ` = `); false otherwise. */
  atEquals(): boolean {
    const s = this.s;
    const i = this.i;
    if (s.charCodeAt(i) === 32 && s.charCodeAt(i + 1) === 61 && s.charCodeAt(i + 2) === 32) {
      this.i = i + 3;
      return true;
    }
    this.ws();
    if (s.charCodeAt(this.i) !== 61) return false;
    this.i++;
    this.ws();
    return true;
  }

  /** Consumes `, ` (or `,` with any spacing) between SET assignments; false when none follows. */
  comma(): boolean {
    const s = this.s;
    const i = this.i;
    if (s.charCodeAt(i) === 44) {
      this.i = i + 1;
      if (s.charCodeAt(i + 1) === 32) this.i = i + 2;
      else this.ws();
      return true;
    }
    this.ws();
    if (s.charCodeAt(this.i) !== 44) return false;
    this.i++;
    this.ws();
    return true;
  }

  /** Consumes ` and ` (any case and spacing) between WHERE conditions; false when none follows. */
  and(): boolean {
    const s = this.s;
    const i = this.i;
    if (
      s.charCodeAt(i) === 32 &&
      s.charCodeAt(i + 1) === 97 &&
      s.charCodeAt(i + 2) === 110 &&
      s.charCodeAt(i + 3) === 100 &&
      s.charCodeAt(i + 4) === 32
    ) {
      this.i = i + 5;
      return true;
    }
    this.ws();
    if (!this.word('and')) return false;
    this.ws();
    return true;
  }

  peek(): number {
    return this.s.charCodeAt(this.i);
  }

  /** "A ""b""" → A "b"; a bare word as written. */
  ident(): string {
    const s = this.s;
    const start = this.i;
    if (s.charCodeAt(start) !== 34) return this.bareWord();
    const n = s.length;
    let q = start + 1;
    while (q < n && s.charCodeAt(q) !== 34) q++;
    if (q >= n) this.fail('unterminated quoted identifier', start);
    if (s.charCodeAt(q + 1) === 34) return this.escapedIdent(start);
    this.i = q + 1;
    return this.intern ? internName(s, start + 1, q) : s.slice(start + 1, q);
  }

  /** A quoted identifier with doubled quotes inside: "A ""b""". */
  private escapedIdent(start: number): string {
    const s = this.s;
    let from = start + 1;
    let out = '';
    for (;;) {
      const q = s.indexOf('"', from);
      if (q < 0) this.fail('unterminated quoted identifier', start);
      if (s.charCodeAt(q + 1) === 34) {
        out += s.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      this.i = q + 1;
      return out + s.slice(from, q);
    }
  }

  private bareWord(): string {
    const s = this.s;
    const start = this.i;
    let i = start;
    while (isWordChar(s.charCodeAt(i))) i++;
    if (i === start) this.fail('expected an identifier');
    this.i = i;
    return s.slice(start, i);
  }

  /** [alias.]"COL" → COL; returns null for the ROWID pseudo-column. */
  colref(): string | null {
    const s = this.s;
    if (s.charCodeAt(this.i) !== 34) {
      const bare = this.ident();
      if (s.charCodeAt(this.i) !== 46) {
        if (bare.toUpperCase() === 'ROWID') return null;
        return bare;
      }
      this.i++; // alias.
    }
    return this.ident();
  }

  setContext(ctx: Ctx): void {
    this.ctx = ctx;
  }

  value(): string | null {
    const s = this.s;
    const c0 = s.charCodeAt(this.i);
    if (c0 <= 32 || c0 === 47) this.skipComments();
    const start = this.i;
    let content = this.primary();
    let allQuoted = this.quoted;
    let isNull = content === null;
    // Concatenation: `x || y`, spaces optional around `||`.
    for (;;) {
      let j = this.i;
      while (s.charCodeAt(j) === 32) j++;
      if (s.charCodeAt(j) !== 124 || s.charCodeAt(j + 1) !== 124) break;
      this.i = j + 2;
      this.ws();
      const next = this.primary();
      if (allQuoted && this.quoted) content = (content ?? '') + next;
      else allQuoted = false;
      isNull = false;
    }
    if (isNull) {
      this.quoted = false;
      return null;
    }
    this.quoted = allQuoted;
    return allQuoted ? content : s.slice(start, this.i);
  }

  private skipComments(): void {
    const s = this.s;
    this.ws();
    while (s.charCodeAt(this.i) === 47 && s.charCodeAt(this.i + 1) === 42) {
      const end = s.indexOf('*/', this.i + 2);
      if (end < 0) this.fail('unterminated comment');
      this.i = end + 2;
      this.ws();
    }
  }

  private primary(): string | null {
    const s = this.s;
    const start = this.i;
    const c = s.charCodeAt(start);
    this.quoted = false;
    if (c === 39) {
      this.quoted = true;
      return this.quotedLiteral();
    }
    let i = start;
    while (isTokenChar(s.charCodeAt(i))) i++;
    if (i === start) this.fail('expected a value');
    const next = s.charCodeAt(i);
    if (next === 40) {
      this.i = i;
      this.skipParens();
      return s.slice(start, this.i);
    }
    this.i = i;
    const len = i - start;
    if (len === 4 && (c | 0x20) === 110 && s.slice(start, i).toUpperCase() === 'NULL') return null;
    if (len === 11 && c === 85 && next === 32 && s.startsWith('Unsupported Type', start)) {
      this.i = start + 16;
    }
    return s.slice(start, this.i);
  }

  /** Skips a balanced `( … )` that may hold quoted literals with parentheses inside. */
  private skipParens(): void {
    const s = this.s;
    const open = this.i;
    let depth = 0;
    let i = open;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c !== c) this.fail('unbalanced parentheses in value', open); // NaN: end of input
      if (c === 39) {
        i++;
        for (;;) {
          const q = s.indexOf("'", i);
          if (q < 0) this.fail('unterminated quoted literal', i);
          if (s.charCodeAt(q + 1) === 39) i = q + 2;
          else {
            i = q + 1;
            break;
          }
        }
        continue;
      }
      if (c === 40) depth++;
      else if (c === 41 && --depth === 0) {
        this.i = i + 1;
        return;
      }
      i++;
    }
  }

  /** 'it''s' → it's (the scanner stands on the opening quote). */
  private quotedLiteral(): string {
    const s = this.s;
    const open = this.i;
    let from = open + 1;
    let i = from;
    let out: string | null = null;
    const n = s.length;
    for (;;) {
      let q = i;
      while (q < n && s.charCodeAt(q) !== 39) q++;
      if (q >= n) this.fail('unterminated quoted literal', open);
      if (s.charCodeAt(q + 1) === 39) {
        out = (out ?? '') + s.slice(from, q + 1);
        i = q + 2;
        from = i;
        continue;
      }
      if (this.relaxed && !closesLiteral(s, q + 1, this.ctx)) {
        i = q + 1;
        continue;
      }
      this.i = q + 1;
      return out === null ? s.slice(from, q) : out + s.slice(from, q);
    }
  }
}

// Same as chars.ts, kept local on purpose: calling them across modules cost ~20% of parse throughput
// (measured with bench/suites/redo-parser.ts); the relaxed-quote rules use chars.ts.
function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c === 35;
}

/** Chars of a bare value token: words, numbers (1.5E+10, -3), function names. */
function isTokenChar(c: number): boolean {
  return isWordChar(c) || c === 46 || c === 43 || c === 45;
}

/** `word` (lower-case letters) at `at`, case-insensitively, as a whole word. */
function startsWithWord(s: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((s.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  return !isWordChar(s.charCodeAt(at + word.length));
}
