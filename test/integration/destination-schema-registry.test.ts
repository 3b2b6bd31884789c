import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopic, plaintextDestination, uniqueTopic } from './kafka-env';
import { ddlEvent, decodeDts, imageText, openEngineWriter, readAll, rowEvent } from './destination-helpers';

/**
 * The Schema Registry path of the engine's writer (registration in openKafkaTarget, framing in
 * the EventEncoder, records in a Kafka transaction) against the real broker and a tiny fake
 * registry on 127.0.0.1 that speaks the two REST calls the product uses (GET /subjects, POST
 * /subjects/{s}/versions). The fake hands out a distinct id per subject so the test can tell which
 * id framed which topic's values.
 */

interface Registered {
  subject: string;
  schema: string;
  contentType: string | undefined;
}

function fakeRegistry(opts: { firstId: number; refuse?: boolean }): { server: Server; registered: Registered[]; url: () => string } {
  const registered: Registered[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/vnd.schemaregistry.v1+json' });
        res.end(JSON.stringify(json));
      };
      const m = /^\/subjects\/([^/]+)\/versions$/.exec(req.url ?? '');
      if (req.method === 'GET' && req.url === '/subjects') return send(200, [...new Set(registered.map((r) => r.subject))]);
      if (req.method === 'POST' && m) {
        if (opts.refuse) return send(409, { error_code: 409, message: 'Schema being registered is incompatible with an earlier schema' });
        const subject = decodeURIComponent(m[1]!);
        const schema = (JSON.parse(body) as { schema: string }).schema;
        let index = registered.findIndex((r) => r.subject === subject && r.schema === schema);
        if (index < 0) index = registered.push({ subject, schema, contentType: req.headers['content-type'] }) - 1;
        return send(200, { id: opts.firstId + index });
      }
      send(404, { error_code: 404, message: 'not found' });
    });
  });
  return { server, registered, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const listen = (s: Server) => new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
const shut = (s: Server) => new Promise<void>((r) => s.close(() => r()));

const topic = uniqueTopic('it-sr');
const ddlTopic = uniqueTopic('it-sr-ddl');
const registry = fakeRegistry({ firstId: 41 });
const refusing = fakeRegistry({ firstId: 1, refuse: true });
const WRITER = { dataFormat: 'dts-avro', checkpointTopic: uniqueTopic('it-sr-ck') } as const;

beforeAll(async () => {
  await Promise.all([createTopic(topic, 2), createTopic(ddlTopic, 1), listen(registry.server), listen(refusing.server)]);
});
afterAll(async () => {
  await Promise.all([shut(registry.server), shut(refusing.server)]);
});

describe('the engine’s writer with the Schema Registry', () => {
  it('registers the Record schema under <topic>-value for both topics and frames values as magic 0 + schema id + Avro', async () => {
    const d = plaintextDestination(topic, { ddlTopic, schemaRegistry: { enabled: true, url: registry.url() } });
    const sink = await openEngineWriter(d, { ...WRITER, partitionPolicy: 'hash-pk' });
    expect(registry.registered.map((r) => r.subject)).toEqual([`${topic}-value`, `${ddlTopic}-value`]);
    expect(registry.registered[0]!.contentType).toBe('application/vnd.schemaregistry.v1+json');
    expect(sink.schemaIds).toEqual({ [topic]: 41, [ddlTopic]: 42 });
    await sink.write([
      rowEvent('INSERT', { id: 1, salary: '10.00' }),
      rowEvent('INSERT', { id: 2, salary: '20.00' }),
      ddlEvent('HR', 'EMPLOYEES', 'ALTER TABLE "HR"."EMPLOYEES" ADD ("X" NUMBER)'),
    ]);
    await sink.close();

    // What a Confluent consumer does: read the id, fetch that schema, decode the rest with it.
    const consumerType = (id: number) => avro.Type.forSchema(JSON.parse(registry.registered[id - 41]!.schema) as avro.Schema, { wrapUnions: 'auto' });
    const data = await readAll(d, topic, 2);
    const ddl = await readAll(d, ddlTopic, 1);
    const decoded = [...data, ...ddl].map((m) => {
      const v = m.value!;
      expect(v[0]).toBe(0);
      const id = v.readInt32BE(1);
      const payload = v.subarray(5);
      const viaRegistry = consumerType(id).fromBuffer(payload) as unknown;
      expect(viaRegistry).toEqual(decodeDts(payload)); // the reference schema reads the same record
      return { id, record: decodeDts(payload) };
    });
    expect(decoded.map((x) => x.id)).toEqual([41, 41, 42]);
    const rows = decoded.slice(0, 2).map((x) => (x.record.afterImages as unknown[]).map(imageText));
    expect(rows.sort()).toEqual([
      ['1', 'name-1', '10.00'],
      ['2', 'name-2', '20.00'],
    ]);
    expect(decoded[2]!.record).toMatchObject({ operation: 'DDL', afterImages: 'ALTER TABLE "HR"."EMPLOYEES" ADD ("X" NUMBER)' });
  });

  it('fails to open with a clear error when the registry cannot be reached or refuses the schema', async () => {
    const closed = createServer();
    await listen(closed);
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await shut(closed); // nothing listens on that port any more
    const unreachable = await openEngineWriter(plaintextDestination(topic, { schemaRegistry: { enabled: true, url: deadUrl } }), { ...WRITER, partitionPolicy: 'partition-0' }).catch(
      (e: unknown) => e,
    );
    expect(unreachable).toMatchObject({ code: 'SCHEMA_REGISTRY_UNREACHABLE', field: 'schemaRegistry.url' });
    expect((unreachable as Error).message).toContain(deadUrl);

    const refused = await openEngineWriter(plaintextDestination(topic, { schemaRegistry: { enabled: true, url: refusing.url() } }), { ...WRITER, partitionPolicy: 'partition-0' }).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: 'SCHEMA_REGISTRY_REJECTED' });
    expect((refused as Error).message).toContain(`"${topic}-value" (HTTP 409)`);
  });
});
