/**
 * The ETL language of Ora2Kafka (wizard step 4, Advanced Settings › Configure ETL), in the spirit
 * of DTS's ETL for Oracle → Kafka: filter rows, set or derive columns, drop and mask columns, add
 * audit columns — applied to every record in full and incremental migration alike, before the
 * record is encoded, so its `fields` show the result.
 *
 *   -- comments run to the end of the line; statements end with ";"
 *   audit op AS CHANGE_OP;                      -- every selected table gets these
 *   audit commit_time AS CHANGE_TIME;
 *   for HR.EMPLOYEES {                          -- only this table
 *     keep when DEPARTMENT_ID IN (10, 20) AND SALARY >= 1000;
 *     set EMAIL = LOWER(EMAIL);                 -- overwrite (same kind of value)
 *     set FULL_NAME = UPPER(FIRST_NAME || ' ' || LAST_NAME);
 *     set YEARLY_PAY = ROUND(SALARY * 12, 2);
 *     set HIRED_ON = TO_CHAR(HIRE_DATE, 'YYYY-MM-DD');
 *     set HIRE_YEAR = EXTRACT(YEAR FROM HIRE_DATE);
 *     set REVIEW_DUE = ADD_MONTHS(HIRE_DATE, 6);
 *     set BAND = CASE WHEN SALARY >= 10000 THEN 'high' WHEN SALARY >= 5000 THEN 'mid' ELSE 'low' END;
 *     mask PHONE_NUMBER partial(3, 2);          -- '515.123.4567' → '515*******67'
 *     mask SSN hash;                            -- salted SHA-256, 64 hex digits
 *     drop COMMISSION_PCT;
 *   }
 *
 * Statements (names are Oracle identifiers: bare ones fold to upper case, "Quoted" ones are exact;
 * ETL words — keep, when, set, … — are not reserved):
 *   keep when <condition>      keeps the row only when the condition is TRUE. The condition is a
 *                              row-filter condition (Configure Objects › Filter Conditions syntax:
 *                              =, <>, <, IN, BETWEEN, LIKE, IS NULL, AND/OR/NOT, DATE '…' literals)
 *                              on the columns as they are at that point, derived ones included — to
 *                              filter on a computed value, set it first (and drop it after).
 *   set COL = <expr>           derives a new column (added at the end) or overwrites an existing one
 *                              with a value of the same kind (number, text or date).
 *   drop COL                   leaves the column out of the record.
 *   mask COL hash              salted SHA-256 of the value's text, hex; the salt is the task's own.
 *   mask COL partial(s, e)     keeps s leading and e trailing characters, the rest become "*".
 *   audit op|commit_time|scn|xid AS COL
 *                              adds the operation (INIT for full-load rows, INSERT, UPDATE, DELETE),
 *                              the commit time (TIMESTAMP, UTC; the read time for full-load rows),
 *                              the change's SCN (the snapshot SCN for full-load rows) or the
 *                              transaction id (NULL for full-load rows).
 *   for OWNER.TABLE { … }      statements for one table; statements outside any block apply to
 *                              every selected table (and must fit each of them).
 * Expressions: numbers, 'text', NULL, DATE '2024-01-31', TIMESTAMP '2024-01-31 13:45:00', columns,
 *   + - * / (exact decimals; date ± days; date - date = days), || (NULL counts as ''), ( … ),
 *   CASE WHEN <condition> THEN <expr> … [ELSE <expr>] END, EXTRACT(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND FROM d),
 *   and the functions of functions.ts: UPPER LOWER INITCAP TRIM LTRIM RTRIM LENGTH SUBSTR CONCAT
 *   REPLACE LPAD RPAD ABS ROUND TRUNC MOD NVL COALESCE TO_NUMBER TO_CHAR ADD_MONTHS. No SYSDATE or
 *   other clock: migrating a row twice gives the same record.
 * Checks (when the section is saved, against each selected table): syntax, unknown columns (with
 * did-you-mean), unknown functions, type mismatches, blocks naming unselected tables, and key
 * columns (primary key, else the record key's unique key) set, dropped or masked — refused,
 * because record keys and partitions come from them.
 * Semantics of keep on changes (UPDATE becoming INSERT or DELETE as the row enters or leaves the
 * kept set) are those of the row filter: see apply.ts. NULL in → NULL out, except ||/CONCAT, NVL,
 * COALESCE; TO_NUMBER of text that is not a number, and x / 0, give NULL rather than stop the task.
 */
export { parseEtlScript, MAX_ETL_SCRIPT_LENGTH } from './parser';
export { compileEtl, statementsFor, type EtlTablePlan, type EtlTableShape, type EtlRowContext } from './compile';
export { EtlRunner, type EtlOutcome } from './apply';
export { checkEtlScript } from './check';
export { EtlScriptError, ETL_SCRIPT_FIELD, withScriptLabel } from './etl-error';
export type { EtlScript, EtlStatement, EtlExpr } from './etl-ast';
