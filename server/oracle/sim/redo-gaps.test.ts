import { describe, expect, it } from 'vitest';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway } from './index';
import { collectMined } from '../logminer/collect';

/**
 * Changes that never reach LogMiner as data: DML on a table LogMiner does not support (a BFILE
 * column) appears only as UNSUPPORTED rows, and a direct-path load into a NOLOGGING table without
 * FORCE LOGGING writes no row redo at all — what the precheck warns and fails about.
 */
function setup() {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true } });
  installSampleSchema(db, { employees: 5, documents: 1, typeZooRows: 1 });
  const gw = new SimGateway(db, { host: 'gaps.sim', port: 1521, kind: 'sid', database: 'SIMDB', ...SAMPLE_ACCOUNTS.migration });
  const mined = async (from: bigint) => {
    const to = (await gw.currentScn()) + 1n;
    return collectMined(gw.mine({ fromScn: from, toScn: to, logFiles: await gw.logFilesFor(from, null), owners: ['HR'] }));
  };
  return { db, gw, mined };
}

describe('changes LogMiner cannot show', () => {
  it('DML on a table with a BFILE column is mined only as UNSUPPORTED (code 255)', async () => {
    const { db, gw, mined } = setup();
    const hr = db.session('HR');
    hr.ddl('CREATE TABLE SCANS (ID NUMBER(10) PRIMARY KEY, NAME VARCHAR2(40), IMAGE BFILE)');
    const from = await gw.currentScn();
    hr.insert('HR', 'SCANS', { ID: 1, NAME: 'x', IMAGE: null });
    hr.update('HR', 'SCANS', { ID: 1 }, { NAME: 'y' });
    hr.commit();
    const rows = (await mined(from)).filter((r) => r.tableName === 'SCANS');
    expect(rows.map((r) => [r.operationCode, r.operation, r.sqlRedo])).toEqual([
      [255, 'UNSUPPORTED', 'Unsupported'],
      [255, 'UNSUPPORTED', 'Unsupported'],
    ]);
  });

  it('a direct-path load into a NOLOGGING table writes no row redo unless the database forces logging', async () => {
    const { db, gw, mined } = setup();
    const hr = db.session('HR');
    hr.ddl('ALTER TABLE REGIONS NOLOGGING');
    expect((await gw.describeTable('HR', 'REGIONS')).logging).toBe(false);
    let from = await gw.currentScn();
    hr.insertAppend('HR', 'REGIONS', [{ REGION_ID: 50, REGION_NAME: 'silent' }]);
    expect(hr.get('HR', 'REGIONS', { REGION_ID: 50 })).not.toBeNull();
    expect((await mined(from)).filter((r) => r.tableName === 'REGIONS')).toEqual([]);
    db.forceLogging = true;
    from = await gw.currentScn();
    hr.insertAppend('HR', 'REGIONS', [{ REGION_ID: 51, REGION_NAME: 'logged' }]);
    expect((await mined(from)).filter((r) => r.tableName === 'REGIONS').map((r) => r.operation)).toEqual(['INSERT']);
  });
});
