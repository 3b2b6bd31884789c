import net from 'node:net';
import type { OracleConnectionSettings, OracleGateway } from '../gateway';
import { serveGateway, toWireError } from './gateway-rpc';
import { tcpChannel } from './tcp-channel';

/**
 * Serves simulated databases to other processes over loopback TCP (`ora2kafka sim-server`), so the
 * console and every worker of a cluster read one source, as they would one Oracle database. Each
 * connection is one gateway: the client first names what it connects to, then calls methods
 * (gateway-rpc.ts):
 *
 *   client → { t: 'open', settings: { host: 'demo-oracle.sim', database: 'SIMDB', user: 'DTS_SYNC', … } }
 *   server → { t: 'opened', ok: true }      (or ok: false with the ORA- error, e.g. ORA-12545 for an unknown host)
 *   client → { t: 'call', id: 1, method: 'currentScn', args: [] } …
 */
export interface SimServer {
  host: string;
  port: number;
  /** "127.0.0.1:41234", the value of ORA2KAFKA_SIM_SERVER for processes that should use it. */
  address: string;
  close(): Promise<void>;
}

export interface SimServerOptions {
  /** Loopback only (127.0.0.1 or ::1): the protocol has no authentication of its own. */
  host?: string;
  port?: number;
  open: (settings: OracleConnectionSettings) => Promise<OracleGateway>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`The simulator server listens on loopback only (127.0.0.1 or ::1), not on ${host}: it is for tests and demos on one machine.`);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const channel = tcpChannel(socket);
    let opened = false;
    channel.onMessage((m) => {
      const msg = m as { t?: string; settings?: OracleConnectionSettings };
      if (opened || msg?.t !== 'open' || !msg.settings) return;
      opened = true;
      options.open(msg.settings).then(
        (gateway) => {
          channel.onClose?.(() => void gateway.close().catch(() => undefined));
          serveGateway(channel, () => gateway);
          channel.send({ t: 'opened', ok: true });
        },
        (e: unknown) => {
          channel.send({ t: 'opened', ok: false, error: toWireError(e) });
          socket.end();
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    host,
    port,
    address: `${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
