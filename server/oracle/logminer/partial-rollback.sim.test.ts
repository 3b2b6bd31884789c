import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../model/change-event';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway, type SimDatabase } from '../sim';
import { collectEvents } from './collect';
import { createLogMinerStream } from './log-miner-stream';

/**
 * Partial rollbacks through the whole pipeline on the simulator, which writes redo the way Oracle
 * 23ai does (out-of-line LOB rows and the INSERT of a row with LOB values name no ROW_ID; LOB data
 * is not re-written by undo, the undone statement gets one compensating row). What a consumer
 * applies must equal the source — the case an independent check found: an UPDATE of only the
 * LOB column, undone by ROLLBACK TO SAVEPOINT, reached Kafka as committed.
 */
function setup(): { db: SimDatabase; gw: SimGateway } {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true } });
  installSampleSchema(db, { employees: 10, documents: 5, typeZooRows: 1 });
  const { user, password } = SAMPLE_ACCOUNTS.migration;
  return { db, gw: new SimGateway(db, { host: 'rb.sim', port: 1521, kind: 'sid', database: 'SIMDB', user, password }) };
}

async function mined(gw: SimGateway, fromScn: bigint, maxEventsInMemoryPerTx = 10_000): Promise<ChangeEvent[]> {
  const end = await gw.currentScn();
  const stream = createLogMinerStream(gw, { startScn: fromScn, owners: ['HR'], spillDir: mkdtempSync(path.join(tmpdir(), 'rb-')), pollIntervalMs: 0, maxEventsInMemoryPerTx });
  const out: ChangeEvent[] = [];
  while ((stream.stats().lastWindow?.toScn ?? 0n) <= end) for (const tx of await stream.next()) out.push(...(await collectEvents(tx)));
  await stream.close();
  return out;
}

const long = (c: string) => c.repeat(5000);

describe('partial rollbacks, mined (simulator)', () => {
  for (const spill of [false, true]) {
    it(`an UPDATE of only a LOB column undone by ROLLBACK TO SAVEPOINT leaves no trace${spill ? ' (spilled transaction)' : ''}`, async () => {
      const { db, gw } = setup();
      const start = await gw.currentScn();
      const s = db.session('HR');
      s.update('HR', 'DOCUMENTS', { DOC_ID: 1 }, { BODY: long('a') }); // out of line: locator + writes, no ROW_ID
      s.update('HR', 'DOCUMENTS', { DOC_ID: 2 }, { BODY: 'kept short' }); // inline UPDATE with the ROW_ID
      s.savepoint('S1');
      s.update('HR', 'DOCUMENTS', { DOC_ID: 1 }, { BODY: long('b') });
      s.update('HR', 'DOCUMENTS', { DOC_ID: 2 }, { BODY: 'undone short' });
      s.insert('HR', 'DOCUMENTS', { DOC_ID: 90, TITLE: 't', BODY: long('c') }); // INSERT without ROW_ID
      s.rollbackTo('S1');
      s.commit();
      const events = await mined(gw, start, spill ? 2 : 10_000);
      const docs = events.filter((e) => e.table === 'DOCUMENTS');
      const bodyOf = (id: string) => docs.filter((e) => e.after?.[0] === id || e.before?.[0] === id).map((e) => String(e.after?.[2] ?? '').slice(0, 3));
      expect(bodyOf('1')).toEqual(['aaa']);
      expect(bodyOf('2')).toEqual(['kep']);
      expect(docs.some((e) => e.after?.[0] === '90')).toBe(false);
      const source = s.get('HR', 'DOCUMENTS', { DOC_ID: 1 })!;
      expect(String(source[2]).slice(0, 3)).toBe('aaa');
    });
  }

  it('an index-organized table: no ROW_IDs in its redo, rollbacks matched by primary key', async () => {
    const { db, gw } = setup();
    db.session('HR').ddl('CREATE TABLE HR.RATES (CODE VARCHAR2(3) PRIMARY KEY, RATE NUMBER) ORGANIZATION INDEX');
    const start = await gw.currentScn();
    const s = db.session('HR');
    s.insert('HR', 'RATES', { CODE: 'EUR', RATE: 1 });
    s.insert('HR', 'RATES', { CODE: 'USD', RATE: 2 });
    s.savepoint('S1');
    s.update('HR', 'RATES', { CODE: 'EUR' }, { RATE: 5 });
    s.delete('HR', 'RATES', { CODE: 'USD' });
    s.insert('HR', 'RATES', { CODE: 'GBP', RATE: 3 });
    s.rollbackTo('S1');
    s.update('HR', 'RATES', { CODE: 'USD' }, { RATE: 7 });
    s.commit();
    const events = (await mined(gw, start)).filter((e) => e.table === 'RATES');
    expect(events.map((e) => e.rowId ?? null)).toEqual(events.map(() => null));
    expect(events.map((e) => [e.op, (e.after ?? e.before)![0], e.after?.[1]])).toEqual([
      ['INSERT', 'EUR', '1'],
      ['INSERT', 'USD', '2'],
      ['UPDATE', 'USD', '7'],
    ]);
  });
});
