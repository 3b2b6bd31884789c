import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceDestinationStepSchema } from '../model/task-draft';

process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-modify-'));
delete process.env.DATABASE_URL;
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');

const { saveDraft, saveSection, loadTaskForConnectors, getTaskStatus } = await import('../store/task-repository');
const { getDb } = await import('../store/db');
const { setEngineControl } = await import('./task-control');
const { modifyTaskObjects, resnapshotTables } = await import('./task-modify');

const reloads: string[] = [];
const control = { pause: async () => undefined, resume: async () => undefined, release: async () => undefined, reload: async (t: string) => void reloads.push(t) };

/** A task on the demo simulator that is migrating HR.REGIONS and HR.COUNTRIES. */
async function migratingTask(status = 'Migrating') {
  const { id } = await saveDraft(
    sourceDestinationStepSchema.parse({ name: 'modify', source: { host: 'demo-oracle.sim', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' }, destination: { brokers: '127.0.0.1:9092', topic: 'cdc' } }),
  );
  await saveSection(id, { migrationTypes: { schema: false, full: true, incremental: true }, objects: { schemas: [{ name: 'HR', tables: [{ name: 'REGIONS' }, { name: 'COUNTRIES' }] }] } }, { resetPrecheck: false });
  await (await getDb()).task.update({ where: { id }, data: { status } });
  return id;
}
const objects = (tables: { name: string; mappedName?: string; filter?: string; partitionKey?: string[] }[]) => ({ schemas: [{ name: 'HR', tables }] });

describe('Modify Objects and Re-read', () => {
  afterEach(() => {
    reloads.length = 0;
    setEngineControl(null);
  });

  it('adds and removes tables of a migrating task: saved with a snapshot request, the engine reloads it, the log says who', async () => {
    setEngineControl(control);
    const id = await migratingTask();
    const change = await modifyTaskObjects(id, objects([{ name: 'REGIONS' }, { name: 'JOBS' }]), 'alice');
    expect(change).toMatchObject({ added: ['HR.JOBS'], removed: ['HR.COUNTRIES'], snapshotId: expect.stringMatching(/^add-/) });
    const stored = await loadTaskForConnectors(id);
    expect(stored.snapshots).toEqual([{ id: change.snapshotId, mode: 'add', tables: ['HR.JOBS'] }]);
    expect((stored.objects as { schemas: { tables: { name: string }[] }[] }).schemas[0]!.tables.map((t) => t.name)).toEqual(['REGIONS', 'JOBS']);
    expect(reloads).toEqual([id]);
    const logs = await (await getDb()).taskLog.findMany({ where: { taskId: id } });
    expect(logs.map((l) => l.message)).toContainEqual(expect.stringContaining('Objects modified by alice: added HR.JOBS (read while migrating); removed HR.COUNTRIES.'));
    expect((await getTaskStatus(id)).status).toBe('Migrating');
  });

  it('refuses renames, filters and partition keys of kept tables, keyless added tables and tasks that are not running, changing nothing', async () => {
    setEngineControl(control);
    const id = await migratingTask();
    await expect(modifyTaskObjects(id, objects([{ name: 'REGIONS', mappedName: 'AREAS' }, { name: 'COUNTRIES' }]), 'alice')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('HR.REGIONS would be written under a new name.'),
    });
    await expect(modifyTaskObjects(id, objects([{ name: 'REGIONS', filter: 'REGION_ID > 1' }, { name: 'COUNTRIES' }]), 'alice')).rejects.toMatchObject({ message: expect.stringContaining('HR.REGIONS would get a new filter.') });
    await expect(modifyTaskObjects(id, objects([{ name: 'REGIONS', partitionKey: ['REGION_NAME'] }, { name: 'COUNTRIES' }]), 'alice')).rejects.toMatchObject({ message: expect.stringContaining('HR.REGIONS would get new partition key columns') });
    await expect(modifyTaskObjects(id, objects([{ name: 'REGIONS' }, { name: 'COUNTRIES' }, { name: 'AUDIT_LOG' }]), 'alice')).rejects.toMatchObject({ message: expect.stringContaining('HR.AUDIT_LOG has no primary key') });
    await expect(modifyTaskObjects(id, objects([{ name: 'REGIONS' }, { name: 'NO_SUCH_TABLE' }]), 'alice')).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('HR.NO_SUCH_TABLE does not exist') });
    await expect(modifyTaskObjects(await migratingTask('NotStarted'), objects([{ name: 'JOBS' }]), 'alice')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Modify Objects changes a task that is migrating or paused') });
    expect((await loadTaskForConnectors(id)).snapshots).toBeUndefined();
    expect(reloads).toEqual([]);
  });

  it('re-reads tables the task migrates, and only those', async () => {
    setEngineControl(control);
    const id = await migratingTask('Paused');
    const { snapshotId } = await resnapshotTables(id, ['HR.REGIONS'], 'bob');
    expect((await loadTaskForConnectors(id)).snapshots).toEqual([{ id: snapshotId, mode: 'reread', tables: ['HR.REGIONS'] }]);
    await expect(resnapshotTables(id, ['HR.JOBS'], 'bob')).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining("Not among the task's objects: HR.JOBS") });
    expect(reloads).toEqual([id]);
  });
});
