import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../model/change-event';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway, type SimDatabase } from '../sim';
import { collectEvents, collectMined } from './collect';
import { createLogMinerStream, type LogMinerStream } from './log-miner-stream';

/**
 * Redo written before a DDL, mined after it with the online catalog: LogMiner renders it as
 * "Dictionary Mismatch" rows (STATUS 2, "COL n" names, HEXTORAW values) — or, for a dropped
 * table, as owner UNKNOWN / "OBJ# n". The pipeline must never turn those into events: it re-reads
 * the window with a dictionary built into the redo logs, or stops naming the table, SCN and fix.
 */
function setup(): { db: SimDatabase; gw: SimGateway } {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: 20, documents: 2, typeZooRows: 1 });
  const { user, password } = SAMPLE_ACCOUNTS.migration;
  return { db, gw: new SimGateway(db, { host: 'dict.sim', port: 1521, kind: 'sid', database: 'SIMDB', user, password }) };
}

function stream(gw: SimGateway, fromScn: bigint, tables?: string[]): LogMinerStream {
  return createLogMinerStream(gw, {
    startScn: fromScn,
    owners: ['HR'],
    ...(tables ? { tables: tables.map((table) => ({ owner: 'HR', table })) } : {}),
    spillDir: mkdtempSync(path.join(tmpdir(), 'dict-')),
    pollIntervalMs: 0,
  });
}

async function drain(gw: SimGateway, s: LogMinerStream): Promise<ChangeEvent[]> {
  const end = await gw.currentScn();
  const out: ChangeEvent[] = [];
  while ((s.stats().lastWindow?.toScn ?? 0n) <= end) for (const tx of await s.next()) out.push(...(await collectEvents(tx)));
  return out;
}

/** Three UPDATEs of HR.JOBS, then a DDL that changes its columns — nothing mined yet. */
async function changesThenDdl(db: SimDatabase, gw: SimGateway): Promise<bigint> {
  const start = await gw.currentScn();
  const s = db.session('HR');
  for (const [id, max] of [['AD_PRES', 41000], ['AD_VP', 31000], ['IT_PROG', 11000]] as const) s.update('HR', 'JOBS', { JOB_ID: id }, { MAX_SALARY: max });
  s.commit();
  s.ddl('ALTER TABLE HR.JOBS ADD (GRADE NUMBER(2))');
  return start;
}

describe('dictionary mismatch after DDL (simulator)', () => {
  it('the online catalog cannot render redo older than an ALTER TABLE: the rows say so', async () => {
    const { db, gw } = setup();
    const start = await changesThenDdl(db, gw);
    const rows = await collectMined(gw.mine({ fromScn: start, toScn: (await gw.currentScn()) + 1n, logFiles: await gw.logFilesFor(start, null), owners: ['HR'] }));
    const upd = rows.filter((r) => r.operationCode === 3);
    expect(upd).toHaveLength(3);
    expect(upd.every((r) => r.status === 2 && r.info === 'Dictionary Mismatch')).toBe(true);
    expect(upd[0]!.sqlRedo).toMatch(/^update "HR"\."JOBS" set "COL \d+" = HEXTORAW\('[0-9a-f]+'\) where "COL \d+" = HEXTORAW/);
  });

  it('without a dictionary in the redo logs the stream stops, naming table, SCN and fix — no partial image leaves', async () => {
    const { db, gw } = setup();
    const start = await changesThenDdl(db, gw);
    const s = stream(gw, start, ['JOBS']);
    const err = await drain(gw, s).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ORACLE_DICTIONARY_MISMATCH', retriable: false });
    expect((err as Error).message).toMatch(/HR\.JOBS at SCN \d+/);
    expect((err as { hint: string }).hint).toContain('DBMS_LOGMNR_D.BUILD(OPTIONS => DBMS_LOGMNR_D.STORE_IN_REDO_LOGS)');
  });

  it('with a dictionary built into the redo logs before the changes, the window is re-read with it and the events are whole', async () => {
    const { db, gw } = setup();
    db.buildDictionary();
    db.switchLogfile(); // archived: V$ARCHIVED_LOG.DICTIONARY_BEGIN = YES
    const start = await changesThenDdl(db, gw);
    const s = stream(gw, start, ['JOBS']);
    const events = await drain(gw, s);
    const updates = events.filter((e) => e.op === 'UPDATE');
    expect(updates.map((e) => [e.before?.[0], e.after?.[3]])).toEqual([
      ['AD_PRES', '41000'],
      ['AD_VP', '31000'],
      ['IT_PROG', '11000'],
    ]);
    expect(events.filter((e) => e.op === 'DDL').map((e) => e.ddl)).toEqual(['ALTER TABLE HR.JOBS ADD (GRADE NUMBER(2))']);
    expect(s.stats().redoDictionaryRemines).toBeGreaterThanOrEqual(1);
  });

  it('changes of a table dropped since (owner UNKNOWN, "OBJ# n") are not silently filtered out', async () => {
    const { db, gw } = setup();
    const start = await gw.currentScn();
    const s = stream(gw, start, ['REGIONS', 'JOBS']);
    await s.next(); // learns the object numbers of the selected tables while they exist
    const ses = db.session('HR');
    ses.update('HR', 'REGIONS', { REGION_ID: 1 }, { REGION_NAME: 'gone soon' });
    ses.commit();
    ses.ddl('DROP TABLE HR.REGIONS');
    const err = await drain(gw, s).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ORACLE_DICTIONARY_MISMATCH' });
    expect((err as Error).message).toContain('HR.REGIONS');
  });

  it('DDL Oracle runs on its own (INFO "INTERNAL DDL") is not migrated; user DDL is', async () => {
    const { db, gw } = setup();
    const start = await gw.currentScn();
    const ses = db.session('HR');
    ses.internalDdl('HR', 'JOB_HISTORY', 'ALTER TABLE "HR"."JOB_HISTORY" ADD PARTITION "SYS_P1234" VALUES LESS THAN (TO_DATE(\' 2027-01-01 00:00:00\', \'SYYYY-MM-DD HH24:MI:SS\'))');
    ses.ddl('CREATE INDEX HR.JH_END_IX ON HR.JOB_HISTORY (END_DATE)');
    const s = stream(gw, start);
    const ddl = (await drain(gw, s)).filter((e) => e.op === 'DDL');
    expect(ddl.map((e) => e.ddl)).toEqual(['CREATE INDEX HR.JH_END_IX ON HR.JOB_HISTORY (END_DATE)']);
    expect(s.stats().internalDdlSkipped).toBe(1);
  });
});
