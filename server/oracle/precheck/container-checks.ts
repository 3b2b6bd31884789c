import type { DatabaseInfo } from '../gateway';
import { passed, type CheckResult, type MigrationTypes } from './types';

/**
 * Multitenant: where the data is read and where LogMiner runs, e.g.
 *   { cdb: true, containerName: 'CDB$ROOT' }                          → failed: name the PDB
 *   { cdb: true, containerName: 'PDB1', miningContainer: 'CDB$ROOT' }  → passed: root + PDB
 *   { cdb: true, containerName: 'PDB1', miningContainer: 'PDB1', version: '12.2…' } → failed (ORA-65040)
 * In the root the ALL_* views and AS OF reads see only root objects; LogMiner inside a PDB needs 19c.
 */

const major = (version: string) => Number(/^(\d+)\./.exec(version)?.[1] ?? NaN);

export function checkContainer(info: DatabaseInfo, user: string, types: MigrationTypes): CheckResult {
  const code = 'ORACLE_CONTAINER';
  if (!info.cdb) return passed(code, 'The source is not a multitenant container database (non-CDB).');
  const pdb = info.containerName;
  const mining = info.miningContainer ?? pdb;
  if (pdb === 'CDB$ROOT') {
    return {
      code,
      status: 'failed',
      detail: `Connected to CDB$ROOT of multitenant database ${info.dbName} without a PDB: in the root the ALL_* views and AS OF SCN reads see only the root's own objects, and LogMiner returns every PDB's changes mixed together.`,
      hint: `Enter the PDB that holds the tables in "PDB Name" (SELECT NAME, OPEN_MODE FROM V$PDBS): Ora2Kafka then reads it with ALTER SESSION SET CONTAINER and mines in CDB$ROOT, keeping only that PDB's changes. The account must be a common user: GRANT SET CONTAINER TO ${user} CONTAINER=ALL; and the LogMiner grants with CONTAINER=ALL.`,
    };
  }
  if (mining === 'CDB$ROOT') {
    return passed(code, `Tables are read in PDB ${pdb}; LogMiner runs in CDB$ROOT and keeps only ${pdb}'s changes (SRC_CON_NAME = '${pdb}'). ${user} is a common user with SET CONTAINER.`);
  }
  // Connected to the PDB's own service: per-PDB LogMiner.
  if (!types.incremental) return passed(code, `Tables are read in PDB ${pdb}; incremental migration (LogMiner) is not selected.`);
  if (major(info.version) < 19) {
    return {
      code,
      status: 'failed',
      detail: `Connected to PDB ${pdb} of a ${info.version} database: LogMiner can run inside a PDB only from Oracle 19c on; here START_LOGMNR fails with ORA-65040.`,
      hint: `Connect to the CDB root's service (the CDB name) with a common user and enter "${pdb}" in "PDB Name": CREATE USER C##DTS_SYNC IDENTIFIED BY … CONTAINER=ALL; GRANT CREATE SESSION, SET CONTAINER, LOGMINING, SELECT ANY TRANSACTION, SELECT ANY TABLE, FLASHBACK ANY TABLE, SELECT_CATALOG_ROLE TO C##DTS_SYNC CONTAINER=ALL; GRANT EXECUTE ON SYS.DBMS_LOGMNR TO C##DTS_SYNC CONTAINER=ALL;`,
    };
  }
  return passed(code, `Tables are read in PDB ${pdb} and LogMiner runs inside it (per-PDB mining, Oracle ${info.version}).`);
}
