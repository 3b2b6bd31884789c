import { OracleError } from '../model/errors';
import { FLUSH_TABLE } from './gateway';
import { quoteIdent } from './oracledb/quote-ident';

/**
 * The flush table: one row the migration account updates and commits before each mining window,
 * so the log writer writes what it holds (Debezium's LOG_MINING_FLUSH). Its DDL and the error
 * when it is missing, shared by both gateways and the precheck:
 *   CREATE TABLE "DTS_SYNC"."LOG_MINING_FLUSH" (ID NUMBER(1) PRIMARY KEY, LAST_SCN NUMBER(19))
 *   INSERT INTO "DTS_SYNC"."LOG_MINING_FLUSH" (ID, LAST_SCN) VALUES (1, 0); COMMIT;
 */
export function flushTableDdl(owner: string): string {
  return `CREATE TABLE ${quoteIdent(owner)}.${quoteIdent(FLUSH_TABLE)} (ID NUMBER(1) PRIMARY KEY, LAST_SCN NUMBER(19))`;
}

export function flushTableInsert(owner: string): string {
  return `INSERT INTO ${quoteIdent(owner)}.${quoteIdent(FLUSH_TABLE)} (ID, LAST_SCN) VALUES (1, 0)`;
}

/** The SQL a DBA runs to create the table by hand. */
export function flushTableFix(owner: string): string {
  return `${flushTableDdl(owner)}; ${flushTableInsert(owner)}; COMMIT;`;
}

export function flushTableMissing(owner: string): OracleError {
  return new OracleError('ORACLE_FLUSH_TABLE_MISSING', `The flush table ${owner}.${FLUSH_TABLE} does not exist and the account cannot create it.`, {
    hint: `Before each mining window Ora2Kafka updates this one-row table so that Oracle's log writer writes the redo it holds; without it, recent changes wait for the log writer's own timing. Run as ${owner} (or grant it CREATE TABLE): ${flushTableFix(owner)}`,
  });
}
