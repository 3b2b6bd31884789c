import { OracleError } from '../model/errors';
import { HEARTBEAT_TABLE } from '../model/task-monitoring';
import { quoteIdent } from './oracledb/quote-ident';

/**
 * The heartbeat table (DTS-style, optional per task): one row per task that the task updates and
 * commits on the source every N seconds. The row's redo is mined like a selected table's but never
 * written to Kafka, so an idle selection still sees a committed transaction every N seconds: the
 * checkpoint moves with it and latency is measured against a real commit.
 *   CREATE TABLE "DTS_SYNC"."ORA2KAFKA_HEARTBEAT" (TASK_ID VARCHAR2(64) PRIMARY KEY, BEAT_TIME TIMESTAMP)
 *   MERGE INTO "DTS_SYNC"."ORA2KAFKA_HEARTBEAT" h USING (SELECT :id AS TASK_ID FROM DUAL) s ON (h.TASK_ID = s.TASK_ID)
 *     WHEN MATCHED THEN UPDATE SET h.BEAT_TIME = SYSTIMESTAMP WHEN NOT MATCHED THEN INSERT (TASK_ID, BEAT_TIME) VALUES (s.TASK_ID, SYSTIMESTAMP)
 */
export function heartbeatTableDdl(owner: string): string {
  return `CREATE TABLE ${quoteIdent(owner)}.${quoteIdent(HEARTBEAT_TABLE)} (TASK_ID VARCHAR2(64) PRIMARY KEY, BEAT_TIME TIMESTAMP)`;
}

export function heartbeatMerge(owner: string): string {
  return (
    `MERGE INTO ${quoteIdent(owner)}.${quoteIdent(HEARTBEAT_TABLE)} h USING (SELECT :id AS TASK_ID FROM DUAL) s ON (h.TASK_ID = s.TASK_ID) ` +
    'WHEN MATCHED THEN UPDATE SET h.BEAT_TIME = SYSTIMESTAMP WHEN NOT MATCHED THEN INSERT (TASK_ID, BEAT_TIME) VALUES (s.TASK_ID, SYSTIMESTAMP)'
  );
}

/** What a DBA runs when the account may not create it. */
export function heartbeatTableFix(owner: string): string {
  return `${heartbeatTableDdl(owner)}; (or GRANT CREATE TABLE TO ${owner}; and a quota on its default tablespace, e.g. ALTER USER ${owner} QUOTA 10M ON USERS;)`;
}

export function heartbeatTableMissing(owner: string): OracleError {
  return new OracleError('ORACLE_HEARTBEAT_TABLE_MISSING', `The heartbeat table ${owner}.${HEARTBEAT_TABLE} does not exist and the account cannot create it.`, {
    hint: `The task writes one row of this table every few seconds so its checkpoint moves while the selected tables are idle. Run: ${heartbeatTableFix(owner)} — or turn the heartbeat off.`,
  });
}
