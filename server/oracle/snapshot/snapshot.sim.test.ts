import { describe, expect, it } from 'vitest';
import type { OracleGateway } from '../gateway';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway } from '../sim';
import { expectedRows, pagingKey, planHandoff, readTableChunks } from './index';

function sim() {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0 });
  installSampleSchema(db, { employees: 60, documents: 3, typeZooRows: 3 });
  return { db, gw: new SimGateway(db, { host: 's.sim', port: 1521, kind: 'sid', database: 'SIMDB', ...SAMPLE_ACCOUNTS.migration }) };
}

describe('readTableChunks', () => {
  it('pages by the PK, a NOT NULL unique key, else ROWID', async () => {
    const { gw } = sim();
    expect(pagingKey(await gw.describeTable('HR', 'JOB_HISTORY'))).toEqual(['EMPLOYEE_ID', 'START_DATE']);
    expect(pagingKey(await gw.describeTable('HR', 'AUDIT_LOG'))).toEqual(['ROWID']);
    const emp = await gw.describeTable('HR', 'EMPLOYEES');
    expect(pagingKey({ ...emp, primaryKey: null })).toEqual(['EMAIL']);
    expect(pagingKey({ ...emp, primaryKey: null, uniqueKeys: [['PHONE_NUMBER']] })).toEqual(['ROWID']);
  });

  it('reads every row once, resumes after a persisted key, and reads keyless tables by ROWID', async () => {
    const { db, gw } = sim();
    const scn = await gw.currentScn();
    const meta = await gw.describeTable('HR', 'EMPLOYEES');
    const chunks = [];
    for await (const c of readTableChunks(gw, meta, { scn, chunkSize: 25 })) chunks.push(c);
    expect(chunks.map((c) => c.rows.length)).toEqual([25, 25, 10]);
    expect(chunks.map((c) => c.done)).toEqual([false, false, true]);
    const ids = chunks.flatMap((c) => c.rows.map((r) => Number(r[0])));
    expect(ids).toEqual(Array.from({ length: 60 }, (_, i) => 100 + i));
    // a crash after the first chunk: resume from its lastKey, even after later writes (AS OF SCN)
    const s = db.session('HR');
    s.delete('HR', 'EMPLOYEES', { EMPLOYEE_ID: 130 });
    s.commit();
    const rest = [];
    for await (const c of readTableChunks(gw, meta, { scn, chunkSize: 25, afterKey: chunks[0]!.lastKey })) rest.push(...c.rows.map((r) => Number(r[0])));
    expect(rest).toEqual(ids.slice(25));
    const audit = await gw.describeTable('HR', 'AUDIT_LOG');
    let n = 0;
    for await (const c of readTableChunks(gw, audit, { scn, chunkSize: 7 })) n += c.rows.length;
    expect(n).toBe(50);
    expect(await expectedRows(gw, audit, scn, { kind: 'isNull', negated: true, operand: { kind: 'column', name: 'USERNAME' } })).toBe(50);
  });
});

describe('planHandoff', () => {
  it('reads the SCN, then V$TRANSACTION, then the snapshot SCN, and starts at the oldest open transaction', async () => {
    const calls: string[] = [];
    let scn = 1000n;
    const gw = {
      currentScn: async () => {
        calls.push('scn');
        return (scn += 5n);
      },
      openTransactions: async () => {
        calls.push('open');
        return [
          { xid: 'B', startScn: 990n, startTimeMs: 0 },
          { xid: 'A', startScn: 970n, startTimeMs: 0 },
        ];
      },
    } as unknown as OracleGateway;
    const h = await planHandoff(gw);
    expect(calls).toEqual(['scn', 'open', 'scn']);
    expect(h).toMatchObject({ snapshotScn: 1010n, miningStartScn: 970n });
    const idle = await planHandoff({ ...gw, openTransactions: async () => [] } as OracleGateway);
    expect(idle.miningStartScn).toBe(idle.snapshotScn - 5n); // scn0, not S
  });
});
