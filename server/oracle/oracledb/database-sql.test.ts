import { describe, expect, it } from 'vitest';
import { hostEpochToMs, mapFlags, mapLogMinerRow, mapOpenTransaction, mapPrivileges } from './database-sql';

describe('instance query mappers', () => {
  it('reads V$DATABASE flags, treating IMPLICIT as on', () => {
    expect(
      mapFlags({ LOG_MODE: 'ARCHIVELOG', FORCE_LOGGING: 'NO', SUPPLEMENTAL_LOG_DATA_MIN: 'IMPLICIT', SUPPLEMENTAL_LOG_DATA_PK: 'YES', SUPPLEMENTAL_LOG_DATA_UI: 'NO', SUPPLEMENTAL_LOG_DATA_ALL: 'NO' }, 170.456),
    ).toEqual({ logMode: 'ARCHIVELOG', forceLogging: false, supplementalLogMin: true, supplementalLogPk: true, supplementalLogUi: false, supplementalLogAll: false, archiveRetentionHours: 170.4 });
    expect(mapFlags({ LOG_MODE: 'NOARCHIVELOG', SUPPLEMENTAL_LOG_DATA_MIN: 'NO' }, null)).toMatchObject({ logMode: 'NOARCHIVELOG', supplementalLogMin: false, archiveRetentionHours: null });
  });

  it('formats object grants as "PRIV ON OWNER.OBJECT" once each', () => {
    const p = mapPrivileges('DTS', [{ PRIVILEGE: 'CREATE SESSION' }], [{ ROLE: 'SELECT_CATALOG_ROLE' }], [
      { PRIVILEGE: 'SELECT', TABLE_SCHEMA: 'SYS', TABLE_NAME: 'V_$DATABASE' },
      { PRIVILEGE: 'SELECT', TABLE_SCHEMA: 'SYS', TABLE_NAME: 'V_$DATABASE' },
      { PRIVILEGE: 'EXECUTE', TABLE_SCHEMA: 'SYS', TABLE_NAME: 'DBMS_LOGMNR' },
    ]);
    expect(p).toEqual({ user: 'DTS', systemPrivileges: ['CREATE SESSION'], roles: ['SELECT_CATALOG_ROLE'], objectPrivileges: ['SELECT ON SYS.V_$DATABASE', 'EXECUTE ON SYS.DBMS_LOGMNR'] });
  });

  it('converts host-clock epoch seconds to UTC ms', () => {
    // host at UTC+8: 08:00 local on 1970-01-02 is 00:00 UTC
    expect(hostEpochToMs('115200.0000000001', 8 * 3600)).toBe(86_400_000);
    expect(mapOpenTransaction({ XID: '0A001F00D3040000', START_SCN: '18446744073709551617', START_EPOCH: '60' }, 0)).toEqual({ xid: '0A001F00D3040000', startScn: 18446744073709551617n, startTimeMs: 60_000 });
  });

  it('maps a V$LOGMNR_CONTENTS row, keeping SCNs exact and hiding the all-A ROW_ID', () => {
    const dml = mapLogMinerRow(['9007199254740993', '3', 'UPDATE', 'update "HR"."EMP" set "X" = \'1\';', '0A001F00D3040000', '0', 'AAAR3sAAEAAAACXAAA', '0', 'HR', 'EMP', '100', null, 'HR', ' 0x000042.00000002.0010 ', '1', null], 0);
    expect(dml).toEqual({
      scn: 9007199254740993n, operationCode: 3, operation: 'UPDATE', sqlRedo: 'update "HR"."EMP" set "X" = \'1\';', xid: '0A001F00D3040000', csf: 0, rowId: 'AAAR3sAAEAAAACXAAA', rollback: 0,
      segOwner: 'HR', tableName: 'EMP', timestampMs: 100_000, commitScn: null, userName: 'HR', rsId: ' 0x000042.00000002.0010 ', ssn: 1,
    });
    const commit = mapLogMinerRow(['10', '7', 'COMMIT', 'commit;', '0A001F00D3040000', '0', 'AAAAAAAAAAAAAAAAAA', '0', null, null, '100', '10', 'HR', ' 0x1 ', '0', 'x'], 0);
    expect(commit).toMatchObject({ rowId: null, commitScn: 10n, info: 'x' });
  });
});
