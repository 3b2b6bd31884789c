import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../model/change-event';
import type { ColumnValue } from '../../model/oracle-types';
import type { Scn } from '../../model/scn';
import { LogMissingError } from '../errors';
import type { OracleGateway } from '../gateway';
import { collectEvents, createLogMinerStream } from '../logminer';
import { parseRedo } from '../redo';
import { planHandoff, readTableChunks } from '../snapshot';
import { collectMined } from '../logminer/collect';
import { Op } from '../logminer/operation-codes';

/**
 * Behaviour every OracleGateway must show, run against the simulator (unit suite) and against a
 * real Oracle through the oracledb gateway (test/oracle, when ORACLE_TEST_URL is set). The test
 * table, created by the fixture in the fixture's own way:
 *   CREATE TABLE <table> (ID NUMBER(10) PRIMARY KEY, NAME VARCHAR2(40), AMOUNT NUMBER(12,2))
 */

export interface ContractTx {
  insert(row: { ID: number; NAME: string | null; AMOUNT: string | null }): Promise<void>;
  update(id: number, changes: { NAME?: string | null; AMOUNT?: string | null }): Promise<void>;
  delete(id: number): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface ContractFixtures {
  owner: string;
  table: string;
  /** (Re)creates the empty test table. */
  createTable(): Promise<void>;
  /** A new transaction on its own session (as the table owner). */
  begin(): Promise<ContractTx>;
  dispose?(): Promise<void>;
  /** Per-test-run timeout for mining loops (real databases need more). */
  miningTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function describeGatewayContract(name: string, makeGateway: () => Promise<OracleGateway>, fixtures: () => Promise<ContractFixtures>): void {
  describe(`OracleGateway contract: ${name}`, () => {
    let gw: OracleGateway;
    let fx: ContractFixtures;

    beforeAll(async () => {
      fx = await fixtures();
      await fx.createTable();
      gw = await makeGateway();
    }, 120_000);

    afterAll(async () => {
      await gw?.close();
      await fx?.dispose?.();
    });

    async function committed(fn: (tx: ContractTx) => Promise<void>): Promise<void> {
      const tx = await fx.begin();
      await fn(tx);
      await tx.commit();
    }

    async function readAll(scn: Scn, limit: number): Promise<ColumnValue[][]> {
      const meta = await gw.describeTable(fx.owner, fx.table);
      const out: ColumnValue[][] = [];
      for await (const chunk of readTableChunks(gw, meta, { scn, chunkSize: limit })) out.push(...chunk.rows);
      return out;
    }

    /** Mines [fromScn, upTo] through the real pipeline and returns the committed transactions' events. */
    async function mineEvents(fromScn: Scn, upTo: Scn, emitAfter: Scn | null = null): Promise<{ xid: string; events: ChangeEvent[] }[]> {
      const stream = createLogMinerStream(gw, {
        startScn: fromScn,
        emitAfterCommitScn: emitAfter,
        owners: [fx.owner],
        tables: [{ owner: fx.owner, table: fx.table }],
        spillDir: mkdtempSync(path.join(tmpdir(), 'contract-spill-')),
        pollIntervalMs: 200,
      });
      const out: { xid: string; events: ChangeEvent[] }[] = [];
      const deadline = Date.now() + (fx.miningTimeoutMs ?? 10_000);
      try {
        while ((stream.stats().lastWindow?.toScn ?? 0n) <= upTo) {
          if (Date.now() > deadline) throw new Error(`mining did not reach SCN ${upTo} in time (at ${stream.stats().lastWindow?.toScn})`);
          for (const tx of await stream.next()) out.push({ xid: tx.xid, events: await collectEvents(tx) });
        }
      } finally {
        await stream.close();
      }
      return out;
    }

    it('describes the test table from the catalog', async () => {
      expect(await gw.listSchemas()).toContain(fx.owner);
      const tables = await gw.listTables(fx.owner);
      expect(tables.find((t) => t.name === fx.table)).toMatchObject({ owner: fx.owner, hasPrimaryKey: true });
      const meta = await gw.describeTable(fx.owner, fx.table);
      expect(meta.columns.map((c) => [c.name, c.type, c.precision, c.scale])).toEqual([
        ['ID', 'NUMBER', 10, 0],
        ['NAME', 'VARCHAR2', null, null],
        ['AMOUNT', 'NUMBER', 12, 2],
      ]);
      expect(meta.columns[1]!.charLength).toBe(40);
      expect(meta.columns[0]!.nullable).toBe(false);
      expect(meta.primaryKey).toEqual(['ID']);
      expect((await gw.objectDdl(fx.owner, 'TABLE', fx.table)).toUpperCase()).toContain('CREATE TABLE');
    });

    it('reads AS OF SCN: an old SCN still sees the data before a later update', async () => {
      await committed(async (tx) => tx.insert({ ID: 1, NAME: 'before', AMOUNT: '10.50' }));
      const scn1 = await gw.currentScn();
      await committed(async (tx) => tx.update(1, { NAME: 'after' }));
      const scn2 = await gw.currentScn();
      expect(scn2).toBeGreaterThan(scn1);
      const old = await readAll(scn1, 10);
      const now = await readAll(scn2, 10);
      expect(old.find((r) => r[0] === '1')).toEqual(['1', 'before', '10.5']);
      expect(now.find((r) => r[0] === '1')).toEqual(['1', 'after', '10.5']);
    });

    it('pages through every row exactly once, in key order, with and without a filter', async () => {
      await committed(async (tx) => {
        for (let id = 100; id < 125; id++) await tx.insert({ ID: id, NAME: `n${id}`, AMOUNT: String(id % 5) });
      });
      const scn = await gw.currentScn();
      const rows = (await readAll(scn, 7)).filter((r) => Number(r[0]) >= 100);
      expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 25 }, (_, i) => 100 + i));
      const filtered = await gw.readChunk({
        owner: fx.owner, table: fx.table, scn, keyColumns: ['ID'], afterKey: ['99'], limit: 100,
        filter: { kind: 'compare', op: '=', left: { kind: 'column', name: 'AMOUNT' }, right: { kind: 'number', text: '3' } },
      });
      expect(filtered.rows.map((r) => r[0])).toEqual(['103', '108', '113', '118', '123']);
      expect(filtered.lastKey).toBeNull();
      expect(await gw.countRows(fx.owner, fx.table, scn, { kind: 'compare', op: '>=', left: { kind: 'column', name: 'ID' }, right: { kind: 'number', text: '100' } })).toBe(25);
    });

    it('lists a transaction that is open, with a start SCN the hand-off can start mining from', async () => {
      const tx = await fx.begin();
      const before = await gw.currentScn();
      await tx.insert({ ID: 200, NAME: 'open', AMOUNT: null });
      const open = await gw.openTransactions();
      const mine = open.filter((t) => t.startScn >= before);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine[0]!.xid).toMatch(/^[0-9A-F]{16}$/);
      const handoff = await planHandoff(gw);
      expect(handoff.miningStartScn).toBeLessThanOrEqual(mine[0]!.startScn);
      expect(handoff.snapshotScn).toBeGreaterThanOrEqual(handoff.miningStartScn);
      await tx.rollback();
      const after = await gw.openTransactions();
      expect(after.map((t) => t.xid)).not.toContain(mine[0]!.xid);
    });

    it('mines committed insert/update/delete with their values and leaves rolled-back work out', async () => {
      const start = await gw.currentScn();
      await committed(async (tx) => tx.insert({ ID: 300, NAME: "O'Brien", AMOUNT: '12.25' }));
      const rolledBack = await fx.begin();
      await rolledBack.insert({ ID: 301, NAME: 'ghost', AMOUNT: '1' });
      await rolledBack.rollback();
      await committed(async (tx) => tx.update(300, { AMOUNT: '99.99' }));
      await committed(async (tx) => tx.delete(300));
      const end = await gw.currentScn();

      const logFiles = await gw.logFilesFor(start, end + 1n);
      expect(logFiles.length).toBeGreaterThan(0);
      const rows = await collectMined(gw.mine({ fromScn: start, toScn: end + 1n, logFiles, owners: [fx.owner] }));
      const inserts = rows.filter((r) => r.operationCode === Op.INSERT && r.tableName === fx.table && r.rollback === 0).map((r) => parseRedo(r.sqlRedo!));
      expect(inserts.find((s) => s.after?.ID === '300')?.after).toMatchObject({ ID: '300', NAME: "O'Brien", AMOUNT: '12.25' });

      const txs = await mineEvents(start, end);
      const events = txs.flatMap((t) => t.events).filter((e) => e.table === fx.table);
      expect(events.map((e) => e.op)).toEqual(['INSERT', 'UPDATE', 'DELETE']);
      expect(events[0]!.after).toEqual(['300', "O'Brien", '12.25']);
      expect(events[1]!.before?.[0]).toBe('300');
      expect(events[1]!.after?.[2]).toBe('99.99');
      expect(events[2]!.before?.[0]).toBe('300');
      expect(events.every((e) => e.commitScn > start && e.commitScn <= end)).toBe(true);
      expect(new Set(txs.map((t) => t.xid)).size).toBe(txs.length);
    });

    it("reads the database's clock, the one mined commit times are in", async () => {
      const start = await gw.currentScn();
      const before = await gw.databaseTimeMs();
      await committed(async (tx) => tx.insert({ ID: 350, NAME: 'clock', AMOUNT: null }));
      const after = await gw.databaseTimeMs();
      const end = await gw.currentScn();
      expect(Number.isFinite(before)).toBe(true);
      expect(after).toBeGreaterThanOrEqual(before);
      const [event] = (await mineEvents(start, end)).flatMap((t) => t.events).filter((e) => e.table === fx.table);
      // LogMiner's TIMESTAMP is a DATE: whole seconds, so the commit may read up to a second earlier.
      expect(event!.commitTimeMs).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
      expect(event!.commitTimeMs).toBeLessThanOrEqual(after);
    });

    it('lists the archived logs of the last 24 hours once each, with their sizes and times (the redo volume precheck)', async () => {
      const logs = await gw.archivedLogVolume(24);
      expect(new Set(logs.map((l) => `${l.thread}:${l.sequence}`)).size).toBe(logs.length);
      const now = await gw.databaseTimeMs();
      for (const l of logs) {
        expect(l.bytes).toBeGreaterThanOrEqual(0);
        expect(l.nextTimeMs).toBeGreaterThanOrEqual(l.firstTimeMs);
        expect(l.firstTimeMs).toBeGreaterThanOrEqual(now - 24 * 3_600_000 - 2000);
      }
    });

    it('emits only transactions committing after the hand-off SCN', async () => {
      const start = await gw.currentScn();
      const early = await fx.begin();
      await early.insert({ ID: 400, NAME: 'straddles', AMOUNT: null });
      const handoff = await planHandoff(gw);
      await committed(async (tx) => tx.insert({ ID: 401, NAME: 'after', AMOUNT: null }));
      await early.commit();
      const end = await gw.currentScn();
      expect(handoff.miningStartScn).toBeLessThanOrEqual(handoff.snapshotScn);
      const snap = (await readAll(handoff.snapshotScn, 50)).map((r) => r[0]);
      expect(snap).not.toContain('400');
      const ids = (await mineEvents(handoff.miningStartScn, end, handoff.snapshotScn)).flatMap((t) => t.events).map((e) => e.after?.[0]);
      expect(ids).toEqual(['401', '400']);
      expect(start).toBeLessThanOrEqual(handoff.miningStartScn);
    });

    it('fails with LogMissingError for an SCN no log covers any more', async () => {
      const err = await gw.logFilesFor(1n, null).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LogMissingError);
      expect((err as LogMissingError).retriable).toBe(false);
      expect((err as LogMissingError).hint).toMatch(/retention/i);
      await sleep(0);
    });
  });
}
