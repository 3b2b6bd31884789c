import { afterEach, describe, expect, it } from 'vitest';
import type { OracleConnectionSettings } from '../gateway';
import { collectMined } from '../logminer/collect';
import { openGateway } from '../open-gateway';
import { openSimGateway, registerSimDatabase, unregisterSimDatabase } from '../sim/registry';
import { installSampleSchema } from '../sim/sample-schema';
import { testDb } from '../../../test/support/oracle/sim-fixtures';
import { startSimServer, type SimServer } from './sim-server';

const settings = (over: Partial<OracleConnectionSettings> = {}): OracleConnectionSettings => ({ host: 'remote-unit.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'MINER', password: 'miner', ...over });

let server: SimServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  unregisterSimDatabase('remote-unit');
});

describe('the simulator server (ora2kafka sim-server) over loopback TCP', () => {
  it('serves the registry database to a gateway in another "process": catalog, AS OF reads and mining, bigint SCNs intact', async () => {
    const { db } = testDb({ supplementalLogging: { pk: true } });
    installSampleSchema(db, { employees: 30 });
    registerSimDatabase('remote-unit', db);
    server = await startSimServer({ open: (s) => openSimGateway(s) });
    const env = { ORA2KAFKA_SIM_SERVER: server.address };
    const gw = await openGateway(settings({ user: 'DTS_SYNC', password: 'dts_sync' }), {}, env);
    const scn = await gw.currentScn();
    expect(typeof scn).toBe('bigint');
    expect(scn).toBe(db.scn.current());
    expect((await gw.listTables('HR')).map((t) => t.name)).toContain('EMPLOYEES');
    const chunk = await gw.readChunk({ owner: 'HR', table: 'REGIONS', scn, keyColumns: ['REGION_ID'], afterKey: null, limit: 100 });
    expect(chunk.rows.length).toBeGreaterThan(0);

    const s = db.session('HR');
    s.update('HR', 'REGIONS', { REGION_ID: 1 }, { REGION_NAME: 'Far Away' });
    s.commit();
    const end = db.scn.current();
    const rows = await collectMined(gw.mine({ fromScn: scn, toScn: end + 1n, logFiles: await gw.logFilesFor(scn, null) }));
    expect(rows.some((r) => (r.sqlRedo ?? '').includes('Far Away'))).toBe(true);
    await gw.close();
  });

  it('answers a wrong password, an unknown host and a stopped server with the ORA errors a real database gives', async () => {
    const { db } = testDb();
    registerSimDatabase('remote-unit', db);
    server = await startSimServer({ open: (s) => openSimGateway(s) });
    const env = { ORA2KAFKA_SIM_SERVER: server.address };
    await expect(openGateway(settings({ password: 'nope' }), {}, env)).rejects.toMatchObject({ code: 'ORA-01017', retriable: false });
    await expect(openGateway(settings({ host: 'nowhere.sim' }), {}, env)).rejects.toMatchObject({ code: 'HOST-NOT-FOUND' });
    const gw = await openGateway(settings(), {}, env);
    await server.close();
    server = null;
    await expect(gw.currentScn()).rejects.toMatchObject({ code: 'ORA-03113', retriable: true });
    await expect(openGateway(settings(), {}, env)).rejects.toMatchObject({ code: 'ORA-12541', retriable: true });
  });

  it('listens on loopback only', async () => {
    await expect(startSimServer({ host: '0.0.0.0', open: (s) => openSimGateway(s) })).rejects.toThrow(/loopback only/);
  });
});
