import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRow, encodeRow, SpillStore } from './spill-store';
import { lmRow } from '../../../test/support/oracle/logminer-fixtures';

describe('SpillStore', () => {
  it('round-trips rows exactly (bigint SCNs, nulls, multi-line SQL)', () => {
    const r = lmRow({ scn: 18446744073709551615n, xid: 'X', operationCode: 10, rowId: 'R', sqlRedo: " buf_c := 'a\nb';\n dbms_lob.write(loc_c, 3, 1, buf_c);", info: 'i' });
    expect(decodeRow(encodeRow(r), 'X')).toEqual(r);
    const c = lmRow({ scn: 5n, xid: 'X', operationCode: 7 });
    expect(decodeRow(encodeRow(c), 'X')).toEqual({ ...c, commitScn: null });
  });

  it('appends, streams back in order, removes; cleans files of stores that are gone, except the ones to adopt', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spill-'));
    const stale = path.join(dir, 'ora2kafka-tx-999999999-1-1.jsonl'); // a process that no longer runs
    const closed = path.join(dir, `ora2kafka-tx-${process.pid}-77-1.jsonl`); // a store of this process not open
    const other = path.join(dir, `ora2kafka-tx-${process.ppid}-1-1.jsonl`); // another running process
    const named = path.join(dir, 'ora2kafka-tx-999999999-2-1.jsonl'); // a checkpoint names it
    for (const f of [stale, closed, other, named]) writeFileSync(f, 'x');
    const store = new SpillStore(dir, new Set([path.basename(named)]));
    expect([stale, closed, other, named].map(existsSync)).toEqual([false, false, true, true]);
    const f = store.create('T1');
    for (let i = 0; i < 3000; i++) f.append(lmRow({ scn: BigInt(i), xid: 'T1', operationCode: 1, sqlRedo: `insert ${i} ${'x'.repeat(100)}` }));
    expect(f.count).toBe(3000);
    const back: bigint[] = [];
    for await (const r of f.rows()) back.push(r.scn);
    expect(back).toEqual(Array.from({ length: 3000 }, (_, i) => BigInt(i)));
    f.remove();
    expect(readdirSync(dir).sort()).toEqual([path.basename(named), path.basename(other)].sort());
    // An open store's files survive a second store on the folder; a closed one's do not.
    const g = store.create('T2');
    g.append(lmRow({ scn: 1n, xid: 'T2', operationCode: 1 }));
    g.flush();
    new SpillStore(dir, new Set([path.basename(named)])).close();
    expect(existsSync(g.path)).toBe(true);
    store.close();
    new SpillStore(dir).close();
    expect(existsSync(g.path)).toBe(false);
  });

  it('adopts the first rows a checkpoint counted, below its SCN, and cuts the file there; refuses a short file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spill-'));
    const store = new SpillStore(dir);
    const f = store.create('T1');
    for (let i = 0; i < 10; i++) f.append(lmRow({ scn: 100n + BigInt(i), xid: 'T1', operationCode: 1, sqlRedo: `insert ${i}` }));
    f.flush();
    const seen: bigint[] = [];
    // The checkpoint counted 8 rows and restarts at 106: rows 100..105 are kept, 106.. mined again.
    const adopted = await store.adopt(f.name, 'T1', 8, 106n, (r) => seen.push(r.scn));
    expect(seen).toEqual([100n, 101n, 102n, 103n, 104n, 105n]);
    expect(adopted!.count).toBe(6);
    adopted!.append(lmRow({ scn: 106n, xid: 'T1', operationCode: 1, sqlRedo: 'insert again' }));
    const back: bigint[] = [];
    for await (const r of adopted!.rows()) back.push(r.scn);
    expect(back).toEqual([100n, 101n, 102n, 103n, 104n, 105n, 106n]);
    expect(adopted!.path).toBe(f.path); // this process's file: used where it is (a retry finds it again)
    // Another process that still runs wrote it: renamed into this store, so that writer appends elsewhere.
    const foreign = path.join(dir, `ora2kafka-tx-${process.ppid}-9-1.jsonl`);
    writeFileSync(foreign, encodeRow(lmRow({ scn: 200n, xid: 'T3', operationCode: 1, sqlRedo: 'insert' })) + '\n');
    const taken = await store.adopt(path.basename(foreign), 'T3', 1, 300n, () => undefined);
    expect(taken!.count).toBe(1);
    expect(taken!.path).not.toBe(foreign);
    expect(existsSync(foreign)).toBe(false);
    expect(await store.adopt(f.name, 'T1', 50, 200n, () => undefined)).toBeNull(); // fewer rows than counted
    expect(await store.adopt('ora2kafka-tx-1-1-404.jsonl', 'T1', 1, 200n, () => undefined)).toBeNull();
    expect(await store.adopt('../escape.jsonl', 'T1', 1, 200n, () => undefined)).toBeNull();
    store.close();
  });
});
