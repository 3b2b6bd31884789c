import { FLUSH_TABLE, type DatabaseInfo, type OracleGateway } from '../gateway';
import { flushTableFix } from '../flush-table';
import { heartbeatTableFix } from '../heartbeat-table';
import { HEARTBEAT_TABLE } from '../../model/task-monitoring';
import { isOra2KafkaError } from '../../model/errors';
import { passed, type CheckResult, type MigrationTypes } from './types';

/**
 * Items about the log writer (LGWR), which decides when redo becomes visible to LogMiner:
 *   ORACLE_FLUSH_TABLE  the one-row table the account updates before each mining window so LGWR
 *                       writes what it holds — created here when the account may, else failed
 *                       with the exact SQL (e.g. CREATE TABLE "DTS_SYNC"."LOG_MINING_FLUSH" …)
 *   ORACLE_HEARTBEAT_TABLE  (heartbeat on) the table the task writes every N seconds so an idle
 *                       selection still moves the checkpoint — created here when the account may,
 *                       else failed with the CREATE TABLE and the GRANT that fix it
 *   ORACLE_RAC_NODES    on RAC, every instance writes its own redo thread; without each
 *                       instance's address only the connected one is flushed, and mining waits
 *                       for the others' own writes (an idle instance until its next log switch)
 */
export async function checkFlushTable(gateway: OracleGateway, user: string, types: MigrationTypes): Promise<CheckResult> {
  const code = 'ORACLE_FLUSH_TABLE';
  if (!types.incremental) return passed(code, 'Only incremental migration flushes the log writer.');
  try {
    const r = await gateway.ensureFlushTable();
    return passed(code, r === 'created' ? `Created ${user}.${FLUSH_TABLE}, the table updated before each mining window so the log writer writes recent changes.` : `${user}.${FLUSH_TABLE} exists (updated before each mining window so the log writer writes recent changes).`);
  } catch (err) {
    if (!isOra2KafkaError(err)) throw err;
    return {
      code,
      status: 'failed',
      detail: `${user}.${FLUSH_TABLE} does not exist and ${user} may not create it (${err.message}). Without it, changes wait for Oracle's log writer to write them on its own schedule, and the last changes before a quiet period are not migrated until more redo follows.`,
      hint: `As ${user} (or after GRANT CREATE TABLE TO ${user};): ${flushTableFix(user)}`,
    };
  }
}

export async function checkHeartbeatTable(gateway: OracleGateway, user: string, types: MigrationTypes, enabled: boolean): Promise<CheckResult> {
  const code = 'ORACLE_HEARTBEAT_TABLE';
  if (!enabled) return passed(code, 'The heartbeat is off (Monitoring and Alerting).');
  if (!types.incremental) return passed(code, 'Only incremental migration writes the heartbeat.');
  try {
    const r = await gateway.ensureHeartbeatTable();
    return passed(code, r === 'created' ? `Created ${user}.${HEARTBEAT_TABLE}; the task writes its row there on every heartbeat.` : `${user}.${HEARTBEAT_TABLE} exists; the task writes its row there on every heartbeat.`);
  } catch (err) {
    if (!isOra2KafkaError(err)) throw err;
    return {
      code,
      status: 'failed',
      detail: `${user}.${HEARTBEAT_TABLE} does not exist and ${user} may not create it (${err.message}). With the heartbeat on, the task cannot start without it.`,
      hint: `As a DBA: ${heartbeatTableFix(user)} — or turn the heartbeat off under Monitoring and Alerting.`,
    };
  }
}

export function checkRacNodes(info: DatabaseInfo, racNodes: readonly string[] | undefined, types: MigrationTypes): CheckResult {
  const code = 'ORACLE_RAC_NODES';
  if (!types.incremental || !info.rac) return passed(code, info.rac ? 'Only incremental migration reads the redo threads.' : 'Single instance: one redo thread.');
  if ((racNodes ?? []).length > 0) return passed(code, `RAC: the log writers of ${racNodes!.length} instance(s) are flushed before each mining window (${racNodes!.join(', ')}).`);
  return {
    code,
    status: 'warning',
    detail: 'RAC database: each instance writes its own redo thread, and mining never reads past what every open thread has written. Only the connected instance can be made to write now, so changes wait for the other instances to write on their own — an idle instance until its next log switch.',
    hint: 'Enter every instance\'s address (host:port) under "RAC Instance Addresses" in step 1, or set ALTER SYSTEM SET ARCHIVE_LAG_TARGET = 300 SCOPE=BOTH; so idle instances switch logs at least every 5 minutes.',
  };
}
