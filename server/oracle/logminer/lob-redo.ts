import { parseRedoColumns, type RedoColumnList } from '../redo';
import { Op } from './operation-codes';

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
  // Reuse the DML scanner: `delete from "O"."T" where …;` has exactly this shape.
  return locatorFrom(m[1]!, sql.slice(m.index + m[0].length).replace(/\s+for\s+update\s*;\s*$/i, ''));
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

/**
 * XMLTYPE (binary XML) values written apart, as LogMiner prints them:
 *   XML DOC BEGIN (68):  XML DOC BEGIN:  select "DOC" from "HR"."NOTES" where "ID" = '1'
 *   XML DOC WRITE (70):  XML_REDO := '<a>1</a>':8           (inline text)
 *                        XML_REDO := HEXTORAW('3c612f3e'):4   (bytes, UTF-8; a character can span two writes)
 *                        XML_REDO := NULL
 *   XML DOC END (71):    XML DOC END
 */
export function parseXmlBegin(sql: string): LobLocator | null {
  const m = /^\s*XML DOC BEGIN:\s*select\s+"((?:[^"]|"")+)"\s+from\s+/i.exec(sql);
  if (!m) return null;
  return locatorFrom(m[1]!, sql.slice(m[0].length).replace(/\s*;?\s*$/, ''));
}

export type XmlWrite = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array } | { kind: 'null' };

export function parseXmlWrite(sql: string): XmlWrite | null {
  const m = /^\s*XML_REDO\s*:=\s*/i.exec(sql);
  if (!m) return null;
  const rest = sql.slice(m[0].length).replace(/(?::\d+)?\s*;?\s*$/, '');
  if (/^NULL$/i.test(rest)) return { kind: 'null' };
  const hex = /^HEXTORAW\('([0-9a-fA-F]*)'\)$/.exec(rest);
  if (hex) return { kind: 'bytes', bytes: Buffer.from(hex[1]!, 'hex') };
  const text = /^'((?:[^']|'')*)'$/s.exec(rest);
  return text ? { kind: 'text', text: text[1]!.replace(/''/g, "'") } : null;
}

/**
 * VARCHAR2/NVARCHAR2/RAW values over 4,000 bytes (MAX_STRING_SIZE=EXTENDED), written apart; the
 * INSERT/UPDATE row names the column with the placeholder LM_EMPTY_STRING:
 *   32K_BEGIN (91):  DECLARE
 *                     TempLob CLOB;
 *                     buf_c   VARCHAR2(32767);
 *                     Stmt    CLOB;
 *                    BEGIN
 *                     DBMS_LOB.CreateTemporary(TempLob, FALSE);
 *                     Stmt := 'update "HR"."NOTES" set "BODY" = :BODY where "ID" = ''1'';';
 *   32K_WRITE (92):   buf_c := 'first 1000 characters…';
 *                     DBMS_LOB.WriteAppend(TempLob, 1000, buf_c);         (RAW: buf_c := HEXTORAW('…'))
 *   32K_END (93):     EXECUTE IMMEDIATE Stmt USING TempLob; …
 */
export function parseExtendedBegin(sql: string): LobLocator | null {
  const m = /\bStmt\s*:=\s*'((?:[^']|'')*)'\s*;\s*$/s.exec(sql.trim());
  if (!m) return null;
  const stmt = m[1]!.replace(/''/g, "'");
  const u = /^\s*update\s+("(?:[^"]|"")+"\s*\.\s*"(?:[^"]|"")+")\s+(?:\w+\s+)?set\s+(?:\w+\.)?"((?:[^"]|"")+)"\s*=\s*:\w+\s+(where\s+.*?)\s*;?\s*$/is.exec(stmt);
  if (!u) return null;
  // Table aliases (`a."ID"`) are dropped so the WHERE reads like any other redo statement.
  const where = u[3]!.replace(/\b\w+\."/g, '"');
  return locatorFrom(u[2]!.replace(/""/g, '"'), `${u[1]} ${where}`);
}

export function parseExtendedWrite(sql: string): { raw: string; quoted: boolean } | null {
  const w = parseLobWrite(sql.replace(/DBMS_LOB\.WriteAppend\(\s*TempLob\s*,\s*(\d+)\s*,/i, 'dbms_lob.write(loc_c, $1, 1,'));
  return w ? { raw: w.raw, quoted: w.quoted } : null;
}

function locatorFrom(column: string, fromWhere: string): LobLocator | null {
  try {
    const parsed = parseRedoColumns(`delete from ${fromWhere};`);
    return { column: column.replace(/""/g, '"'), owner: parsed.owner, table: parsed.table, where: parsed.before && parsed.before.names.length > 0 ? parsed.before : null };
  } catch {
    return null;
  }
}

/** The row and column a SELECT_LOB_LOCATOR (9), XML DOC BEGIN (68) or 32K_BEGIN (91) row opens a value for. */
export function parseValueBegin(operationCode: number, sql: string): LobLocator | null {
  return operationCode === Op.XML_BEGIN ? parseXmlBegin(sql) : operationCode === Op.EXTENDED_STRING_BEGIN ? parseExtendedBegin(sql) : parseLobLocator(sql);
}
