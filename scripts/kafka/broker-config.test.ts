import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { newClusterId, scramArg, serverProperties } from './broker-config.mjs';
import { metadataProbe } from './probe.mjs';

describe('local broker config', () => {
  const props = serverProperties({ plaintextPort: 1111, saslPort: 2222, controllerPort: 3333, dataDir: '/tmp/d', scramUser: 'ora2kafka' });
  const map = new Map(props.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const));

  it('advertises PLAINTEXT and SASL_PLAINTEXT but not the controller, all on 127.0.0.1', () => {
    expect(map.get('listeners')).toBe('PLAINTEXT://127.0.0.1:1111,SASL_PLAINTEXT://127.0.0.1:2222,CONTROLLER://127.0.0.1:3333');
    expect(map.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:1111,SASL_PLAINTEXT://127.0.0.1:2222');
    expect(map.get('controller.quorum.bootstrap.servers')).toBe('127.0.0.1:3333');
    expect(map.get('listener.security.protocol.map')).toContain('CONTROLLER:PLAINTEXT');
  });

  it('enables SCRAM-SHA-256 on the SASL listener and makes the main user a super user', () => {
    expect(map.get('sasl.enabled.mechanisms')).toBe('SCRAM-SHA-256');
    expect(map.get('listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config')).toMatch(/ScramLoginModule required;$/);
    expect(map.get('super.users')).toBe('User:ANONYMOUS;User:ora2kafka');
    expect(map.get('log.dirs')).toBe('/tmp/d');
  });

  it('makes 22-character base64url cluster ids that never start with "-"', () => {
    for (let i = 0; i < 200; i++) {
      const id = newClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });

  it('builds the --add-scram argument and refuses values the storage tool would misparse', () => {
    expect(scramArg('alice', 'alice-secret')).toBe('SCRAM-SHA-256=[name=alice,password=alice-secret]');
    for (const bad of ['a,b', 'a]b', 'a b', 'a=b', '']) expect(() => scramArg('alice', bad)).toThrow(/password/);
    expect(() => scramArg('al ice', 'x')).toThrow(/user name/);
  });
});

describe('metadataProbe', () => {
  it('sends Metadata v1 for no topics and reads the broker list from the reply', async () => {
    let request = Buffer.alloc(0);
    const server = net.createServer((sock) => {
      sock.on('data', (c: Buffer) => {
        request = Buffer.concat([request, c]);
        // Reply: corr id 1, one broker {node 1, "127.0.0.1", 9092, rack null}, controller 1, no topics.
        const host = Buffer.from('127.0.0.1');
        const body = Buffer.alloc(4 + 4 + 4 + 2 + host.length + 4 + 2 + 4 + 4);
        let o = body.writeInt32BE(1, 0);
        o = body.writeInt32BE(1, o);
        o = body.writeInt32BE(1, o);
        o = body.writeInt16BE(host.length, o);
        o += host.copy(body, o);
        o = body.writeInt32BE(9092, o);
        o = body.writeInt16BE(-1, o);
        o = body.writeInt32BE(1, o);
        body.writeInt32BE(0, o);
        const size = Buffer.alloc(4);
        size.writeInt32BE(body.length);
        sock.end(Buffer.concat([size, body]));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const md = await metadataProbe('127.0.0.1', (server.address() as AddressInfo).port);
      expect(md.brokers).toEqual([{ nodeId: 1, host: '127.0.0.1', port: 9092 }]);
      expect(request.readInt32BE(0)).toBe(request.length - 4);
      expect(request.readInt16BE(4)).toBe(3); // Metadata
      expect(request.readInt16BE(6)).toBe(1); // v1
      expect(request.readInt32BE(request.length - 4)).toBe(0); // empty topic list
    } finally {
      server.close();
    }
  });

  it('fails when nothing answers in time', async () => {
    const server = net.createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      await expect(metadataProbe('127.0.0.1', (server.address() as AddressInfo).port, 200)).rejects.toThrow(/no Metadata reply/);
    } finally {
      server.close();
    }
  });
});
