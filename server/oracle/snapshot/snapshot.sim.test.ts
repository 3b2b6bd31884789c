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

describe('readTableChunks over ROWID ranges (keyless tables)', () => {
  it('reads one extent range per chunk, every row once in ROWID order, and resumes inside a later range', async () => {
    const { db, gw } = sim();
    db.loadRows('HR', 'AUDIT_LOG', Array.from({ length: 5000 }, (_, i) => [null, 'BULK', 'LOAD', `row ${i}`]));
    const s = db.session('HR');
    s.delete('HR', 'AUDIT_LOG', { ROWID: db.table('HR', 'AUDIT_LOG').rowIdOfRowNum(50 + 2100) }); // a hole in the second range
    s.commit();
    const scn = await gw.currentScn();
    const audit = await gw.describeTable('HR', 'AUDIT_LOG');
    const bounds = (await gw.rowidRanges('HR', 'AUDIT_LOG'))!;
    expect(bounds.length).toBe(2); // 5,050 row slots in ranges of 2,048: (…, B1], (B1, B2], (B2, …)
    const requests: { rowidUpTo?: string }[] = [];
    const spy: OracleGateway = Object.assign(Object.create(gw) as OracleGateway, {
      readChunk: (req: Parameters<OracleGateway['readChunk']>[0]) => (requests.push(req), gw.readChunk(req)),
    });
    const chunks = [];
    for await (const c of readTableChunks(spy, audit, { scn, chunkSize: 1000 })) chunks.push(c);
    const messages = chunks.flatMap((c) => c.rows.map((r) => String(r[3])));
    expect(messages).toHaveLength(5049);
    expect(new Set(messages).size).toBe(5049);
    expect(messages).not.toContain('row 2100');
    expect(chunks.at(-1)!.done).toBe(true);
    expect(chunks.slice(0, -1).every((c) => !c.done && c.lastKey !== null)).toBe(true);
    // Every read but the final range's names its range's bound.
    expect(requests.filter((r) => r.rowidUpTo === bounds[0]).length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.rowidUpTo === bounds[1]).length).toBeGreaterThan(0);
    expect(requests.at(-1)!.rowidUpTo).toBeUndefined();
    // A crash after the chunk that ended the second range's first 1,000 rows: resume from its key.
    const at = chunks.findIndex((c, i) => i > 0 && requests[i]?.rowidUpTo === bounds[1]);
    const before = chunks.slice(0, at + 1).reduce((n, c) => n + c.rows.length, 0);
    const rest = [];
    for await (const c of readTableChunks(gw, audit, { scn, chunkSize: 1000, afterKey: chunks[at]!.lastKey })) rest.push(...c.rows.map((r) => String(r[3])));
    expect(rest).toEqual(messages.slice(before));
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
