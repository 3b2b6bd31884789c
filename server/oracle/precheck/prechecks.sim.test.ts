import { describe, expect, it } from 'vitest';
import type { TableMeta } from '../../model/oracle-types';
import { createSimDatabase, installSampleCdb, installSampleSchema, LONG_TABLE_NAME, ManualClock, SAMPLE_ACCOUNTS, SimGateway, type SimDatabaseOptions } from '../sim';
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

  it("reads the redo volume from the last 24 hours' archived logs, one copy per log whatever the destinations", async () => {
    const { db, gw } = sim({ supplementalLogging: { pk: true, ui: true }, archiveDestinations: [{ id: 1, local: true, status: 'VALID' }, { id: 2, local: true, status: 'VALID' }] });
    const s = db.session('HR');
    for (let i = 0; i < 3; i++) {
      s.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 100 + i }, { SALARY: 1000 + i });
      s.commit();
      (db.clock as ManualClock).advance(30 * 60_000);
      db.switchLogfile();
    }
    const logs = await gw.archivedLogVolume(24);
    expect(new Set(logs.map((l) => `${l.thread}:${l.sequence}`)).size).toBe(logs.length);
    expect(logs.length).toBeGreaterThanOrEqual(3);
    expect(logs.every((l) => l.bytes > 0 && l.nextTimeMs >= l.firstTimeMs)).toBe(true);
    const busiest = [...logs].sort((a, b) => b.bytes / Math.max(1, b.nextTimeMs - b.firstTimeMs) - a.bytes / Math.max(1, a.nextTimeMs - a.firstTimeMs))[0]!;
    const item = byCode(await runOraclePrechecks(gw, ALL, { owners: ['HR'], tables: [{ owner: 'HR', table: 'EMPLOYEES' }] })).ORACLE_REDO_VOLUME!;
    expect(item).toMatchObject({ status: 'passed', detail: expect.stringContaining(`(thread ${busiest.thread}, sequence ${busiest.sequence})`) });
    // A day later those logs are out of the window.
    (db.clock as ManualClock).advance(25 * 3_600_000);
    expect(await gw.archivedLogVolume(24)).toEqual([]);
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

  it('with only MIN logging at database level, table-level groups decide table by table, and the failure names the ALTER TABLE', async () => {
    const { db, gw } = sim({ supplementalLogging: { min: true } });
    const inc = { schema: false, full: false, incremental: true };
    const hr = db.session('HR');
    hr.ddl('ALTER TABLE HR.JOBS ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY, UNIQUE) COLUMNS');
    hr.ddl('ALTER TABLE HR.REGIONS ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS');
    const ok = byCode(await runOraclePrechecks(gw, inc, { owners: ['HR'], tables: [{ owner: 'HR', table: 'JOBS' }, { owner: 'HR', table: 'REGIONS' }] }));
    expect(ok.ORACLE_SUPPLEMENTAL_LOG).toMatchObject({ status: 'passed' });
    expect(ok.ORACLE_SUPPLEMENTAL_LOG!.detail).toContain('table-level supplemental log groups');
    const bad = byCode(await runOraclePrechecks(gw, inc, { owners: ['HR'], tables: [{ owner: 'HR', table: 'JOBS' }, { owner: 'HR', table: 'EMPLOYEES' }] }));
    expect(bad.ORACLE_SUPPLEMENTAL_LOG).toMatchObject({ status: 'failed', objects: ['HR.EMPLOYEES'] });
    expect(bad.ORACLE_SUPPLEMENTAL_LOG!.hint).toContain('ALTER TABLE "HR"."EMPLOYEES" ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY, UNIQUE) COLUMNS;');
    expect(bad.ORACLE_SUPPLEMENTAL_LOG!.hint).not.toContain('"HR"."JOBS"');
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
      'SELECT ON SYS.V_$ARCHIVED_LOG', 'SELECT ON SYS.V_$LOG', 'SELECT ON SYS.V_$LOGFILE', 'SELECT ON SYS.V_$ARCHIVE_DEST_STATUS', 'SELECT ON SYS.V_$THREAD', 'SELECT ON SYS.V_$TRANSACTION',
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

  it('names a native JSON column (mined only as UNSUPPORTED) with the CLOB IS JSON fix', () => {
    const meta: TableMeta = {
      owner: 'APP', name: 'ORDERS', primaryKey: ['ID'], uniqueKeys: [], indexes: [], rowCountEstimate: null, avgRowLength: null,
      columns: [{ name: 'ID', type: 'NUMBER', dataLength: 22, charLength: 0, precision: null, scale: null, nullable: false, defaultValue: null }],
      unsupportedColumns: [{ name: 'DOC', dataType: 'JSON' }],
    };
    const [types] = checkColumnTypes([meta], ALL);
    expect(types).toMatchObject({ status: 'failed', objects: ['APP.ORDERS.DOC JSON'] });
    expect(types!.detail).toContain('native JSON type (21c and later: APP.ORDERS.DOC) is mined only as UNSUPPORTED (operation 255)');
    expect(types!.hint).toContain('CHECK (DOC_TEXT IS JSON)');
  });
});

describe('prechecks for RAC, multitenant, unminable types and changes without redo', () => {
  const INC = { schema: false, full: false, incremental: true };
  const FULL = { schema: true, full: true, incremental: false };

  it('on RAC the incremental grants include GV_$TRANSACTION', async () => {
    const { gw } = sim({ instances: 2, supplementalLogging: { pk: true, ui: true } }, SAMPLE_ACCOUNTS.readOnly);
    const r = byCode(await runOraclePrechecks(gw, ALL, { owners: ['HR'], tables: [{ owner: 'HR', table: 'JOBS' }] }));
    expect(r.ORACLE_PRIVILEGES_INCREMENTAL!.objects).toContain('SELECT ON SYS.GV_$TRANSACTION');
    expect(r.ORACLE_PRIVILEGES_INCREMENTAL!.hint).toContain('GRANT SELECT ON SYS.GV_$TRANSACTION TO READONLY;');
    const single = byCode(await runOraclePrechecks(sim({}, SAMPLE_ACCOUNTS.readOnly).gw, ALL, { owners: ['HR'], tables: [{ owner: 'HR', table: 'JOBS' }] }));
    expect(single.ORACLE_PRIVILEGES_INCREMENTAL!.objects).not.toContain('SELECT ON SYS.GV_$TRANSACTION');
  });

  it('fails a table with a BFILE column for incremental migration (LogMiner skips the table), warns for full only', async () => {
    const { db, gw } = sim({ supplementalLogging: { pk: true, ui: true } });
    db.session('HR').ddl('CREATE TABLE SCANS (ID NUMBER(10) PRIMARY KEY, NAME VARCHAR2(40), IMAGE BFILE)');
    const tables = [{ owner: 'HR', table: 'SCANS' }];
    const inc = byCode(await runOraclePrechecks(gw, INC, { owners: ['HR'], tables }));
    expect(inc.ORACLE_UNSUPPORTED_TYPES).toMatchObject({ status: 'failed', objects: ['HR.SCANS.IMAGE BFILE'] });
    expect(inc.ORACLE_UNSUPPORTED_TYPES!.detail).toContain('every change to HR.SCANS would be lost');
    expect(inc.ORACLE_UNSUPPORTED_TYPES!.hint).toContain('Deselect this table');
    const full = byCode(await runOraclePrechecks(gw, FULL, { owners: ['HR'], tables }));
    expect(full.ORACLE_UNSUPPORTED_TYPES).toMatchObject({ status: 'warning' });
    expect(full.ORACLE_UNSUPPORTED_TYPES!.detail).toContain('arrive as NULL');
  });

  it('warns on FORCE_LOGGING = NO and on NOLOGGING tables, with the statements that fix them', async () => {
    const { db, gw } = sim({ supplementalLogging: { pk: true, ui: true } });
    db.session('HR').ddl('ALTER TABLE JOBS NOLOGGING');
    const tables = [{ owner: 'HR', table: 'JOBS' }, { owner: 'HR', table: 'REGIONS' }];
    const r = byCode(await runOraclePrechecks(gw, INC, { owners: ['HR'], tables }));
    expect(r.ORACLE_FORCE_LOGGING).toMatchObject({ status: 'warning' });
    expect(r.ORACLE_FORCE_LOGGING!.hint).toContain('ALTER DATABASE FORCE LOGGING;');
    expect(r.ORACLE_NOLOGGING_TABLES).toMatchObject({ status: 'warning', objects: ['HR.JOBS'] });
    expect(r.ORACLE_NOLOGGING_TABLES!.hint).toContain('ALTER TABLE "HR"."JOBS" LOGGING;');
    db.forceLogging = true;
    const forced = byCode(await runOraclePrechecks(gw, INC, { owners: ['HR'], tables }));
    expect(forced.ORACLE_FORCE_LOGGING!.status).toBe('passed');
    expect(forced.ORACLE_NOLOGGING_TABLES).toBeUndefined();
    expect(byCode(await runOraclePrechecks(gw, FULL, { owners: ['HR'], tables })).ORACLE_FORCE_LOGGING!.status).toBe('passed');
  });

  describe('multitenant', () => {
    function cdb(version?: string) {
      const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, dbName: 'SIMCDB', pdbs: ['PDB1', 'PDB2'], supplementalLogging: { pk: true, ui: true }, ...(version ? { version } : {}) });
      installSampleCdb(db, { employees: 5, documents: 1, typeZooRows: 1 });
      return db;
    }
    const tables = [{ owner: 'HR', table: 'JOBS' }];
    const common = (db: ReturnType<typeof cdb>, pdb?: string) => new SimGateway(db, { host: 'cdb.sim', port: 1521, kind: 'service', database: 'SIMCDB', ...SAMPLE_ACCOUNTS.common, ...(pdb ? { pdb } : {}) });

    it('fails a connection to CDB$ROOT without a PDB, naming the fix', async () => {
      const r = byCode(await runOraclePrechecks(common(cdb()), ALL, { owners: ['C##DTS_SYNC'], tables: [] }));
      expect(r.ORACLE_CONTAINER).toMatchObject({ status: 'failed' });
      expect(r.ORACLE_CONTAINER!.detail).toContain('see only the root');
      expect(r.ORACLE_CONTAINER!.hint).toContain('"PDB Name"');
    });

    it('passes root + PDB, checking the LogMiner grants in CDB$ROOT', async () => {
      const db = cdb();
      const ok = byCode(await runOraclePrechecks(common(db, 'PDB1'), ALL, { owners: ['HR'], tables }));
      expect(ok.ORACLE_CONTAINER).toMatchObject({ status: 'passed' });
      expect(ok.ORACLE_CONTAINER!.detail).toContain("SRC_CON_NAME = 'PDB1'");
      expect(ok.ORACLE_PRIVILEGES_INCREMENTAL!.status).toBe('passed');
      db.revoke('C##DTS_SYNC', 'LOGMINING', { container: 'CURRENT' }); // only in CDB$ROOT
      const r = byCode(await runOraclePrechecks(common(db, 'PDB1'), ALL, { owners: ['HR'], tables }));
      expect(r.ORACLE_PRIVILEGES_INCREMENTAL).toMatchObject({ status: 'failed', objects: ['LOGMINING (in CDB$ROOT)'] });
      expect(r.ORACLE_PRIVILEGES_INCREMENTAL!.hint).toBe('GRANT LOGMINING TO C##DTS_SYNC CONTAINER=ALL;');
    });

    it('per-PDB mining: passes on 19c, fails before 19c with the root + PDB fix', async () => {
      for (const [version, status] of [['19.0.0.0.0', 'passed'], ['12.2.0.1.0', 'failed']] as const) {
        const gw = new SimGateway(cdb(version), { host: 'cdb.sim', port: 1521, kind: 'service', database: 'PDB1', ...SAMPLE_ACCOUNTS.migration });
        const r = byCode(await runOraclePrechecks(gw, ALL, { owners: ['HR'], tables }));
        expect(r.ORACLE_CONTAINER!.status, version).toBe(status);
        if (status === 'failed') {
          expect(r.ORACLE_CONTAINER!.detail).toContain('ORA-65040');
          expect(r.ORACLE_CONTAINER!.hint).toContain('CONTAINER=ALL');
          expect(byCode(await runOraclePrechecks(gw, FULL, { owners: ['HR'], tables })).ORACLE_CONTAINER!.status).toBe('passed');
        }
      }
    });
  });

  it('creates the log writer flush table, or fails with the exact SQL when the account may not', async () => {
    const { db, gw } = sim({ supplementalLogging: { pk: true, ui: true } });
    const inc = { schema: false, full: false, incremental: true };
    const first = byCode(await runOraclePrechecks(gw, inc, { owners: ['HR'], tables: [{ owner: 'HR', table: 'JOBS' }] }));
    expect(first.ORACLE_FLUSH_TABLE).toMatchObject({ status: 'passed', detail: expect.stringContaining('Created DTS_SYNC.LOG_MINING_FLUSH') });
    expect(db.schema('DTS_SYNC').tables.has('LOG_MINING_FLUSH')).toBe(true);
    const again = byCode(await runOraclePrechecks(gw, inc, { owners: ['HR'], tables: [{ owner: 'HR', table: 'JOBS' }] }));
    expect(again.ORACLE_FLUSH_TABLE!.detail).toContain('exists');
    const ro = sim({ supplementalLogging: { pk: true, ui: true } }, SAMPLE_ACCOUNTS.readOnly);
    const denied = byCode(await runOraclePrechecks(ro.gw, inc, { owners: ['HR'], tables: [{ owner: 'HR', table: 'JOBS' }] }));
    expect(denied.ORACLE_FLUSH_TABLE).toMatchObject({ status: 'failed' });
    expect(denied.ORACLE_FLUSH_TABLE!.hint).toContain('CREATE TABLE "READONLY"."LOG_MINING_FLUSH" (ID NUMBER(1) PRIMARY KEY, LAST_SCN NUMBER(19)); INSERT INTO "READONLY"."LOG_MINING_FLUSH" (ID, LAST_SCN) VALUES (1, 0); COMMIT;');
  });

  it('with the heartbeat on, creates its table or fails with the CREATE TABLE and the GRANT fix; without it, has no item', async () => {
    const { db, gw } = sim({ supplementalLogging: { pk: true, ui: true } });
    const inc = { schema: false, full: false, incremental: true };
    const scope = { owners: ['HR'], tables: [{ owner: 'HR', table: 'JOBS' }] };
    expect(byCode(await runOraclePrechecks(gw, inc, scope)).ORACLE_HEARTBEAT_TABLE).toBeUndefined();
    expect(db.schema('DTS_SYNC').tables.has('ORA2KAFKA_HEARTBEAT')).toBe(false);
    const on = byCode(await runOraclePrechecks(gw, inc, { ...scope, heartbeat: true }));
    expect(on.ORACLE_HEARTBEAT_TABLE).toMatchObject({ status: 'passed', detail: expect.stringContaining('Created DTS_SYNC.ORA2KAFKA_HEARTBEAT') });
    expect(db.schema('DTS_SYNC').tables.has('ORA2KAFKA_HEARTBEAT')).toBe(true);
    expect(byCode(await runOraclePrechecks(gw, inc, { ...scope, heartbeat: true })).ORACLE_HEARTBEAT_TABLE!.detail).toContain('exists');
    const ro = sim({ supplementalLogging: { pk: true, ui: true } }, SAMPLE_ACCOUNTS.readOnly);
    const denied = byCode(await runOraclePrechecks(ro.gw, inc, { ...scope, heartbeat: true })).ORACLE_HEARTBEAT_TABLE!;
    expect(denied.status).toBe('failed');
    expect(denied.hint).toContain('CREATE TABLE "READONLY"."ORA2KAFKA_HEARTBEAT" (TASK_ID VARCHAR2(64) PRIMARY KEY, BEAT_TIME TIMESTAMP)');
    expect(denied.hint).toContain('GRANT CREATE TABLE TO READONLY');
  });

  it('on RAC warns unless every instance is named for flushing its log writer', async () => {
    const { gw } = sim({ supplementalLogging: { pk: true, ui: true }, instances: 2 });
    const inc = { schema: false, full: false, incremental: true };
    const scope = { owners: ['HR'], tables: [{ owner: 'HR', table: 'JOBS' }] };
    expect(byCode(await runOraclePrechecks(gw, inc, scope)).ORACLE_RAC_NODES).toMatchObject({ status: 'warning', hint: expect.stringContaining('ARCHIVE_LAG_TARGET') });
    expect(byCode(await runOraclePrechecks(gw, inc, { ...scope, racNodes: ['n1:1521', 'n2:1521'] })).ORACLE_RAC_NODES!.status).toBe('passed');
  });
});
