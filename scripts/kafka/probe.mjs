/**
 * A dependency-free readiness probe: one Kafka Metadata v1 request over a raw socket, asking for no
 * topics, so the reply lists only the live brokers. A broker that accepts connections but has not yet
 * registered (still fenced) answers with zero brokers, which counts as "not ready".
 *
 * Request bytes (client id "probe", correlation id 1):
 *   00 00 00 13 | 00 03 | 00 01 | 00 00 00 01 | 00 05 70 72 6f 62 65 | 00 00 00 00
 *   size=19       Metadata  v1    corr id       client id "probe"       topics: empty array
 * Reply: size, corr id, brokers[node_id, host, port, rack], controller_id, topics[].
 */
import net from 'node:net';

/** @returns {Promise<{brokers: {nodeId:number, host:string, port:number}[]}>} */
export function metadataProbe(host, port, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const clientId = Buffer.from('probe');
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4);
    let o = 0;
    o = body.writeInt16BE(3, o); // api key: Metadata
    o = body.writeInt16BE(1, o); // api version 1
    o = body.writeInt32BE(1, o); // correlation id
    o = body.writeInt16BE(clientId.length, o);
    o += clientId.copy(body, o);
    body.writeInt32BE(0, o); // topics: empty array
    const size = Buffer.alloc(4);
    size.writeInt32BE(body.length);

    const sock = net.connect({ host, port });
    let buf = Buffer.alloc(0);
    const done = (err, value) => {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(value);
    };
    const timer = setTimeout(() => done(new Error(`no Metadata reply from ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
    sock.on('error', (e) => done(e));
    sock.on('connect', () => sock.write(Buffer.concat([size, body])));
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 4 || buf.length < 4 + buf.readInt32BE(0)) return;
      try {
        done(null, parseMetadataV1(buf.subarray(4)));
      } catch (e) {
        done(e);
      }
    });
    sock.on('end', () => done(new Error(`connection to ${host}:${port} closed before a Metadata reply`)));
  });
}

function parseMetadataV1(b) {
  let o = 4; // correlation id
  const n = b.readInt32BE(o);
  o += 4;
  const brokers = [];
  for (let i = 0; i < n; i++) {
    const nodeId = b.readInt32BE(o);
    o += 4;
    const hl = b.readInt16BE(o);
    o += 2;
    const host = b.toString('utf8', o, o + hl);
    o += hl;
    const port = b.readInt32BE(o);
    o += 4;
    const rl = b.readInt16BE(o);
    o += 2 + Math.max(0, rl);
    brokers.push({ nodeId, host, port });
  }
  return { brokers };
}
