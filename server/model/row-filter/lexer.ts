/**
 * Tokens of a per-table row filter, e.g.
 *   DEPARTMENT_ID IN (10, 20) AND "Last Name" LIKE 'O''B%' AND HIRED >= DATE '2020-01-01'
 * → ident DEPARTMENT_ID, kw IN, ( number 10 , number 20 ), kw AND, qident "Last Name", kw LIKE, string O'B%, …
 * Anything outside the filter language (comments, `;`, binds, arithmetic, concatenation) is
 * rejected here with a message that says why.
 */
import { filterError } from './filter-error';

export type TokenKind = 'ident' | 'qident' | 'keyword' | 'string' | 'number' | 'op' | '(' | ')' | ',' | 'minus' | 'plus' | 'end'
  // Only in the ETL language (mode 'etl'): statement ends, blocks, qualified names, arithmetic, ||.
  | ';' | '{' | '}' | '.' | '*' | '/' | '||';

export interface Token {
  kind: TokenKind;
  /** Keyword/identifier text (bare identifiers upper-cased), string content, number text, operator. */
  text: string;
  /** 0-based offset in the filter text. */
  pos: number;
}

/** Words with a meaning in the filter language; as bare identifiers they must be "quoted". */
export const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'LIKE', 'ESCAPE', 'IS', 'NULL', 'DATE', 'TIMESTAMP']);

/** Words that start something the filter language does not allow, with the reason. */
const FORBIDDEN_WORDS: Record<string, string> = {
  SELECT: 'subqueries are not allowed in a row filter',
  EXISTS: 'subqueries are not allowed in a row filter',
  ANY: 'ANY/SOME/ALL comparisons are not allowed in a row filter',
  SOME: 'ANY/SOME/ALL comparisons are not allowed in a row filter',
  ALL: 'ANY/SOME/ALL comparisons are not allowed in a row filter',
  CASE: 'CASE expressions are not allowed in a row filter',
  PRIOR: 'hierarchical queries are not allowed in a row filter',
  INTERVAL: 'INTERVAL literals are not supported in a row filter',
  TRUE: 'boolean literals are not supported in a row filter; write a comparison',
  FALSE: 'boolean literals are not supported in a row filter; write a comparison',
};

/**
 * Mode 'etl' (server/model/etl) reads the same tokens plus what a script needs: `;`, `{ }`, `.`,
 * `*`, `/`, `||`, `-- comments` (skipped) and words such as CASE; its own keywords are matched by
 * text, so they stay plain identifiers here.
 */
export function tokenize(text: string, mode: 'filter' | 'etl' = 'filter'): Token[] {
  const etl = mode === 'etl';
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    if (isIdentStart(c)) {
      // N'…' is a national character literal.
      if ((c === 78 || c === 110) && text.charCodeAt(i + 1) === 39) {
        i++;
        continue;
      }
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      const word = text.slice(start, i).toUpperCase();
      if (!etl && FORBIDDEN_WORDS[word]) throw filterError(text, start, FORBIDDEN_WORDS[word]);
      tokens.push({ kind: KEYWORDS.has(word) ? 'keyword' : 'ident', text: word, pos: start });
      continue;
    }
    if (c === 34 /* " */) {
      let out = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw filterError(text, start, 'unterminated quoted identifier (missing closing ")');
        out += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          out += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (out === '') throw filterError(text, start, 'a quoted identifier cannot be empty ("")');
      tokens.push({ kind: 'qident', text: out, pos: start });
      continue;
    }
    if (c === 39 /* ' */) {
      let out = '';
      i++;
      for (;;) {
        const q = text.indexOf("'", i);
        if (q < 0) throw filterError(text, start, "unterminated string literal (missing closing ')");
        out += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 39) {
          out += "'";
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const back = start > 0 ? text.charCodeAt(start - 1) : 0;
      tokens.push({ kind: 'string', text: out, pos: back === 78 || back === 110 ? start - 1 : start });
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46) {
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      if ((text.charCodeAt(i) | 0x20) === 101 /* e */) {
        let j = i + 1;
        if (text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45) j++;
        if (isDigit(text.charCodeAt(j))) {
          i = j;
          while (i < n && isDigit(text.charCodeAt(i))) i++;
        }
      }
      if (i < n && isIdentPart(text.charCodeAt(i))) {
        const suffix = text[i].toUpperCase();
        throw filterError(
          text,
          start,
          suffix === 'F' || suffix === 'D'
            ? 'binary float literals (1.5f, 1.5d) are not supported; write a plain number'
            : `a number cannot be followed directly by "${text[i]}"`,
        );
      }
      tokens.push({ kind: 'number', text: text.slice(start, i), pos: start });
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (etl) {
      if (c === 45 && next === 45) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? n : nl;
        continue;
      }
      const single = ETL_PUNCT[c];
      if (single) {
        tokens.push({ kind: single, text: single, pos: i++ });
        continue;
      }
      if (c === 124 && next === 124) {
        tokens.push({ kind: '||', text: '||', pos: i });
        i += 2;
        continue;
      }
    }
    switch (c) {
      case 40:
        tokens.push({ kind: '(', text: '(', pos: i++ });
        continue;
      case 41:
        tokens.push({ kind: ')', text: ')', pos: i++ });
        continue;
      case 44:
        tokens.push({ kind: ',', text: ',', pos: i++ });
        continue;
      case 61:
        tokens.push({ kind: 'op', text: '=', pos: i++ });
        continue;
      case 60: // < <= <>
        if (next === 61 || next === 62) {
          tokens.push({ kind: 'op', text: next === 61 ? '<=' : '<>', pos: i });
          i += 2;
        } else tokens.push({ kind: 'op', text: '<', pos: i++ });
        continue;
      case 62: // > >=
        if (next === 61) {
          tokens.push({ kind: 'op', text: '>=', pos: i });
          i += 2;
        } else tokens.push({ kind: 'op', text: '>', pos: i++ });
        continue;
      case 33: // !=
      case 94: // ^=
        if (next === 61) {
          tokens.push({ kind: 'op', text: '<>', pos: i });
          i += 2;
          continue;
        }
        break;
      case 45: // - (a sign; a comment when doubled)
        if (next === 45) throw filterError(text, i, 'comments (--) are not allowed in a row filter');
        tokens.push({ kind: 'minus', text: '-', pos: i++ });
        continue;
      case 43:
        tokens.push({ kind: 'plus', text: '+', pos: i++ });
        continue;
      case 47: // /
        throw filterError(text, i, next === 42 ? 'comments (/* */) are not allowed in a row filter' : 'arithmetic (/) is not supported in a row filter');
      case 59:
        throw filterError(text, i, 'a row filter is a single condition: semicolons (;) are not allowed');
      case 58:
        throw filterError(text, i, 'bind variables (:name) are not allowed in a row filter; write the value itself');
      case 124:
        throw filterError(text, i, 'concatenation (||) is not supported in a row filter');
      case 42:
        throw filterError(text, i, 'arithmetic (*) is not supported in a row filter');
    }
    throw filterError(text, i, `unexpected character "${String.fromCodePoint(text.codePointAt(i) ?? c)}"`);
  }
  tokens.push({ kind: 'end', text: '', pos: n });
  return tokens;
}

const ETL_PUNCT: Record<number, TokenKind> = { 59: ';', 123: '{', 125: '}', 46: '.', 42: '*', 47: '/' };

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 95 || c === 36 || c === 35;
}
