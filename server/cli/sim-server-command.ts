import { openGateway } from '../oracle/open-gateway';
import { startSimServer } from '../oracle/remote/sim-server';
import { startDemoWorkload } from '../oracle/sim/registry';

/**
 * `ora2kafka sim-server [--port P] [--workload TX_PER_S]`: the built-in simulated databases
 * (demo-oracle.sim, demo-cdb.sim) served from this process on 127.0.0.1, so the console and every
 * worker of a cluster read one simulated source. Start the others with the printed
 * ORA2KAFKA_SIM_SERVER=127.0.0.1:P. `--workload 5` writes about 5 transactions a second into the
 * demo database, as `npm run demo` does.
 */
export interface SimServerCommandOptions {
  port?: string;
  workload?: string;
  write?: (line: string) => void;
  until?: Promise<void>;
}

export async function simServerCommand(options: SimServerCommandOptions): Promise<number> {
  const write = options.write ?? ((l: string) => process.stdout.write(`${l}\n`));
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    write(`--port ${options.port}: give a port from 1 to 65535 (or leave it out for a free one).`);
    return 2;
  }
  const rate = options.workload === undefined ? 0 : Number(options.workload);
  if (!Number.isFinite(rate) || rate < 0 || rate > 10_000) {
    write(`--workload ${options.workload}: give transactions per second from 0 to 10000.`);
    return 2;
  }
  // In this process the simulator is the in-process one, whatever the environment says.
  const server = await startSimServer({ port, open: (settings) => openGateway(settings, {}, {}) });
  if (rate > 0) startDemoWorkload({ txPerSecond: rate, opsPerTx: [1, 4], rollbackRate: 0.05 });
  write(`sim-server listening on ${server.address}: start the console and workers with ORA2KAFKA_SIM_SERVER=${server.address}`);
  await (options.until ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }));
  await server.close();
  return 0;
}
