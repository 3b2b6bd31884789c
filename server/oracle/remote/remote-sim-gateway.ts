import net from 'node:net';
import type { OracleConnectionSettings } from '../gateway';
import { translateOracleError } from '../ora-errors';
import { fromWireError, RpcGateway, type WireError } from './gateway-rpc';
import { tcpChannel } from './tcp-channel';

/**
 * A gateway to a simulated database served by `ora2kafka sim-server` (sim-server.ts): one TCP
 * connection per gateway, closed with it. `address` is "127.0.0.1:41234" (ORA2KAFKA_SIM_SERVER).
 */
export async function openRemoteSimGateway(address: string, settings: OracleConnectionSettings): Promise<RpcGateway> {
  const { host, port } = parseAddress(address);
  const target = { host: settings.host, port: settings.port, kind: settings.kind, database: settings.database };
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect({ host, port });
    s.once('connect', () => resolve(s));
    s.once('error', (e: Error & { code?: string }) =>
      reject(translateOracleError(Object.assign(new Error(`ORA-12541: TNS:no listener (the simulator server at ${address}: ${e.code ?? e.message})`), { code: 'ORA-12541' }), target)),
    );
  });
  const channel = tcpChannel(socket);
  const opened = new Promise<void>((resolve, reject) => {
    channel.onMessage((m) => {
      const msg = m as { t?: string; ok?: boolean; error?: WireError };
      if (msg?.t !== 'opened') return;
      if (msg.ok) resolve();
      else reject(fromWireError(msg.error!));
    });
    channel.onClose?.(() => reject(translateOracleError(Object.assign(new Error('ORA-03113: end-of-file on communication channel'), { code: 'ORA-03113' }), target)));
  });
  channel.send({ t: 'open', settings });
  try {
    await opened;
  } catch (e) {
    socket.destroy();
    throw e;
  }
  const gateway = new RpcGateway(channel);
  const close = gateway.close;
  gateway.close = async () => {
    await close().catch(() => undefined);
    socket.end();
  };
  return gateway;
}

function parseAddress(address: string): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`ORA2KAFKA_SIM_SERVER "${address}" is not host:port; use the address \`ora2kafka sim-server\` prints, e.g. 127.0.0.1:41234.`);
  return { host: m[1]!, port: Number(m[2]) };
}
