/**
 * A simulated Oracle in its own process, served over IPC (rpc-gateway.ts), so benchmarks measure
 * the engine with the source's data outside the engine's heap, as with a real database. Spec in
 * O2K_SIM_SPEC: { "employees": 1000000 }. Sends { t: 'ready', loadMs } once the rows are loaded.
 *
 *   const child = fork('server/engine/testing/sim-server-child.ts', [], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
 *   const gateway = new RpcGateway(channelOf(child));
 */
import { createSimDatabase, installSampleSchema, ManualClock, SimGateway } from '../../oracle/sim';
import { channelOf, serveGateway } from './rpc-gateway';

const spec = JSON.parse(process.env.O2K_SIM_SPEC ?? '{}') as { employees?: number };
const t0 = Date.now();
const db = createSimDatabase({ clock: new ManualClock(), idleScnPerSecond: 0, supplementalLogging: { pk: true, ui: true } });
installSampleSchema(db, { employees: spec.employees ?? 1000 });
const channel = channelOf(process);
serveGateway(channel, () => new SimGateway(db, { host: 'bench.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' }));
channel.send({ t: 'ready', loadMs: Date.now() - t0 });
process.on('disconnect', () => process.exit(0));
