import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../model/change-event';
import type { LogMinerRow, MineRequest } from '../gateway';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway } from '../sim';
import { collectEvents } from './collect';
import { createLogMinerStream, type LogMinerStreamOptions } from './log-miner-stream';

/**
 * The table selection is pushed into the contents query: rows of tables nobody migrates never
 * leave the source. A whole-schema selection keeps every table of that owner (including tables
 * created later), while another owner's listed tables stay narrowed.
 */
function setup() {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: 20, documents: 1, typeZooRows: 1 });
  db.createUser('APP', 'app', { roles: ['DBA'] });
  db.session('APP').ddl('CREATE TABLE APP.NOTES (ID NUMBER PRIMARY KEY, TITLE VARCHAR2(20))');
  const { user, password } = SAMPLE_ACCOUNTS.migration;
  const gw = new SimGateway(db, { host: 'sel.sim', port: 1521, kind: 'sid', database: 'SIMDB', user, password });
  // Every row the gateway hands out, as the source would send it.
  const sent: LogMinerRow[] = [];
  const requests: MineRequest[] = [];
  const mine = gw.mine.bind(gw);
  gw.mine = async function* (req: MineRequest) {
    requests.push(req);
    for await (const batch of mine(req)) {
      sent.push(...batch);
      yield batch;
    }
  };
  return { db, gw, sent, requests };
}

async function run(gw: SimGateway, from: bigint, opts: Pick<LogMinerStreamOptions, 'owners' | 'tables' | 'wholeSchemas'>): Promise<ChangeEvent[]> {
  const end = await gw.currentScn();
  const s = createLogMinerStream(gw, { startScn: from, ...opts, spillDir: mkdtempSync(path.join(tmpdir(), 'sel-')), pollIntervalMs: 0, sleep: async () => undefined });
  const out: ChangeEvent[] = [];
  while ((s.stats().lastWindow?.toScn ?? 0n) <= end) for (const tx of await s.next()) out.push(...(await collectEvents(tx)));
  await s.close();
  return out;
}

describe('table selection pushed into the contents query (simulator)', () => {
  it('rows of unselected tables are not sent; the owner’s DDL is', async () => {
    const { db, gw, sent } = setup();
    const start = await gw.currentScn();
    const hr = db.session('HR');
    hr.update('HR', 'JOBS', { JOB_ID: 'AD_PRES' }, { MAX_SALARY: 41000 });
    hr.update('HR', 'REGIONS', { REGION_ID: 1 }, { REGION_NAME: 'not selected' });
    hr.commit();
    // Makes the REGIONS update unreadable with the online catalog — harmless, as it is never sent.
    hr.ddl('ALTER TABLE HR.REGIONS ADD (GRADE NUMBER(2))');
    const events = await run(gw, start, { owners: ['HR'], tables: [{ owner: 'HR', table: 'JOBS' }] });
    expect(events.map((e) => [e.op, e.table])).toEqual([
      ['UPDATE', 'JOBS'],
      ['DDL', 'REGIONS'],
    ]);
    const dmlTables = new Set(sent.filter((r) => r.operationCode === 3).map((r) => r.tableName));
    expect([...dmlTables]).toEqual(['JOBS']);
  });

  it('a whole schema keeps every table of its owner, while the other owner stays narrowed', async () => {
    const { db, gw, sent, requests } = setup();
    const start = await gw.currentScn();
    const app = db.session('APP');
    app.ddl('CREATE TABLE APP.LATER (ID NUMBER PRIMARY KEY)');
    app.insert('APP', 'NOTES', { ID: 1, TITLE: 'n' });
    app.insert('APP', 'LATER', { ID: 7 });
    app.commit();
    const hr = db.session('HR');
    hr.update('HR', 'JOBS', { JOB_ID: 'AD_PRES' }, { MAX_SALARY: 42000 });
    hr.update('HR', 'REGIONS', { REGION_ID: 1 }, { REGION_NAME: 'not selected' });
    hr.commit();
    const events = await run(gw, start, { owners: ['APP', 'HR'], tables: [{ owner: 'HR', table: 'JOBS' }], wholeSchemas: ['APP'] });
    expect(events.filter((e) => e.op !== 'DDL').map((e) => `${e.owner}.${e.table}`)).toEqual(['APP.NOTES', 'APP.LATER', 'HR.JOBS']);
    expect(sent.some((r) => r.tableName === 'REGIONS' && r.operationCode === 3)).toBe(false);
    expect(requests[0]!.selection).toEqual([
      { owner: 'APP', tables: null },
      { owner: 'HR', tables: ['JOBS'] },
    ]);
  });
});
