import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { sourceDestinationStepSchema } from '../model/task-draft';
import { ConfigValidationError } from '../model/wizard-sections';

// A private data folder and key: the store creates and migrates its SQLite file there.
process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-sections-'));
delete process.env.DATABASE_URL;
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');

const repo = await import('../store/task-repository');
const { saveTaskSection } = await import('./task-sections');
const { startTask, setEngineLauncher, PrecheckRequiredError } = await import('./task-start');
const { getDb } = await import('../store/db');

const step1 = sourceDestinationStepSchema.parse({
  name: 'hr-to-kafka',
  source: { host: 'demo-oracle.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
  destination: { brokers: '127.0.0.1:9092', topic: 'cdc' },
});

const objects = { migrationTypes: { schema: true, full: true, incremental: true }, objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES', mappedName: 'EMP', filter: 'SALARY > 5000' }] }] } };

async function rejection(p: Promise<unknown>): Promise<ConfigValidationError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ConfigValidationError);
  return e as ConfigValidationError;
}

async function passPrecheck(id: string) {
  await repo.moveTaskStatus(id, 'NotStarted', 'Prechecking');
  await repo.moveTaskStatus(id, 'Prechecking', 'PrecheckPassed');
}

describe('saveTaskSection', () => {
  it('saves each later section into the stored task without touching its secrets', async () => {
    const { id } = await repo.saveDraft(step1);
    await saveTaskSection({ id, section: 'objects', values: objects });
    await saveTaskSection({ id, section: 'advanced', values: { advanced: { connectRetryMinutes: '120', otherRetryMinutes: 15, environmentTag: 'production' } } });
    await saveTaskSection({ id, section: 'instance', values: { instanceClass: 'large', resourceGroup: 'analytics' } });

    const view = await repo.getTask(id);
    const c = view.config as Record<string, unknown> & typeof view.config;
    expect(c.objects).toMatchObject({ schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES', mappedName: 'EMP', filter: 'SALARY > 5000' }] }] });
    expect(c.advanced).toMatchObject({ connectRetryMinutes: 120, otherRetryMinutes: 15, environmentTag: 'production', chunkSize: 10000 });
    expect(c).toMatchObject({ instanceClass: 'large', resourceGroup: 'analytics', dataFormat: 'dts-avro' });
    expect(c.source.password).toBe('set');
    expect((await repo.loadTaskSecrets(id)).sourcePassword).toBe('dts_sync');
    expect((await (await getDb()).task.findUnique({ where: { id } }))!.instanceClass).toBe('large');
  });

  it('ignores attempts to overwrite step-1 keys through a section', async () => {
    const { id } = await repo.saveDraft(step1);
    await saveTaskSection({ id, section: 'instance', values: { instanceClass: 'small', source: { host: 'evil' }, name: 'x' } });
    expect((await repo.getTask(id)).config.source.host).toBe('demo-oracle.sim');
  });

  it('rejects a filter naming an unknown column, found in the source catalog, with its path', async () => {
    const { id } = await repo.saveDraft(step1);
    const e = await rejection(saveTaskSection({ id, section: 'objects', values: { objects: { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES', filter: 'SALRY > 1' }] }] } } }));
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.path).toBe('objects.schemas.0.tables.0.filter');
    expect(e.message).toMatch(/HR\.EMPLOYEES: Row filter: unknown column SALRY at position 1/);
    expect((await repo.getTask(id)).config).not.toHaveProperty('objects');
  });

  it('applies the retry rule and only the section’s own issues', async () => {
    const { id } = await repo.saveDraft(step1);
    const e = await rejection(saveTaskSection({ id, section: 'advanced', values: { advanced: { connectRetryMinutes: 20, otherRetryMinutes: 20 } } }));
    expect(e.issues.map((i) => i.path)).toEqual(['advanced.otherRetryMinutes']);
  });

  it('sends a task back to Not Started when objects change after a precheck, but not for the instance class', async () => {
    const { id } = await repo.saveDraft(step1);
    await saveTaskSection({ id, section: 'objects', values: objects });
    await passPrecheck(id);
    await saveTaskSection({ id, section: 'instance', values: { instanceClass: 'small' } });
    expect((await repo.getTaskStatus(id)).status).toBe('PrecheckPassed');
    await saveTaskSection({ id, section: 'objects', values: objects });
    expect((await repo.getTaskStatus(id)).status).toBe('NotStarted');
  });
});

describe('startTask (Buy and Start)', () => {
  it('refuses a task whose precheck has not passed, saying what to do', async () => {
    const { id } = await repo.saveDraft(step1);
    await saveTaskSection({ id, section: 'objects', values: objects });
    const e = await startTask(id, 'alice').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PrecheckRequiredError);
    expect((e as Error).message).toMatch(/has not passed the precheck \(it is Not Started\)/);
    expect((await repo.getTaskStatus(id)).status).toBe('NotStarted');
  });

  it('refuses a task whose configuration is incomplete, naming the missing part', async () => {
    const { id } = await repo.saveDraft(step1);
    await passPrecheck(id);
    const e = await rejection(startTask(id, 'alice'));
    expect(e.issues.map((i) => i.path)).toEqual(['objects']);
  });

  it('moves a prechecked task to Migrating, logs the start and its warnings, and calls the engine', async () => {
    const { id } = await repo.saveDraft(step1);
    await saveTaskSection({ id, section: 'objects', values: { ...objects, migrationTypes: { schema: true, full: true, incremental: false } } });
    await passPrecheck(id);
    const launcher = vi.fn(async () => {});
    setEngineLauncher(launcher);
    try {
      const res = await startTask(id, 'alice');
      expect(res).toMatchObject({ id, status: 'Migrating', engineLaunched: true });
      expect(res.warnings[0]).toMatch(/Incremental Data Migration is not selected/);
    } finally {
      setEngineLauncher(null);
    }
    expect(launcher).toHaveBeenCalledWith(id);
    const row = await (await getDb()).task.findUnique({ where: { id }, include: { logs: { orderBy: { id: 'asc' } } } });
    expect(row!.status).toBe('Migrating');
    expect(row!.startedAt).toBeInstanceOf(Date);
    expect(row!.logs.map((l) => l.level)).toEqual(['INFO', 'WARN']);
    expect(row!.logs[0]!.message).toMatch(/schema \+ full data migration to topic cdc, instance class medium/);
    // Started once: a second click cannot start it again.
    await expect(startTask(id, 'alice')).rejects.toThrow(/it is Migrating/);
  });

  it('marks the task Failed when the engine cannot start it', async () => {
    const { id } = await repo.saveDraft(step1);
    await saveTaskSection({ id, section: 'objects', values: objects });
    await passPrecheck(id);
    setEngineLauncher(async () => {
      throw new Error('no worker available');
    });
    try {
      await expect(startTask(id, 'alice')).rejects.toThrow('no worker available');
    } finally {
      setEngineLauncher(null);
    }
    const row = await (await getDb()).task.findUnique({ where: { id } });
    expect(row).toMatchObject({ status: 'Failed', errorMessage: 'no worker available' });
  });
});
