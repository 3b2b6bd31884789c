import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimDatabase, installSampleSchema, ManualClock, SAMPLE_ACCOUNTS, SimGateway } from '../sim';
import { readTableChunks } from '../snapshot';
import { collectEvents, createLogMinerStream } from './index';

/**
 * TIMESTAMP WITH TIME ZONE stored with a region ('Asia/Shanghai'): LogMiner prints it with the
 * session's TZH:TZM format (an offset), so the snapshot must read the offset too — the same row
 * must look the same in the full load and in incremental migration.
 */
describe('TIMESTAMP WITH TIME ZONE stored with a region', () => {
  it('reads as the same offset value in the snapshot and in redo', async () => {
    const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true } });
    installSampleSchema(db, { employees: 5, documents: 1, typeZooRows: 1 });
    const gw = new SimGateway(db, { host: 'tz.sim', port: 1521, kind: 'sid', database: 'SIMDB', ...SAMPLE_ACCOUNTS.migration });
    const start = await gw.currentScn();
    const hr = db.session('HR');
    const winter = { year: 2021, month: 1, day: 15, hour: 9, minute: 30, second: 0, nanos: 0, tz: 'Asia/Shanghai' };
    const summer = { year: 2021, month: 7, day: 1, hour: 12, minute: 0, second: 0, nanos: 0, tz: 'America/New_York' };
    hr.insert('HR', 'AUDIT_LOG', { LOGGED_AT: winter, USERNAME: 'TZ1', ACTION: 'LOGIN', DETAILS: 'region' });
    hr.insert('HR', 'AUDIT_LOG', { LOGGED_AT: summer, USERNAME: 'TZ2', ACTION: 'LOGIN', DETAILS: 'region' });
    hr.commit();
    const end = await gw.currentScn();

    const meta = await gw.describeTable('HR', 'AUDIT_LOG');
    const snapshot = [];
    for await (const c of readTableChunks(gw, meta, { scn: end })) snapshot.push(...c.rows.filter((r) => r[1] === 'TZ1' || r[1] === 'TZ2'));
    const stream = createLogMinerStream(gw, { startScn: start, owners: ['HR'], spillDir: mkdtempSync(path.join(tmpdir(), 'tz-')), pollIntervalMs: 0 });
    const redo = [];
    while ((stream.stats().lastWindow?.toScn ?? 0n) <= end) for (const tx of await stream.next()) redo.push(...(await collectEvents(tx)).map((e) => e.after!));
    await stream.close();

    const byUser = (rows: unknown[][]) => Object.fromEntries(rows.map((r) => [r[1], r[0]]));
    expect(byUser(snapshot)).toEqual({ TZ1: { ...winter, tz: '+08:00' }, TZ2: { ...summer, tz: '-04:00' } });
    expect(byUser(redo)).toEqual(byUser(snapshot));
  });
});
