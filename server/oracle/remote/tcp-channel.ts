import type { Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';
import type { Channel } from './gateway-rpc';

/**
 * A Channel over a TCP socket: each message is a 4-byte big-endian length followed by the message
 * in v8's serialization (the format Node's "advanced" IPC uses, so bigint SCNs and Uint8Array values
 * survive), e.g. { t: 'call', id: 7, method: 'currentScn', args: [] } → 00 00 00 2f ff 0f 6f …
 * Only ever spoken on loopback between Ora2Kafka processes (`ora2kafka sim-server` binds 127.0.0.1).
 */
export function tcpChannel(socket: Socket): Channel {
  const listeners: ((m: unknown) => void)[] = [];
  const closers: (() => void)[] = [];
  let buffered: Buffer = Buffer.alloc(0);
  let open = true;
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const size = buffered.readUInt32BE(0);
      if (buffered.length < 4 + size) break;
      const msg: unknown = deserialize(buffered.subarray(4, 4 + size));
      buffered = buffered.subarray(4 + size);
      for (const l of listeners) l(msg);
    }
  });
  const closed = () => {
    if (!open) return;
    open = false;
    for (const c of closers) c();
  };
  socket.on('close', closed);
  socket.on('error', () => socket.destroy());
  return {
    send(msg) {
      if (!open || socket.destroyed) return;
      const body = serialize(msg);
      const head = Buffer.allocUnsafe(4);
      head.writeUInt32BE(body.length, 0);
      socket.write(Buffer.concat([head, body]));
    },
    onMessage: (l) => void listeners.push(l),
    onClose: (l) => void closers.push(l),
    get connected() {
      return open && !socket.destroyed;
    },
  };
}
