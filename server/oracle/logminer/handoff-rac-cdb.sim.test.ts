import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../model/change-event';
import type { Scn } from '../../model/scn';
import { isOra2KafkaError } from '../../model/errors';
import type { OracleGateway } from '../gateway';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway, type SimDatabase } from '../sim';
import { planHandoff } from '../snapshot';
import { collectEvents, createLogMinerStream } from './index';
import { collectMined } from './collect';

/**
 * The hand-off and mining on the two database shapes a single-instance non-CDB hides:
 *   RAC  — a transaction open on instance 2 at the snapshot SCN must be found (GV$TRANSACTION),
 *          or its changes before S are lost;
 *   CDB  — mining in CDB$ROOT returns every PDB's redo: a schema that exists in two PDBs must get
 *          only the named PDB's changes; per-PDB mining needs 19c (ORA-65040 before).
 */

const { user, password } = SAMPLE_ACCOUNTS.migration;

/** Mines [fromScn, up to `upTo`] through the real pipeline; committed events of HR, in commit order. */
async function mineEvents(gw: OracleGateway, fromScn: Scn, upTo: Scn, emitAfter: Scn | null): Promise<ChangeEvent[]> {
  const stream = createLogMinerStream(gw, {
    startScn: fromScn,
    emitAfterCommitScn: emitAfter,
    owners: ['HR'],
    spillDir: mkdtempSync(path.join(tmpdir(), 'rac-cdb-spill-')),
    pollIntervalMs: 0,
  });
  const out: ChangeEvent[] = [];
  try {
    for (let i = 0; (stream.stats().lastWindow?.toScn ?? 0n) <= upTo; i++) {
      if (i > 1000) throw new Error('mining did not reach the end SCN');
      for (const tx of await stream.next()) out.push(...(await collectEvents(tx)));
    }
  } finally {
    await stream.close();
  }
  return out;
}

describe('RAC: open transactions of every instance (GV$TRANSACTION)', () => {
  function rac(): { db: SimDatabase; clock: ManualClock; gw: SimGateway } {
    const clock = new ManualClock();
    const db = createSimDatabase({ clock, idleScnPerSecond: 0, instances: 2, supplementalLogging: { pk: true, ui: true } });
    installSampleSchema(db, { employees: 20, documents: 1, typeZooRows: 1 });
    // The migration connects to instance 1 (what a RAC service may well hand out), and names every
    // instance so the log writers of both can be made to write (V$THREAD bounds mining otherwise).
    const gw = new SimGateway(db, { host: 'rac.sim', port: 1521, kind: 'service', database: 'SIMPDB', user, password, racNodes: ['rac1.sim:1521', 'rac2.sim:1521'] }, { instance: 1 });
    return { db, clock, gw };
  }

  it('V$TRANSACTION of one instance does not list a transaction of the other; GV$TRANSACTION does', async () => {
    const { db, gw } = rac();
    const s2 = db.session('HR', { instance: 2 });
    s2.insert('HR', 'REGIONS', { REGION_ID: 900, REGION_NAME: 'on instance 2' });
    const xid = s2.transaction!.xid;
    expect(s2.transaction!.instance).toBe(2);
    expect(db.openTransactions({ instance: 1 }).map((t) => t.xid)).not.toContain(xid);
    expect(db.openTransactions({ instance: 2 }).map((t) => t.xid)).toContain(xid);
    expect((await gw.databaseInfo()).rac).toBe(true);
    expect((await gw.openTransactions()).map((t) => t.xid)).toContain(xid);
    expect(() => db.session('HR', { instance: 3 })).toThrow(/instance 3 does not exist/);
  });

  it('the hand-off keeps the early changes of a transaction open on instance 2 at the snapshot SCN', async () => {
    const { db, clock, gw } = rac();
    const s2 = db.session('HR', { instance: 2 });
    s2.insert('HR', 'REGIONS', { REGION_ID: 901, REGION_NAME: 'early' });
    clock.advance(500);
    db.session('HR').update('HR', 'JOBS', { JOB_ID: 'AD_PRES' }, { MAX_SALARY: 41000 }); // instance 1 keeps working
    clock.advance(500);
    const handoff = await planHandoff(gw);
    expect(handoff.openAtSnapshot.map((t) => t.xid)).toContain(s2.transaction!.xid);
    s2.update('HR', 'REGIONS', { REGION_ID: 901 }, { REGION_NAME: 'late' });
    s2.commit();
    const end = await gw.currentScn();
    const events = (await mineEvents(gw, handoff.miningStartScn, end, handoff.snapshotScn)).filter((e) => e.table === 'REGIONS');
    expect(events.map((e) => [e.op, e.after?.[1]])).toEqual([
      ['INSERT', 'early'],
      ['UPDATE', 'late'],
    ]);
  });
});

describe('multitenant: CDB root + a named PDB', () => {
  const COMMON = { user: 'C##DTS_SYNC', password: 'dts_sync' };

  function cdb(version?: string): { db: SimDatabase; clock: ManualClock } {
    const clock = new ManualClock();
    const db = createSimDatabase({ clock, idleScnPerSecond: 0, dbName: 'SIMCDB', pdbs: ['PDB1', 'PDB2'], supplementalLogging: { pk: true, ui: true }, ...(version ? { version } : {}) });
    for (const name of ['PDB1', 'PDB2']) installSampleSchema(db.pdb(name), { employees: 10, documents: 1, typeZooRows: 1 });
    db.createUser(COMMON.user, COMMON.password, {
      systemPrivileges: ['CREATE SESSION', 'CREATE TABLE', 'SET CONTAINER', 'SELECT ANY TABLE', 'FLASHBACK ANY TABLE', 'SELECT ANY TRANSACTION', 'SELECT ANY DICTIONARY', 'LOGMINING'],
      objectPrivileges: ['EXECUTE ON SYS.DBMS_LOGMNR', 'SELECT ON SYS.V_$LOGMNR_CONTENTS'],
    });
    return { db, clock };
  }
  const root = (db: SimDatabase, pdb?: string) => new SimGateway(db, { host: 'cdb.sim', port: 1521, kind: 'service', database: 'SIMCDB', ...COMMON, ...(pdb ? { pdb } : {}) });

  it('in CDB$ROOT alone the PDB’s tables are invisible and mining mixes both PDBs’ HR changes', async () => {
    const { db, clock } = cdb();
    const gw = root(db);
    expect(await gw.databaseInfo()).toMatchObject({ cdb: true, containerName: 'CDB$ROOT', miningContainer: 'CDB$ROOT' });
    await expect(gw.listTables('HR')).rejects.toThrow(/does not exist/);
    const start = await gw.currentScn();
    for (const name of ['PDB1', 'PDB2']) {
      const s = db.pdb(name).session('HR');
      s.update('HR', 'REGIONS', { REGION_ID: 1 }, { REGION_NAME: `from ${name}` });
      s.commit();
      clock.advance(100);
    }
    const rows = await collectMined(gw.mine({ fromScn: start, toScn: (await gw.currentScn()) + 1n, logFiles: await gw.logFilesFor(start, null), owners: ['HR'] }));
    expect(new Set(rows.filter((r) => r.operationCode === 3).map((r) => r.srcConName))).toEqual(new Set(['PDB1', 'PDB2']));
  });

  it('with the PDB named: catalog, snapshot and open transactions come from the PDB; mining keeps only its changes', async () => {
    const { db, clock } = cdb();
    const gw = root(db, 'pdb1');
    expect(await gw.databaseInfo()).toMatchObject({ cdb: true, containerName: 'PDB1', miningContainer: 'CDB$ROOT' });
    expect((await gw.listTables('HR')).map((t) => t.name)).toContain('EMPLOYEES');
    const other = db.pdb('PDB2').session('HR');
    other.insert('HR', 'REGIONS', { REGION_ID: 77, REGION_NAME: 'PDB2 open' });
    const mine = db.pdb('PDB1').session('HR');
    mine.insert('HR', 'REGIONS', { REGION_ID: 77, REGION_NAME: 'PDB1 open' });
    clock.advance(100);
    const handoff = await planHandoff(gw);
    expect(handoff.openAtSnapshot.map((t) => t.xid)).toEqual([mine.transaction!.xid]); // V$TRANSACTION in the PDB
    const snap = await gw.readChunk({ owner: 'HR', table: 'REGIONS', scn: handoff.snapshotScn, keyColumns: ['REGION_ID'], afterKey: null, limit: 100 });
    expect(snap.rows.map((r) => r[0])).not.toContain('77');
    mine.commit();
    other.commit();
    for (const name of ['PDB2', 'PDB1']) {
      const s = db.pdb(name).session('HR');
      s.update('HR', 'REGIONS', { REGION_ID: 1 }, { REGION_NAME: `from ${name}` });
      s.commit();
    }
    const end = await gw.currentScn();
    const events = (await mineEvents(gw, handoff.miningStartScn, end, handoff.snapshotScn)).filter((e) => e.table === 'REGIONS');
    expect(events.map((e) => [e.op, e.after?.[1]])).toEqual([
      ['INSERT', 'PDB1 open'],
      ['UPDATE', 'from PDB1'],
    ]);
    const privileges = await gw.sessionPrivileges();
    expect(privileges.mining?.container).toBe('CDB$ROOT');
    expect(privileges.mining?.systemPrivileges).toContain('LOGMINING');
  });

  it('names the fix when the PDB does not exist or the account lacks SET CONTAINER', () => {
    const { db } = cdb();
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      return null;
    };
    const missing = err(() => root(db, 'NOPE'));
    expect(isOra2KafkaError(missing) && missing.code).toBe('ORA-65011');
    expect((missing as Error).message).toContain('Cannot read PDB NOPE as C##DTS_SYNC');
    db.revoke(COMMON.user, 'SET CONTAINER');
    const denied = err(() => root(db, 'PDB1'));
    expect(isOra2KafkaError(denied) && denied.code).toBe('ORA-01031');
    expect((denied as { hint: string }).hint).toContain('GRANT SET CONTAINER TO C##DTS_SYNC CONTAINER=ALL;');
  });

  it('per-PDB mining (connected to the PDB service) sees only that PDB on 19c and fails with ORA-65040 before', async () => {
    for (const [version, ok] of [['19.0.0.0.0', true], ['12.2.0.1.0', false]] as const) {
      const { db } = cdb(version);
      const gw = new SimGateway(db, { host: 'cdb.sim', port: 1521, kind: 'service', database: 'PDB2', ...SAMPLE_ACCOUNTS.migration });
      expect(await gw.databaseInfo()).toMatchObject({ containerName: 'PDB2', miningContainer: 'PDB2', version });
      const start = await gw.currentScn();
      for (const name of ['PDB1', 'PDB2']) {
        const s = db.pdb(name).session('HR');
        s.update('HR', 'REGIONS', { REGION_ID: 2 }, { REGION_NAME: `from ${name}` });
        s.commit();
      }
      const mined = collectMined(gw.mine({ fromScn: start, toScn: (await gw.currentScn()) + 1n, logFiles: await gw.logFilesFor(start, null), owners: ['HR'] }));
      if (ok) expect(new Set((await mined).filter((r) => r.operationCode === 3).map((r) => r.srcConName))).toEqual(new Set(['PDB2']));
      else {
        const e = await mined.then(() => null, (x: unknown) => x);
        expect(isOra2KafkaError(e) && e.code).toBe('ORA-65040');
        expect((e as { hint: string }).hint).toContain('CDB$ROOT');
      }
    }
  });
});
