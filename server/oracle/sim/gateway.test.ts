import { describe, expect, it } from 'vitest';
import type { OracleConnectionSettings } from '../gateway';
import { openSimGateway, registerSimDatabase, unregisterSimDatabase } from './registry';
import { installSampleSchema, SAMPLE_ACCOUNTS } from './sample-schema';
import { LONG_TABLE_NAME } from './sample-ddl';
import { SimGateway } from './sim-gateway';
import { minerGateway, testDb } from '../../../test/support/oracle/sim-fixtures';
import { collectMined } from '../logminer/collect';

const settings = (over: Partial<OracleConnectionSettings> = {}): OracleConnectionSettings => ({
  host: 'unit.sim',
  port: 1521,
  kind: 'sid',
  database: 'SIMDB',
  user: 'MINER',
  password: 'miner',
  ...over,
});

describe('SimGateway logon', () => {
  it('rejects a wrong password, an unknown SID and an unknown service with the translated ORA errors', () => {
    const { db } = testDb();
    expect(() => new SimGateway(db, settings({ password: 'nope' }))).toThrow(expect.objectContaining({ code: 'ORA-01017', retriable: false }));
    expect(() => new SimGateway(db, settings({ user: 'GHOST' }))).toThrow(expect.objectContaining({ code: 'ORA-01017' }));
    expect(() => new SimGateway(db, settings({ database: 'ORCL' }))).toThrow(expect.objectContaining({ code: 'ORA-12505' }));
    expect(() => new SimGateway(db, settings({ kind: 'service', database: 'ORCLPDB1' }))).toThrow(expect.objectContaining({ code: 'ORA-12514' }));
    const err = (() => {
      try {
        new SimGateway(db, settings({ password: 'nope' }));
      } catch (e) {
        return e as { message: string; hint: string };
      }
    })()!;
    expect(err.message).toContain('MINER');
    expect(err.hint).toMatch(/password/i);
    expect(new SimGateway(db, settings({ kind: 'service', database: 'simpdb', user: 'miner' })).kind).toBe('sim');
  });

  it('resolves hosts named <name>.sim through the registry and fails others with a host error', async () => {
    const { db } = testDb();
    registerSimDatabase('unit', db);
    try {
      const gw = await openSimGateway(settings());
      expect(gw.db).toBe(db);
      await expect(openSimGateway(settings({ host: 'nowhere.sim' }))).rejects.toMatchObject({ code: 'HOST-NOT-FOUND' });
    } finally {
      unregisterSimDatabase('unit');
    }
  });

  it('reports itself as Oracle 19c Enterprise Edition, marked as the simulator', async () => {
    const { db } = testDb();
    const info = await minerGateway(db).databaseInfo();
    expect(info).toMatchObject({ version: '19.0.0.0.0', dbName: 'SIMDB', rac: false });
    expect(info.banner).toContain('Oracle Database 19c Enterprise Edition');
    expect(info.banner).toContain('(Ora2Kafka simulator)');
  });
});

describe('SimGateway checks and faults', () => {
  it('exposes flags and privileges, and refuses LogMiner and flashback without grants (ORA-01031)', async () => {
    const { db } = testDb({ supplementalLogging: { pk: true } });
    installSampleSchema(db, { employees: 20 });
    const ro = new SimGateway(db, settings({ user: SAMPLE_ACCOUNTS.readOnly.user, password: SAMPLE_ACCOUNTS.readOnly.password }));
    expect(await ro.databaseFlags()).toMatchObject({ logMode: 'ARCHIVELOG', supplementalLogMin: true, supplementalLogPk: true, supplementalLogAll: false });
    const privs = await ro.sessionPrivileges();
    expect(privs.systemPrivileges).toEqual(['CREATE SESSION', 'SELECT ANY TABLE']);
    const scn = await ro.currentScn();
    await expect(collectMined(ro.mine({ fromScn: scn, toScn: scn + 1n, logFiles: [] }))).rejects.toMatchObject({ code: 'ORA-01031' });
    await expect(ro.readChunk({ owner: 'HR', table: 'REGIONS', scn, keyColumns: ['REGION_ID'], afterKey: null, limit: 1 })).rejects.toMatchObject({ code: 'ORA-01031' });
    const dts = new SimGateway(db, settings({ user: 'DTS_SYNC', password: 'dts_sync' }));
    expect((await dts.sessionPrivileges()).systemPrivileges).toEqual(expect.arrayContaining(['LOGMINING', 'FLASHBACK ANY TABLE', 'SELECT ANY TRANSACTION']));
    expect(await collectMined(dts.mine({ fromScn: scn, toScn: scn + 1n, logFiles: await dts.logFilesFor(scn, null) }))).toEqual([]);
  });

  it('drops the connection until restored, or for a number of calls, with retriable ORA-03113', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    db.faults.dropConnection();
    await expect(gw.currentScn()).rejects.toMatchObject({ code: 'ORA-03113', retriable: true });
    await expect(gw.listSchemas()).rejects.toMatchObject({ code: 'ORA-03113' });
    db.faults.restore();
    expect(await gw.listSchemas()).toEqual(['APP', 'MINER']);
    db.faults.dropConnection({ calls: 1, code: 'ORA-03135' });
    await expect(gw.currentScn()).rejects.toMatchObject({ code: 'ORA-03135', retriable: true });
    expect(typeof (await gw.currentScn())).toBe('bigint');
    expect(db.faults.injectedFailures).toBe(3);
  });

  it('stalls the next call and slows every call down', async () => {
    const { db } = testDb();
    const gw = minerGateway(db);
    db.faults.stall(60);
    let t = performance.now();
    await gw.currentScn();
    expect(performance.now() - t).toBeGreaterThanOrEqual(55);
    t = performance.now();
    await gw.currentScn();
    expect(performance.now() - t).toBeLessThan(30);
    db.faults.slowDown(5);
    t = performance.now();
    await gw.currentScn();
    expect(performance.now() - t).toBeGreaterThanOrEqual(18);
  });

  it('maps SCNs to times and refuses calls after close', async () => {
    const { db, clock } = testDb();
    const gw = minerGateway(db);
    const t0 = clock.nowMs();
    const s1 = await gw.currentScn();
    clock.advance(5_000);
    const s2 = await gw.currentScn();
    expect(await gw.scnToTimeMs(s1)).toBe(t0);
    expect(await gw.scnToTimeMs(s2)).toBe(t0 + 5_000);
    expect(await gw.scnToTimeMs(s2 + 1000n)).toBeNull();
    await gw.close();
    await expect(gw.currentScn()).rejects.toMatchObject({ code: 'NJS-003' });
  });
});

describe('sample schema', () => {
  it('has keyed, keyless, LOB, long-named and all-types tables plus code objects, with statistics', async () => {
    const { db } = testDb();
    installSampleSchema(db, { employees: 300 });
    const gw = new SimGateway(db, settings({ user: 'DTS_SYNC', password: 'dts_sync' }));
    const tables = await gw.listTables('HR');
    const byName = Object.fromEntries(tables.map((t) => [t.name, t]));
    expect(byName['EMPLOYEES']).toMatchObject({ rowCountEstimate: 300, hasPrimaryKey: true, hasUniqueKey: true });
    expect(byName['AUDIT_LOG']).toMatchObject({ hasPrimaryKey: false, hasUniqueKey: false });
    expect(Buffer.byteLength(LONG_TABLE_NAME)).toBeGreaterThan(30);
    expect(byName[LONG_TABLE_NAME]).toBeDefined();
    const docs = await gw.describeTable('HR', 'DOCUMENTS');
    expect(docs.columns.map((c) => c.type)).toEqual(expect.arrayContaining(['CLOB', 'BLOB']));
    const zoo = await gw.describeTable('HR', 'TYPE_ZOO');
    expect(new Set(zoo.columns.map((c) => c.type)).size).toBeGreaterThanOrEqual(18);
    expect((await gw.listObjects('HR', ['VIEW', 'PROCEDURE', 'FUNCTION', 'TRIGGER'])).map((o) => o.type).sort()).toEqual(['FUNCTION', 'PROCEDURE', 'TRIGGER', 'VIEW', 'VIEW']);
    const scn = await gw.currentScn();
    const jh = await gw.readChunk({ owner: 'HR', table: 'JOB_HISTORY', scn, keyColumns: ['EMPLOYEE_ID', 'START_DATE'], afterKey: null, limit: 1000 });
    expect(jh.rows.length).toBeGreaterThan(10);
    expect(await gw.countRows('HR', 'EMPLOYEES', scn)).toBe(300);
    // Deterministic: the same seed gives the same rows.
    const { db: other } = testDb();
    installSampleSchema(other, { employees: 300 });
    const again = new SimGateway(other, settings({ user: 'DTS_SYNC', password: 'dts_sync' }));
    const read = (g: SimGateway, s: bigint) => g.readChunk({ owner: 'HR', table: 'TYPE_ZOO', scn: s, keyColumns: ['ID'], afterKey: null, limit: 50 });
    expect(await read(again, await again.currentScn())).toEqual(await read(gw, scn));
  });
});
