import type { ChildProcess } from 'node:child_process';
import type { Channel } from '../../../server/oracle/remote/gateway-rpc';

/**
 * The gateway RPC (server/oracle/remote/gateway-rpc.ts) over Node's IPC channel to a child process
 * (advanced serialization carries bigint SCNs and Uint8Array values as they are). Used where the
 * simulated database must live apart from the engine: kill -9 tests (the database outlives the
 * engine process, as a real one does) and benchmarks (a million simulated rows must not sit in the
 * engine's heap). `ora2kafka sim-server` speaks the same RPC over loopback TCP.
 *
 *   database side: serveGateway(channelOf(child), gateway)     engine side: new RpcGateway(channelOf(process))
 */
export { RpcGateway, serveGateway, type Channel } from '../../../server/oracle/remote/gateway-rpc';

/** The IPC channel to a child process, or (with `process`) to this process's parent. */
export function channelOf(p: ChildProcess | NodeJS.Process): Channel {
  return {
    send: (m) => {
      // The callback form swallows EPIPE when the other side is gone (a killed engine).
      if (p.connected) (p.send as (m: unknown, cb: () => void) => boolean)(m, () => undefined);
    },
    onMessage: (l) => void p.on('message', l),
    get connected() {
      return Boolean(p.connected);
    },
  };
}
