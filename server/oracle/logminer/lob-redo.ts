import { parseRedoColumns, type RedoColumnList } from '../redo-parser';

/**
 * The PL/SQL fragments LogMiner prints for LOB operations (DICT_FROM_ONLINE_CATALOG):
 *   SELECT_LOB_LOCATOR (9):
 *     DECLARE loc_c CLOB; buf_c VARCHAR2(6174); loc_b BLOB; buf_b RAW(6174); loc_nc NCLOB; buf_nc NVARCHAR2(6174);
 *     BEGIN select "BODY" into loc_c from "HR"."DOCS" where "ID" = '2' for update;
 *   LOB_WRITE (10):
 *      buf_c := 'first 1000 characters…';
 *       dbms_lob.write(loc_c, 1000, 1, buf_c);
 *      buf_b := HEXTORAW('0a0b0c');
 *       dbms_lob.write(loc_b, 3, 1, buf_b);
 *   LOB_TRIM (11):  dbms_lob.trim(loc_c, 20);
 *   LOB_ERASE (29): dbms_lob.erase(loc_c, 10, 5);
 * Offsets are 1-based, in characters for CLOB/NCLOB and bytes for BLOB.
 */

export interface LobLocator {
  column: string;
  owner: string;
  table: string;
  /** The row's key as the WHERE clause names it (null when there is none). */
  where: RedoColumnList | null;
}

export interface LobWrite {
  /** Raw value text as in SQL_REDO (quoted content, or an expression such as HEXTORAW('…')). */
  raw: string;
  quoted: boolean;
  amount: number;
  offset: number;
}

const SELECT_RE = /\bBEGIN\s+select\s+"((?:[^"]|"")+)"\s+into\s+loc_\w+\s+from\s+/i;

export function parseLobLocator(sql: string): LobLocator | null {
  const m = SELECT_RE.exec(sql);
  if (!m) return null;
  const rest = sql.slice(m.index + m[0].length).replace(/\s+for\s+update\s*;\s*$/i, '');
  try {
    // Reuse the DML scanner: `delete from "O"."T" where …;` has exactly this shape.
    const parsed = parseRedoColumns(`delete from ${rest};`);
    return { column: m[1]!.replace(/""/g, '"'), owner: parsed.owner, table: parsed.table, where: parsed.before && parsed.before.names.length > 0 ? parsed.before : null };
  } catch {
    return null;
  }
}

const WRITE_RE = /dbms_lob\.write\(\s*loc_\w+\s*,\s*(\d+)\s*,\s*(\d+)\s*,/i;

export function parseLobWrite(sql: string): LobWrite | null {
  const assign = sql.indexOf(':=');
  if (assign < 0) return null;
  let i = assign + 2;
  while (i < sql.length && sql.charCodeAt(i) <= 32) i++;
  const start = i;
  let inQuote = false;
  for (; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'") {
      if (inQuote && sql[i + 1] === "'") i++;
      else inQuote = !inQuote;
    } else if (c === ';' && !inQuote) break;
  }
  const expr = sql.slice(start, i).trim();
  const m = WRITE_RE.exec(sql.slice(i));
  if (!m) return null;
  const single = /^'((?:[^']|'')*)'$/s.exec(expr);
  return {
    raw: single ? single[1]!.replace(/''/g, "'") : expr,
    quoted: single !== null,
    amount: Number(m[1]),
    offset: Number(m[2]),
  };
}

export function parseLobTrim(sql: string): number | null {
  const m = /dbms_lob\.trim\(\s*loc_\w+\s*,\s*(\d+)\s*\)/i.exec(sql);
  return m ? Number(m[1]) : null;
}

export function parseLobErase(sql: string): { amount: number; offset: number } | null {
  const m = /dbms_lob\.erase\(\s*loc_\w+\s*,\s*(\d+)\s*,\s*(\d+)\s*\)/i.exec(sql);
  return m ? { amount: Number(m[1]), offset: Number(m[2]) } : null;
}
