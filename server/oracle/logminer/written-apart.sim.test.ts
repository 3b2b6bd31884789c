import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../model/change-event';
import { createSimDatabase, ManualClock, SimGateway } from '../sim';
import { collectEvents, collectMined } from './collect';
import { createLogMinerStream } from './log-miner-stream';

/**
 * Values LogMiner writes apart from the DML row, through the whole pipeline: VARCHAR2/RAW over
 * 4,000 bytes (MAX_STRING_SIZE=EXTENDED: LM_EMPTY_STRING in the row, the value in 32K_BEGIN /
 * 32K_WRITE / 32K_END rows) and XMLTYPE (XML DOC BEGIN / WRITE / END; long documents as UTF-8
 * bytes that can split a character between two writes). Before, the placeholder reached Kafka as
 * text, a RAW placeholder failed the task, and XML was dropped.
 */
function setup() {
  const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true } });
  db.createUser('APP', 'app', { roles: ['DBA'] });
  db.session('APP').ddl('CREATE TABLE APP.NOTES (ID NUMBER PRIMARY KEY, BODY VARCHAR2(12000), BIN RAW(8000), DOC XMLTYPE, TITLE VARCHAR2(20))');
  const gw = new SimGateway(db, { host: 'apart.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'APP', password: 'app' });
  return { db, gw };
}

async function events(gw: SimGateway, from: bigint): Promise<ChangeEvent[]> {
  const end = await gw.currentScn();
  const s = createLogMinerStream(gw, { startScn: from, owners: ['APP'], spillDir: mkdtempSync(path.join(tmpdir(), 'apart-')), pollIntervalMs: 0 });
  const out: ChangeEvent[] = [];
  while ((s.stats().lastWindow?.toScn ?? 0n) <= end) for (const tx of await s.next()) out.push(...(await collectEvents(tx)));
  return out;
}

const longText = 'é'.repeat(3000) + 'tail'; // 6,004 bytes in UTF-8
const longXml = `<doc>${'<p>ü€</p>'.repeat(700)}</doc>`; // over 4,000 bytes: written as bytes in pieces
const bin = Buffer.alloc(5000, 0xab);

describe('values written apart (simulator)', () => {
  it('the redo rows look as LogMiner prints them', async () => {
    const { db, gw } = setup();
    const from = await gw.currentScn();
    const s = db.session('APP');
    s.insert('APP', 'NOTES', { ID: 1, BODY: longText, BIN: bin, DOC: longXml, TITLE: 't' });
    s.commit();
    const rows = await collectMined(gw.mine({ fromScn: from, toScn: (await gw.currentScn()) + 1n, logFiles: await gw.logFilesFor(from, null), owners: ['APP'] }));
    const ins = rows.find((r) => r.operationCode === 1)!;
    expect(ins.sqlRedo).toMatch(/^insert into "APP"\."NOTES"\("ID","BODY","BIN","TITLE"\) values \('1',LM_EMPTY_STRING,LM_EMPTY_STRING,'t'\);$/);
    expect(ins.rowId).toBeNull();
    expect(rows.map((r) => r.operationCode).filter((op) => op > 60)).toEqual([91, 92, 92, 92, 92, 93, 91, 92, 92, 92, 92, 92, 93, 68, ...Array(Math.ceil(Buffer.byteLength(longXml) / 1000)).fill(70), 71]);
    expect(rows.find((r) => r.operationCode === 91)!.sqlRedo).toContain(`Stmt := 'update "APP"."NOTES" set "BODY" = :BODY where "ID" = ''1'';';`);
    expect(rows.find((r) => r.operationCode === 68)!.sqlRedo).toBe(`XML DOC BEGIN:  select "DOC" from "APP"."NOTES" where "ID" = '1'`);
  });

  it('assembles extended strings, RAW and XML into the row images; a rolled-back extended update leaves no trace', async () => {
    const { db, gw } = setup();
    const from = await gw.currentScn();
    const s = db.session('APP');
    s.insert('APP', 'NOTES', { ID: 1, BODY: longText, BIN: bin, DOC: longXml, TITLE: 't' });
    s.insert('APP', 'NOTES', { ID: 2, BODY: 'short', DOC: '<a>x</a>', TITLE: 'u' });
    s.commit();
    s.update('APP', 'NOTES', { ID: 2 }, { BODY: 'x'.repeat(4500) });
    s.update('APP', 'NOTES', { ID: 2 }, { DOC: '<a>y</a>' });
    s.savepoint('S');
    s.update('APP', 'NOTES', { ID: 2 }, { BODY: 'z'.repeat(5000) });
    s.rollbackTo('S');
    s.commit();
    const ev = await events(gw, from);
    const ins1 = ev.find((e) => e.op === 'INSERT' && e.after?.[0] === '1')!;
    expect(ins1.after![1]).toBe(longText);
    expect(Buffer.from(ins1.after![2] as Uint8Array).equals(bin)).toBe(true);
    expect(ins1.after![3]).toBe(longXml);
    expect(ins1.after![4]).toBe('t');
    const ins2 = ev.find((e) => e.op === 'INSERT' && e.after?.[0] === '2')!;
    expect(ins2.after!.slice(1, 5)).toEqual(['short', null, '<a>x</a>', 'u']);
    const upd = ev.filter((e) => e.op === 'UPDATE').map((e) => [e.after?.[1] === undefined ? 'U' : String(e.after?.[1]).slice(0, 2) + String(e.after?.[1]).length, e.after?.[3] ?? 'U']);
    // The XML-only UPDATE right after merges into the held UPDATE of the same row (as LOB writes do).
    expect(upd).toEqual([['xx4500', '<a>y</a>']]);
    expect(ev.flatMap((e) => [...(e.before ?? []), ...(e.after ?? [])]).filter((v) => v === 'LM_EMPTY_STRING')).toEqual([]);
  });
});
