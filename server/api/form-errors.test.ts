import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { describeApiError } from '../../components/trpc/error-message';

// The wizard's contract with the API, through the real HTTP handler and client: every problem comes
// back with its dotted path, so the form shows it beside the field it is about. The calls carry an
// operator's API token, as every call to the API must be someone's.
process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-api-'));
delete process.env.DATABASE_URL;
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');

const { handleApiRequest } = await import('./http-handler');
const { createApiToken } = await import('../auth/api-tokens');
type AppRouter = import('./root').AppRouter;
const { token } = await createApiToken({ name: 'form-errors-test', role: 'operator' }, 'test');

const client = createTRPCClient<AppRouter>({
  links: [
    httpLink({
      url: 'http://console.test/api/trpc',
      transformer: superjson,
      headers: { authorization: `Bearer ${token}` },
      fetch: (url, init) => handleApiRequest(new Request(url, init as RequestInit)),
    }),
  ],
});

async function failure(p: Promise<unknown>) {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).not.toBeNull();
  return describeApiError(e);
}

const draft = {
  name: 'api-errors',
  source: { host: 'demo-oracle.sim', port: 1521, kind: 'sid' as const, database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
  destination: { brokers: '127.0.0.1:9092', topic: 'cdc' },
};

describe('API errors as form fields', () => {
  it('a section refused by the source catalog names the table’s filter field', async () => {
    const { id } = await client.task.saveDraft.mutate(draft);
    const d = await failure(client.task.saveSection.mutate({ id, section: 'objects', values: { objects: { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }, { name: 'EMPLOYEES', filter: 'SALRY > 1' }] }] } } }));
    expect(Object.keys(d.fields)).toEqual(['objects.schemas.0.tables.1.filter']);
    expect(d.fields['objects.schemas.0.tables.1.filter']).toMatch(/^HR\.EMPLOYEES: Row filter: unknown column SALRY at position 1/);
    expect(d.hint).toMatch(/Fix each setting/);
  });

  it('the retry rule comes back under advanced.otherRetryMinutes', async () => {
    const { id } = await client.task.saveDraft.mutate(draft);
    const d = await failure(client.task.saveSection.mutate({ id, section: 'advanced', values: { advanced: { connectRetryMinutes: 60, otherRetryMinutes: 60 } } }));
    expect(Object.keys(d.fields)).toEqual(['advanced.otherRetryMinutes']);
  });

  it('step-1 input errors keep their nested path too', async () => {
    const d = await failure(client.task.saveDraft.mutate({ ...draft, source: { ...draft.source, port: 70000 } }));
    expect(d.fields['source.port']).toBe('Port must be between 1 and 65535.');
  });

  it('start before the precheck: the refusal and its fix', async () => {
    const { id } = await client.task.saveDraft.mutate(draft);
    await client.task.saveSection.mutate({ id, section: 'objects', values: { objects: { schemas: [{ name: 'HR', all: true }] } } });
    const d = await failure(client.task.start.mutate({ id }));
    expect(d.message).toMatch(/has not passed the precheck \(it is Not Started\)/);
    expect(d.hint).toMatch(/Precheck step/);
  });

  it('the catalog lists HR tables with estimates and keyless markers, never the password', async () => {
    const { id } = await client.task.saveDraft.mutate(draft);
    expect(await client.catalog.schemas.query({ taskId: id })).toContain('HR');
    const tables = await client.catalog.tables.query({ taskId: id, owner: 'HR' });
    expect(tables.find((t) => t.name === 'AUDIT_LOG')).toMatchObject({ keyless: true, rowCountEstimate: 50 });
    expect(tables.find((t) => t.name === 'EMPLOYEES')).toMatchObject({ keyless: false, rowCountEstimate: 1000 });
    const [emp] = await client.catalog.describe.query({ taskId: id, tables: [{ owner: 'HR', name: 'EMPLOYEES' }] });
    expect(emp!.columns.find((c) => c.name === 'SALARY')).toEqual({ name: 'SALARY', type: 'NUMBER', nullable: true });
    expect(JSON.stringify(await client.task.get.query({ id }))).not.toContain('dts_sync');
  });
});
