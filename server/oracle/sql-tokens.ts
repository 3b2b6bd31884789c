/**
 * A lossless tokenizer for Oracle SQL and PL/SQL text: every character belongs to exactly one
 * token, so joining the tokens' `text` gives back the input, and a rewrite only swaps the tokens
 * it means to change. Comments, string literals (including q'[...]' quoting) and quoted
 * identifiers are single tokens, so a name inside them is never mistaken for an identifier.
 *
 *   ALTER TABLE hr."Emp" -- note
 *   → word ALTER · ws · word TABLE · ws · word hr · punct . · qid "Emp" · ws · comment -- note
 */
export type TokenKind = 'word' | 'qid' | 'str' | 'num' | 'punct' | 'ws' | 'comment';

export interface SqlToken {
  kind: TokenKind;
  /** Exact source text. */
  text: string;
  /** For word: upper-cased (Oracle folds unquoted names); for qid: the name between the quotes. */
  name: string;
}

const isWordStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
const isWordPart = (c: number): boolean => isWordStart(c) || (c >= 48 && c <= 57) || c === 95 /* _ */ || c === 36 /* $ */ || c === 35; /* # */
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

const Q_CLOSE: Record<string, string> = { '[': ']', '{': '}', '(': ')', '<': '>' };

export function tokenize(sql: string): SqlToken[] {
  const out: SqlToken[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: TokenKind, end: number, name = '') => {
    out.push({ kind, text: sql.slice(i, end), name });
    i = end;
  };
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      let j = i + 1;
      while (j < n && isSpace(sql.charCodeAt(j))) j++;
      push('ws', j);
    } else if (c === 45 && sql.charCodeAt(i + 1) === 45) {
      const nl = sql.indexOf('\n', i);
      push('comment', nl < 0 ? n : nl);
    } else if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      const end = sql.indexOf('*/', i + 2);
      push('comment', end < 0 ? n : end + 2);
    } else if (c === 34 /* " */) {
      const end = sql.indexOf('"', i + 1);
      const stop = end < 0 ? n : end + 1;
      push('qid', stop, sql.slice(i + 1, end < 0 ? n : end));
    } else if ((c === 113 || c === 81) && sql.charCodeAt(i + 1) === 39) {
      push('str', qQuoteEnd(sql, i)); // q'[…]'
    } else if ((c === 110 || c === 78) && sql.charCodeAt(i + 1) === 39) {
      push('str', stringEnd(sql, i + 1)); // N'…'
    } else if ((c === 110 || c === 78) && (sql.charCodeAt(i + 1) === 113 || sql.charCodeAt(i + 1) === 81) && sql.charCodeAt(i + 2) === 39) {
      push('str', qQuoteEnd(sql, i + 1)); // Nq'[…]'
    } else if (c === 39 /* ' */) {
      push('str', stringEnd(sql, i));
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordPart(sql.charCodeAt(j))) j++;
      push('word', j, sql.slice(i, j).toUpperCase());
    } else if (isDigit(c) || (c === 46 && isDigit(sql.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isDigit(sql.charCodeAt(j)) || sql.charCodeAt(j) === 46)) j++;
      push('num', j);
    } else {
      push('punct', i + 1, sql[i]);
    }
  }
  return out;
}

/** End offset (exclusive) of a '…' literal starting at `start`, with '' as an escaped quote. */
function stringEnd(sql: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const k = sql.indexOf("'", j);
    if (k < 0) return sql.length;
    if (sql.charCodeAt(k + 1) === 39) {
      j = k + 2;
      continue;
    }
    return k + 1;
  }
}

/** q'<open>…<close>' starting at the q. */
function qQuoteEnd(sql: string, qAt: number): number {
  const open = sql[qAt + 2];
  if (open === undefined) return sql.length;
  const close = Q_CLOSE[open] ?? open;
  const end = sql.indexOf(`${close}'`, qAt + 3);
  return end < 0 ? sql.length : end + 2;
}

export const isIdent = (t: SqlToken | undefined): t is SqlToken => t !== undefined && (t.kind === 'word' || t.kind === 'qid');

/** Text for an identifier: unquoted when Oracle would read it back unchanged, else quoted. */
export function identText(name: string, preferQuoted: boolean): string {
  if (!preferQuoted && /^[A-Z][A-Z0-9_$#]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** Oracle reserved words that cannot be unquoted identifiers (V$RESERVED_WORDS, reserved = 'Y'). */
const RESERVED = new Set(
  'ACCESS ADD ALL ALTER AND ANY AS ASC AUDIT BETWEEN BY CHAR CHECK CLUSTER COLUMN COMMENT COMPRESS CONNECT CREATE CURRENT DATE DECIMAL DEFAULT DELETE DESC DISTINCT DROP ELSE EXCLUSIVE EXISTS FILE FLOAT FOR FROM GRANT GROUP HAVING IDENTIFIED IMMEDIATE IN INCREMENT INDEX INITIAL INSERT INTEGER INTERSECT INTO IS LEVEL LIKE LOCK LONG MAXEXTENTS MINUS MLSLABEL MODE MODIFY NOAUDIT NOCOMPRESS NOT NOWAIT NULL NUMBER OF OFFLINE ON ONLINE OPTION OR ORDER PCTFREE PRIOR PUBLIC RAW RENAME RESOURCE REVOKE ROW ROWID ROWNUM ROWS SELECT SESSION SET SHARE SIZE SMALLINT START SUCCESSFUL SYNONYM SYSDATE TABLE THEN TO TRIGGER UID UNION UNIQUE UPDATE USER VALIDATE VALUES VARCHAR VARCHAR2 VIEW WHENEVER WHERE WITH'.split(
    ' ',
  ),
);
