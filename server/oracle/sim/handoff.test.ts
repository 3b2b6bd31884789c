import { describe, expect, it } from 'vitest';
import type { ColumnValue, TableMeta } from '../../model/oracle-types';
import type { LogMinerRow } from '../gateway';
import { convertRedoValue, parseRedo } from '../redo';
import { installSampleSchema } from './sample-schema';
import { LONG_TABLE_NAME } from './sample-ddl';
import { ManualClock } from './sim-clock';
import { createSimDatabase } from './sim-database';
import { SimGateway } from './sim-gateway';
import { Workload } from './workload';
import { collectMined } from '../logminer/collect';

const TABLES = ['EMPLOYEES', 'JOB_HISTORY', 'REGIONS', LONG_TABLE_NAME];

const canon = (v: ColumnValue | undefined): unknown => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v);
const keyOf = (meta: TableMeta, row: ColumnValue[]): string =>
  JSON.stringify(meta.primaryKey!.map((k) => canon(row[meta.columns.findIndex((c) => c.name === k)])));

/** Full image of every table AS OF scn, keyed by primary key. */
async function snapshot(gw: SimGateway, metas: Map<string, TableMeta>, scn: bigint): Promise<Map<string, Map<string, ColumnValue[]>>> {
  const out = new Map<string, Map<string, ColumnValue[]>>();
  for (const [name, meta] of metas) {
    const rows = new Map<string, ColumnValue[]>();
    let afterKey: ColumnValue[] | null = null;
    do {
      const chunk = await gw.readChunk({ owner: 'HR', table: name, scn, keyColumns: meta.primaryKey!, afterKey, limit: 97 });
      for (const r of chunk.rows) rows.set(keyOf(meta, r), r);
      afterKey = chunk.lastKey;
    } while (afterKey);
    out.set(name, rows);
  }
  return out;
}

/** A minimal consumer: joins CSF pieces, buffers per XID, honours ROLLBACK=1 rows, applies commits after `snapshotScn`. */
function replay(rows: LogMinerRow[], snapshotScn: bigint, metas: Map<string, TableMeta>, state: Map<string, Map<string, ColumnValue[]>>): number {
  const open = new Map<string, { rowId: string | null; sql: string; table: string }[]>();
  let applied = 0;
  let pending = '';
  for (const r of rows) {
    if (r.csf === 1) {
      pending += r.sqlRedo ?? '';
      continue;
    }
    const sql = pending + (r.sqlRedo ?? '');
    pending = '';
    const buf = open.get(r.xid) ?? [];
    open.set(r.xid, buf);
    if (r.operationCode === 7) {
      if (r.commitScn! > snapshotScn) for (const e of buf) applied += apply(e, metas, state);
      open.delete(r.xid);
    } else if (r.operationCode === 36) open.delete(r.xid);
    else if ([1, 2, 3].includes(r.operationCode) && metas.has(r.tableName!)) {
      if (r.rollback === 1) buf.splice(buf.map((e) => e.rowId).lastIndexOf(r.rowId), 1);
      else buf.push({ rowId: r.rowId, sql, table: r.tableName! });
    }
  }
  return applied;
}

function apply(e: { sql: string; table: string }, metas: Map<string, TableMeta>, state: Map<string, Map<string, ColumnValue[]>>): number {
  const meta = metas.get(e.table)!;
  const rows = state.get(e.table)!;
  const stmt = parseRedo(e.sql);
  const typed = (values: Record<string, string | null>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, convertRedoValue(meta.columns.find((c) => c.name === k)!, v, !/^[A-Z_]+\(/.test(v ?? ''))]));
  const before = stmt.before ? typed(stmt.before) : null;
  const after = stmt.after ? typed(stmt.after) : null;
  const oldKey = before ? JSON.stringify(meta.primaryKey!.map((k) => canon(before[k] as ColumnValue))) : null;
  if (stmt.operation === 'INSERT') {
    const row = meta.columns.map((c) => (after![c.name] ?? null) as ColumnValue);
    rows.set(keyOf(meta, row), row);
  } else if (stmt.operation === 'DELETE') {
    expect(rows.delete(oldKey!)).toBe(true);
  } else {
    const row = rows.get(oldKey!);
    expect(row).toBeDefined();
    const next = meta.columns.map((c, i) => (c.name in after! ? (after![c.name] as ColumnValue) : row![i]!));
    rows.delete(oldKey!);
    rows.set(keyOf(meta, next), next);
  }
  return 1;
}

describe('snapshot + LogMiner hand-off over the simulator', () => {
  it('loses no change and applies none twice with transactions open across the snapshot SCN', async () => {
    const clock = new ManualClock();
    const db = createSimDatabase({ clock, idleScnPerSecond: 0, logSizeBytes: 40_000, supplementalLogging: { pk: true } });
    installSampleSchema(db, { employees: 400 });
    const gw = new SimGateway(db, { host: 'h.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });
    const metas = new Map<string, TableMeta>();
    for (const t of TABLES) metas.set(t, await gw.describeTable('HR', t));
    const work = new Workload(db, { seed: 11, tables: TABLES.map((t) => `HR.${t}`), longTxRate: 0.15, longTxMs: 4_000, rollbackRate: 0.1, savepointRate: 0.15 });
    for (let i = 0; i < 6; i++) {
      work.runTransactions(40);
      clock.advance(1_000);
    }
    const snapScn = await gw.currentScn();
    const openAtSnap = await gw.openTransactions();
    expect(openAtSnap.length).toBeGreaterThan(0);
    const state = await snapshot(gw, metas, snapScn);
    for (let i = 0; i < 10; i++) {
      work.runTransactions(40);
      clock.advance(1_000);
    }
    work.drain();
    const endScn = await gw.currentScn();

    const startScn = openAtSnap.reduce((m, t) => (t.startScn < m ? t.startScn : m), snapScn);
    const mined: LogMinerRow[] = [];
    for (let from = startScn; from <= endScn; from += 250n) {
      const to = from + 250n;
      mined.push(...(await collectMined(gw.mine({ fromScn: from, toScn: to, logFiles: await gw.logFilesFor(from, to), owners: ['HR'] }))));
    }
    expect(db.redo.currentSequence()).toBeGreaterThan(3); // the windows crossed log switches
    const applied = replay(mined, snapScn, metas, state);
    expect(applied).toBeGreaterThan(200);

    const final = await snapshot(gw, metas, endScn);
    for (const t of TABLES) {
      const got = [...state.get(t)!.entries()].sort().map(([k, r]) => [k, r.map(canon)]);
      const want = [...final.get(t)!.entries()].sort().map(([k, r]) => [k, r.map(canon)]);
      expect(got, t).toEqual(want);
    }
  });
});
