import type { Scn } from '../../model/scn';
import type { OwnerSelection } from '../gateway';
import { CONTROL_OPS, Op } from '../logminer/operation-codes';
import type { BindValue, CompiledSql } from './filter-sql';

/**
 * The LogMiner session, one per mining window, on one dedicated connection:
 *   BEGIN SYS.DBMS_LOGMNR.ADD_LOGFILE(LOGFILENAME => :name, OPTIONS => SYS.DBMS_LOGMNR.NEW); END;
 *   BEGIN SYS.DBMS_LOGMNR.ADD_LOGFILE(LOGFILENAME => :name, OPTIONS => SYS.DBMS_LOGMNR.ADDFILE); END;  (each further file)
 *   BEGIN SYS.DBMS_LOGMNR.START_LOGMNR(STARTSCN => …, ENDSCN => …, OPTIONS => DICT_FROM_ONLINE_CATALOG + NO_ROWID_IN_STMT); END;
 *   SELECT … FROM V$LOGMNR_CONTENTS WHERE SCN >= :fromScn AND SCN < :toScn AND (OPERATION_CODE IN (6, 7, 36) OR SEG_OWNER IN (…) OR (SEG_OWNER = … AND TABLE_NAME IN (…)))
 *   BEGIN SYS.DBMS_LOGMNR.END_LOGMNR(); END;
 *
 * Options, decided:
 * - DICT_FROM_ONLINE_CATALOG: names and types come from the current dictionary (fast, no
 *   DBMS_LOGMNR_D.BUILD). The cost is that redo written before a DDL is rendered with today's
 *   columns; the commit processor re-reads table metadata after each DDL event it emits.
 * - NO_ROWID_IN_STMT: SQL_REDO has no `and ROWID = '…'` term (the ROW_ID column carries it). The
 *   parser and the simulator's text follow this; the parser still tolerates a ROWID term.
 * - Not COMMITTED_DATA_ONLY: uncommitted rows are buffered per XID by our transaction buffer, so
 *   big transactions cannot exhaust the database's PGA and partial rollbacks stay visible.
 * - Not CONTINUOUS_MINE (desupported in 19c): log files are listed explicitly per window — except
 *   when connected to a PDB (per-PDB LogMiner, 19c+), where ADD_LOGFILE is not allowed and
 *   START_LOGMNR adds the logs of the SCN range itself.
 * The session NLS settings (session.ts) fix the literal forms LogMiner prints:
 *   TO_DATE('2020-02-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS'), TO_TIMESTAMP('2020-02-01 00:00:00.')
 */

export const LOGMNR_OPTIONS = 'SYS.DBMS_LOGMNR.DICT_FROM_ONLINE_CATALOG + SYS.DBMS_LOGMNR.NO_ROWID_IN_STMT';
/**
 * For a window whose redo predates a DDL on a migrated table (rows come back STATUS 2 "Dictionary
 * Mismatch" with the online catalog): the dictionary copy a DBMS_LOGMNR_D.BUILD wrote into the redo
 * logs, kept current by tracking the DDL mined after it. The log holding the build must be added.
 */
export const LOGMNR_REDO_DICTIONARY_OPTIONS = 'SYS.DBMS_LOGMNR.DICT_FROM_REDO_LOGS + SYS.DBMS_LOGMNR.DDL_DICT_TRACKING + SYS.DBMS_LOGMNR.NO_ROWID_IN_STMT';

export function addLogfileSql(first: boolean): string {
  return `BEGIN SYS.DBMS_LOGMNR.ADD_LOGFILE(LOGFILENAME => :name, OPTIONS => SYS.DBMS_LOGMNR.${first ? 'NEW' : 'ADDFILE'}); END;`;
}

/** ENDSCN is inclusive in LogMiner; our windows are half-open [fromScn, toScn). */
export function startLogmnr(fromScn: Scn, toScn: Scn, redoDictionary = false): CompiledSql {
  return {
    sql: `BEGIN SYS.DBMS_LOGMNR.START_LOGMNR(STARTSCN => TO_NUMBER(:startScn), ENDSCN => TO_NUMBER(:endScn), OPTIONS => ${redoDictionary ? LOGMNR_REDO_DICTIONARY_OPTIONS : LOGMNR_OPTIONS}); END;`,
    binds: { startScn: fromScn.toString(), endScn: (toScn - 1n).toString() },
  };
}

export const END_LOGMNR_SQL = 'BEGIN SYS.DBMS_LOGMNR.END_LOGMNR(); END;';

/** Transaction control rows are always read (START 6, COMMIT 7, ROLLBACK 36), so buffers can close. */
export const CONTROL_OPERATION_CODES = [...CONTROL_OPS];

export const CONTENTS_COLUMNS =
  'SCN, OPERATION_CODE, OPERATION, SQL_REDO, RAWTOHEX(XID) AS XID, CSF, ROW_ID, ROLLBACK, SEG_OWNER, TABLE_NAME, ' +
  `(TIMESTAMP - DATE '1970-01-01') * 86400 AS TS_EPOCH, COMMIT_SCN, USERNAME, RS_ID, SSN, INFO, STATUS, DATA_OBJ#, SRC_CON_NAME, CON_ID`;

/**
 * Rows of the window: control rows, rows of the owners, and rows LogMiner could not name (owner
 * UNKNOWN, table "OBJ# n") of the migrated tables' object numbers — those must not vanish in the
 * filter: they are changes of a migrated table the online catalog cannot render.
 * `container`: mining in CDB$ROOT for one PDB keeps only that PDB's rows (`SRC_CON_NAME = :con`).
 * Transaction control rows are kept whatever their container (another container's START/COMMIT
 * closes a transaction with no rows of ours, which the buffer drops). Without the filter the root
 * returns every container's redo, and a schema that exists in two PDBs would have its changes mixed.
 */
export function contentsQuery(
  fromScn: Scn,
  toScn: Scn,
  owners: readonly string[] = [],
  opts: { container?: string | null; objectIds?: readonly number[]; selection?: readonly OwnerSelection[] } = {},
): CompiledSql {
  const objectIds = opts.objectIds ?? [];
  const binds: Record<string, BindValue> = { fromScn: fromScn.toString(), toScn: toScn.toString() };
  let sql = `SELECT ${CONTENTS_COLUMNS} FROM V$LOGMNR_CONTENTS WHERE SCN >= TO_NUMBER(:fromScn) AND SCN < TO_NUMBER(:toScn)`;
  if (opts.container) {
    binds.con = opts.container;
    sql += ` AND (SRC_CON_NAME = :con OR OPERATION_CODE IN (${CONTROL_OPERATION_CODES.join(', ')}))`;
  }
  const selection = opts.selection ?? (owners.length > 0 ? owners.map((owner) => ({ owner, tables: null })) : []);
  if (selection.length > 0) {
    const terms = selectionTerms(selection, binds);
    let unknown = '';
    if (objectIds.length > 0) {
      // Literal numbers (validated integers) in IN lists of at most 1,000 (ORA-01795).
      const lists: string[] = [];
      for (let i = 0; i < objectIds.length; i += 1000) lists.push(`DATA_OBJ# IN (${objectIds.slice(i, i + 1000).map((n) => String(Math.trunc(Number(n)))).join(', ')})`);
      unknown = ` OR (SEG_OWNER = 'UNKNOWN' AND (${lists.join(' OR ')}))`;
    }
    sql += ` AND (OPERATION_CODE IN (${CONTROL_OPERATION_CODES.join(', ')}) OR ${terms}${unknown})`;
  }
  return { sql, binds };
}

/**
 * The owner/table part of the contents filter, every name a bind:
 *   whole schemas     SEG_OWNER IN (:o0, :o1)
 *   listed tables     (SEG_OWNER = :o2 AND (OPERATION_CODE = 5 OR TABLE_NAME IN (:o2t0, :o2t1)))
 * DDL (operation 5) of an owner with listed tables is kept: an ALTER of a selected table must reach
 * the pipeline, and other DDL is cheap and dropped there. IN lists hold at most 1,000 names (ORA-01795).
 */
function selectionTerms(selection: readonly OwnerSelection[], binds: Record<string, BindValue>): string {
  const whole: string[] = [];
  const listed: string[] = [];
  selection.forEach((sel, i) => {
    binds[`o${i}`] = sel.owner;
    if (sel.tables === null) {
      whole.push(`:o${i}`);
      return;
    }
    const names = sel.tables.map((t, j) => {
      binds[`o${i}t${j}`] = t;
      return `:o${i}t${j}`;
    });
    const lists: string[] = [];
    for (let k = 0; k < names.length; k += 1000) lists.push(`TABLE_NAME IN (${names.slice(k, k + 1000).join(', ')})`);
    listed.push(`(SEG_OWNER = :o${i} AND (OPERATION_CODE = ${Op.DDL}${lists.map((l) => ` OR ${l}`).join('')}))`);
  });
  const parts = [...(whole.length > 0 ? [`SEG_OWNER IN (${whole.join(', ')})`] : []), ...listed];
  return parts.join(' OR ');
}

/** Latest LogMiner dictionary build in the archived logs at or before an SCN (V$ARCHIVED_LOG.DICTIONARY_BEGIN). */
export const DICTIONARY_BUILD_SQL =
  `SELECT MAX(FIRST_CHANGE#) AS SCN FROM V$ARCHIVED_LOG WHERE DICTIONARY_BEGIN = 'YES' AND DELETED = 'NO' AND STATUS = 'A' ` +
  `AND STANDBY_DEST = 'NO' AND FIRST_CHANGE# <= TO_NUMBER(:scn)`;
