import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaRegistryError, SchemaRegistryRejectedError } from './errors';
import { checkSchemaRegistry, SchemaRegistryClient, valueSubject } from './schema-registry';

describe('Schema Registry subjects', () => {
  it('names the value subject <topic>-value', () => {
    expect(valueSubject('oracle.hr')).toBe('oracle.hr-value');
  });
});

/** A two-endpoint stand-in for a Schema Registry on 127.0.0.1. */
function fakeRegistry() {
  const subjects = new Map<string, string[]>();
  const calls: { method: string; url: string; auth: string | undefined; contentType: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, contentType: req.headers['content-type'] });
      res.setHeader('Content-Type', 'application/vnd.schemaregistry.v1+json');
      const m = /^\/subjects\/([^/]+)\/versions$/.exec(req.url ?? '');
      if (req.method === 'GET' && req.url === '/subjects') return res.end(JSON.stringify([...subjects.keys()]));
      if (req.method === 'POST' && m) {
        const subject = decodeURIComponent(m[1]!);
        const schema = (JSON.parse(body) as { schema: string }).schema;
        if (schema.includes('"incompatible"')) {
          res.statusCode = 409;
          return res.end(JSON.stringify({ error_code: 409, message: 'Schema being registered is incompatible with an earlier schema' }));
        }
        const list = subjects.get(subject) ?? [];
        if (!list.includes(schema)) list.push(schema);
        subjects.set(subject, list);
        return res.end(JSON.stringify({ id: 100 + list.indexOf(schema) }));
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error_code: 404, message: 'HTTP 404 Not Found' }));
    });
  });
  return { server, calls, subjects };
}

describe('SchemaRegistryClient against a local stand-in', () => {
  const reg = fakeRegistry();
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((r) => reg.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(reg.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => reg.server.close(() => r())));

  it('registers under the subject, caches the id and sends the registry content type', async () => {
    const client = new SchemaRegistryClient(url);
    const schema = { type: 'record', name: 'Record', fields: [{ name: 'id', type: 'long' }] };
    const id1 = await client.register('t1-value', schema);
    const id2 = await client.register('t1-value', schema);
    expect(id1).toBe(100);
    expect(id2).toBe(100);
    const posts = reg.calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ url: '/subjects/t1-value/versions', contentType: 'application/vnd.schemaregistry.v1+json' });
    expect(reg.subjects.get('t1-value')).toEqual([JSON.stringify(schema)]);
    expect(await checkSchemaRegistry(url)).toContain('t1-value');
  });

  it('moves credentials from the URL to a Basic Authorization header', async () => {
    const withCreds = url.replace('http://', 'http://alice:p%40ss@');
    await checkSchemaRegistry(withCreds);
    expect(reg.calls.at(-1)?.auth).toBe(`Basic ${Buffer.from('alice:p@ss').toString('base64')}`);
  });

  it('reports a refused schema as SCHEMA_REGISTRY_REJECTED with the registry message', async () => {
    const err = await new SchemaRegistryClient(url).register('t2-value', '{"type":"string","name":"incompatible"}').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaRegistryRejectedError);
    expect(err).toMatchObject({ code: 'SCHEMA_REGISTRY_REJECTED' });
    expect((err as Error).message).toContain('HTTP 409');
    expect((err as Error).message).toContain('incompatible with an earlier schema');
  });

  it('calls a URL that answers but is no registry SCHEMA_REGISTRY_UNREACHABLE', async () => {
    const err = await checkSchemaRegistry(`${url}/not-here`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaRegistryError);
    expect((err as Error).message).toContain('HTTP 404');
  });
});

describe('unreachable registry', () => {
  it('a closed port gives SCHEMA_REGISTRY_UNREACHABLE with the connection error and no credentials', async () => {
    const srv = http.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const err = await checkSchemaRegistry(`http://bob:secret@127.0.0.1:${port}`, { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaRegistryError);
    expect(err).toMatchObject({ code: 'SCHEMA_REGISTRY_UNREACHABLE', field: 'schemaRegistry.url', retriable: true });
    expect((err as Error).message).toContain('ECONNREFUSED');
    expect((err as Error).message).not.toContain('secret');
  });

  it('a registry that never answers times out with SCHEMA_REGISTRY_UNREACHABLE', async () => {
    const srv = http.createServer(() => undefined); // accepts, never replies
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as AddressInfo).port;
    try {
      const err = await checkSchemaRegistry(`http://127.0.0.1:${port}`, { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'SCHEMA_REGISTRY_UNREACHABLE' });
      expect((err as Error).message).toContain('no answer within 300 ms');
    } finally {
      srv.closeAllConnections();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });
});
