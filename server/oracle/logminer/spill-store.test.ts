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

  it('appends, streams back in order, removes; cleans files of dead processes only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spill-'));
    const stale = path.join(dir, 'ora2kafka-tx-999999999-1-1.jsonl');
    const mine = path.join(dir, `ora2kafka-tx-${process.pid}-77-1.jsonl`);
    writeFileSync(stale, 'x');
    writeFileSync(mine, 'y');
    const store = new SpillStore(dir);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    const f = store.create('T1');
    for (let i = 0; i < 3000; i++) f.append(lmRow({ scn: BigInt(i), xid: 'T1', operationCode: 1, sqlRedo: `insert ${i} ${'x'.repeat(100)}` }));
    expect(f.count).toBe(3000);
    const back: bigint[] = [];
    for await (const r of f.rows()) back.push(r.scn);
    expect(back).toEqual(Array.from({ length: 3000 }, (_, i) => BigInt(i)));
    f.remove();
    expect(readdirSync(dir)).toEqual([path.basename(mine)]);
  });
});
