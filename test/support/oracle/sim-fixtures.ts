import { collectMined } from '../../../server/oracle/logminer/collect';
import { DML_OPS } from '../../../server/oracle/logminer/operation-codes';
import type { LogMinerRow } from '../../../server/oracle/gateway';
import { applyDdl } from '../../../server/oracle/sim/ddl-apply';
import { ManualClock } from '../../../server/oracle/sim/sim-clock';
import { createSimDatabase, type SimDatabase, type SimDatabaseOptions } from '../../../server/oracle/sim/sim-database';
import { SimGateway } from '../../../server/oracle/sim/sim-gateway';

/** Shared fixtures of the simulator's tests: a manual clock, a tiny APP schema and a DBA gateway. */
export function testDb(options: SimDatabaseOptions = {}): { db: SimDatabase; clock: ManualClock } {
  const clock = new ManualClock();
  const db = createSimDatabase({ clock, idleScnPerSecond: 0, ...options });
  db.createUser('APP', 'app', { roles: ['CONNECT', 'RESOURCE'] });
  db.createUser('MINER', 'miner', {
    systemPrivileges: ['CREATE SESSION', 'CREATE TABLE', 'SELECT ANY TABLE', 'FLASHBACK ANY TABLE', 'LOGMINING'],
    objectPrivileges: ['EXECUTE ON SYS.DBMS_LOGMNR', 'SELECT ON SYS.V_$LOGMNR_CONTENTS'],
  });
  applyDdl(db, 'APP', 'CREATE TABLE EMP (ID NUMBER(10) PRIMARY KEY, NAME VARCHAR2(40), HIRED DATE, SALARY NUMBER(8,2))');
  return { db, clock };
}

export function minerGateway(db: SimDatabase, user = 'MINER', password = 'miner'): SimGateway {
  return new SimGateway(db, { host: 'test.sim', port: 1521, kind: 'sid', database: 'SIMDB', user, password });
}

/** Mines everything from `fromScn` to now over the logs that cover it. */
export async function mineAll(gw: SimGateway, fromScn: bigint, owners?: string[]): Promise<LogMinerRow[]> {
  const toScn = (await gw.currentScn()) + 1n;
  const logFiles = await gw.logFilesFor(fromScn, null);
  return collectMined(gw.mine({ fromScn, toScn, logFiles, ...(owners ? { owners } : {}) }));
}

export const dml = (rows: LogMinerRow[]): LogMinerRow[] => rows.filter((r) => DML_OPS.has(r.operationCode));
