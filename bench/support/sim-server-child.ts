/**
 * A simulated Oracle in its own process, served over IPC (rpc-gateway.ts), so benchmarks measure
 * the engine with the source's data outside the engine's heap, as with a real database. Spec in
 * O2K_SIM_SPEC: { "employees": 1000000 }. Sends { t: 'ready', loadMs, bulk } once the rows are loaded.
 *
 *   const child = fork('bench/support/sim-server-child.ts', [], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
 *   const gateway = new RpcGateway(channelOf(child));
 */
import { createSimDatabase, installSampleSchema, ManualClock, SimGateway } from '../../server/oracle/sim';
import { channelOf, serveGateway } from '../../test/support/engine/rpc-gateway';

/**
 * `bulkUpdate: true` then runs one committed statement `UPDATE HR.EMPLOYEES SET SALARY = …` over
 * every row (all its redo under one SCN) and reports the SCNs before and after it.
 */
const spec = JSON.parse(process.env.O2K_SIM_SPEC ?? '{}') as { employees?: number; bulkUpdate?: boolean; logSizeBytes?: number };
const t0 = Date.now();
const db = createSimDatabase({
  clock: new ManualClock(),
  idleScnPerSecond: 0,
  supplementalLogging: { pk: true, ui: true },
  ...(spec.logSizeBytes ? { logSizeBytes: spec.logSizeBytes, archiveMaxBytes: 64 * spec.logSizeBytes } : {}),
});
const employees = spec.employees ?? 1000;
installSampleSchema(db, { employees });
const gateway = () => new SimGateway(db, { host: 'bench.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' });
let bulk: { beforeScn: string; afterScn: string } | null = null;
if (spec.bulkUpdate) {
  const beforeScn = db.scn.next();
  const s = db.session('HR');
  s.statement(() => {
    for (let i = 0; i < employees; i++) s.update('HR', 'EMPLOYEES', { EMPLOYEE_ID: 100 + i }, { SALARY: 1000 + (i % 5000) });
  });
  s.commit();
  bulk = { beforeScn: String(beforeScn), afterScn: String(db.scn.next()) };
}
const channel = channelOf(process);
serveGateway(channel, gateway);
channel.send({ t: 'ready', loadMs: Date.now() - t0, bulk });
process.on('disconnect', () => process.exit(0));
