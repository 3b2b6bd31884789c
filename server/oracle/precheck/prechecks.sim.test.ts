import { describe, expect, it } from 'vitest';
import type { TableMeta } from '../../model/oracle-types';
import { createSimDatabase, installSampleSchema, LONG_TABLE_NAME, ManualClock, SAMPLE_ACCOUNTS, SimGateway, type SimDatabaseOptions } from '../sim';
import { checkColumnTypes, checkPrivileges, runOraclePrechecks, type CheckResult } from './index';

const ALL = { schema: true, full: true, incremental: true };

function sim(options: SimDatabaseOptions, account: { user: string; password: string } = SAMPLE_ACCOUNTS.migration) {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, ...options });
  installSampleSchema(db, { employees: 20, documents: 2, typeZooRows: 2 });
  return { db, gw: new SimGateway(db, { host: 'pre.sim', port: 1521, kind: 'sid', database: 'SIMDB', ...account }) };
}

const byCode = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.code, r]));

describe('Oracle prechecks on the simulator', () => {
  it('passes a well-prepared source, flagging only the keyless table and the over-long name', async () => {
    const { gw } = sim({ supplementalLogging: { pk: true, ui: true }, archiveRetentionHours: 200 });
    const r = byCode(await runOraclePrechecks(gw, ALL, { owners: ['HR'] }));
    for (const code of ['ORACLE_LOG_MODE', 'ORACLE_SUPPLEMENTAL_LOG', 'ORACLE_ARCHIVE_RETENTION', 'ORACLE_PRIVILEGES_SCHEMA', 'ORACLE_PRIVILEGES_FULL', 'ORACLE_PRIVILEGES_INCREMENTAL', 'ORACLE_UNSUPPORTED_TYPES']) {
      expect(r[code]?.status, `${code}: ${r[code]?.detail}`).toBe('passed');
    }
    expect(r.ORACLE_TABLES_WITHOUT_KEY).toMatchObject({ status: 'warning', objects: ['HR.AUDIT_LOG'] });
    expect(r.ORACLE_NAME_LENGTH).toMatchObject({ status: 'failed', objects: [`HR.${LONG_TABLE_NAME}`] });
    expect(r.ORACLE_NAME_LENGTH!.detail).toContain('(43 bytes)');
  });

  it('fails a NOARCHIVELOG source without PK/UI supplemental logging, for incremental only', async () => {
    const { gw } = sim({ archiveLog: false, supplementalLogging: { min: true } });
    const tables = [{ owner: 'HR', table: 'EMPLOYEES' }];
    const inc = byCode(await runOraclePrechecks(gw, { schema: false, full: false, incremental: true }, { owners: ['HR'], tables }));
    expect(inc.ORACLE_LOG_MODE!.status).toBe('failed');
    expect(inc.ORACLE_LOG_MODE!.hint).toContain('ALTER DATABASE ARCHIVELOG');
    expect(inc.ORACLE_SUPPLEMENTAL_LOG).toMatchObject({ status: 'failed' });
    expect(inc.ORACLE_SUPPLEMENTAL_LOG!.detail).toContain('MIN=YES, PK=NO, UI=NO, ALL=NO');
    expect(inc.ORACLE_SUPPLEMENTAL_LOG!.hint).toContain('(PRIMARY KEY, UNIQUE) COLUMNS');
    expect(inc.ORACLE_ARCHIVE_RETENTION!.status).toBe('failed');
    const full = byCode(await runOraclePrechecks(gw, { schema: true, full: true, incremental: false }, { owners: ['HR'], tables }));
    expect(full.ORACLE_LOG_MODE!.status).toBe('passed');
    expect(full.ORACLE_SUPPLEMENTAL_LOG!.status).toBe('passed');
  });

  it('accepts ALL-column logging instead of PK + UI, and warns on a short archive retention', async () => {
    const { gw } = sim({ supplementalLogging: { all: true }, archiveRetentionHours: 30 });
    const tables = [{ owner: 'HR', table: 'JOBS' }];
    const both = byCode(await runOraclePrechecks(gw, ALL, { owners: ['HR'], tables }));
    expect(both.ORACLE_SUPPLEMENTAL_LOG!.status).toBe('passed');
    expect(both.ORACLE_ARCHIVE_RETENTION).toMatchObject({ status: 'warning' });
    expect(both.ORACLE_ARCHIVE_RETENTION!.detail).toContain('at least 7 days');
    const incOnly = byCode(await runOraclePrechecks(gw, { schema: false, full: false, incremental: true }, { owners: ['HR'], tables }));
    expect(incOnly.ORACLE_ARCHIVE_RETENTION!.status).toBe('passed');
  });

  it('lists exactly the missing grants of a read-only account, with the GRANT statements', async () => {
    const { gw } = sim({ supplementalLogging: { pk: true, ui: true } }, SAMPLE_ACCOUNTS.readOnly);
    const tables = [{ owner: 'HR', table: 'EMPLOYEES' }, { owner: 'HR', table: 'JOBS' }];
    const r = byCode(await runOraclePrechecks(gw, ALL, { owners: ['HR'], tables }));
    expect(r.ORACLE_PRIVILEGES_SCHEMA).toMatchObject({ status: 'failed', objects: ['SELECT_CATALOG_ROLE'] });
    expect(r.ORACLE_PRIVILEGES_FULL).toMatchObject({ status: 'failed', objects: ['FLASHBACK ON HR.EMPLOYEES', 'FLASHBACK ON HR.JOBS', 'SELECT ON SYS.V_$DATABASE'] });
    expect(r.ORACLE_PRIVILEGES_INCREMENTAL!.objects).toEqual([
      'LOGMINING', 'EXECUTE ON SYS.DBMS_LOGMNR', 'SELECT ANY TRANSACTION', 'SELECT ON SYS.V_$LOGMNR_CONTENTS', 'SELECT ON SYS.V_$DATABASE',
      'SELECT ON SYS.V_$ARCHIVED_LOG', 'SELECT ON SYS.V_$LOG', 'SELECT ON SYS.V_$LOGFILE', 'SELECT ON SYS.V_$TRANSACTION',
    ]);
    expect(r.ORACLE_PRIVILEGES_INCREMENTAL!.hint).toContain('GRANT LOGMINING TO READONLY;');
  });

  it('needs no grants on the account’s own tables, and DBA covers everything', () => {
    const own = checkPrivileges({ user: 'HR', systemPrivileges: ['CREATE SESSION'], roles: [], objectPrivileges: [] }, { schema: true, full: true, incremental: false }, [{ owner: 'HR', table: 'T' }]);
    expect(own.map((c) => [c.code, c.status])).toEqual([['ORACLE_PRIVILEGES_SCHEMA', 'passed'], ['ORACLE_PRIVILEGES_FULL', 'failed']]);
    expect(own[1]!.objects).toEqual(['SELECT ON SYS.V_$DATABASE']);
    const dba = checkPrivileges({ user: 'X', systemPrivileges: [], roles: ['DBA'], objectPrivileges: [] }, ALL, [{ owner: 'HR', table: 'T' }]);
    expect(dba.every((c) => c.status === 'passed')).toBe(true);
  });

  it('reports BFILE, object-type and LONG columns', () => {
    const meta: TableMeta = {
      owner: 'GIS', name: 'MAPS', primaryKey: ['ID'], uniqueKeys: [], indexes: [], rowCountEstimate: null, avgRowLength: null,
      columns: [
        { name: 'ID', type: 'NUMBER', dataLength: 22, charLength: 0, precision: null, scale: null, nullable: false, defaultValue: null },
        { name: 'SCAN', type: 'BFILE', dataLength: 530, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null },
        { name: 'NOTES', type: 'LONG', dataLength: 0, charLength: 0, precision: null, scale: null, nullable: true, defaultValue: null },
      ],
      unsupportedColumns: [{ name: 'SHAPE', dataType: 'MDSYS.SDO_GEOMETRY' }],
    };
    const [types, long] = checkColumnTypes([meta], ALL);
    expect(types).toMatchObject({ status: 'failed', objects: ['GIS.MAPS.SHAPE MDSYS.SDO_GEOMETRY', 'GIS.MAPS.SCAN BFILE'] });
    expect(long).toMatchObject({ code: 'ORACLE_LONG_COLUMNS', status: 'warning' });
    const onlyBfile = checkColumnTypes([{ ...meta, unsupportedColumns: [] }], { schema: false, full: true, incremental: false });
    expect(onlyBfile.map((c) => [c.code, c.status])).toEqual([['ORACLE_UNSUPPORTED_TYPES', 'warning']]);
  });
});
