import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceDestinationStepSchema } from '../model/task-draft';

process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-control-'));
delete process.env.DATABASE_URL;
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');

const { saveDraft, getTaskStatus } = await import('../store/task-repository');
const { getDb } = await import('../store/db');
const { pauseTask, releaseTask, resumeTask, setEngineControl } = await import('./task-control');

async function taskIn(status: string) {
  const { id } = await saveDraft(sourceDestinationStepSchema.parse({ name: 'ctl', source: { host: 'db1', database: 'ORCL', user: 'dts' }, destination: { brokers: 'k1', topic: 'cdc' } }));
  await (await getDb()).task.update({ where: { id }, data: { status } });
  return id;
}

describe('task controls', () => {
  afterEach(() => setEngineControl(null));

  it('says plainly that the engine is not running, and changes nothing', async () => {
    const id = await taskIn('Migrating');
    await expect(pauseTask(id, 'alice')).rejects.toMatchObject({ code: 'ENGINE_NOT_RUNNING', message: expect.stringContaining('The migration engine is not running in this console yet') });
    await expect(releaseTask(id, 'alice')).rejects.toMatchObject({ code: 'ENGINE_NOT_RUNNING' });
    await expect(resumeTask(await taskIn('Paused'), 'alice')).rejects.toMatchObject({ code: 'ENGINE_NOT_RUNNING' });
    expect((await getTaskStatus(id)).status).toBe('Migrating');
  });

  it('hands running tasks to the registered engine and reports the status it left', async () => {
    const calls: string[] = [];
    setEngineControl({
      pause: async (t) => {
        calls.push(`pause ${t}`);
        await (await getDb()).task.update({ where: { id: t }, data: { status: 'Paused' } });
      },
      resume: async (t) => {
        calls.push(`resume ${t}`);
      },
      release: async (t) => {
        calls.push(`release ${t}`);
      },
      reload: async (t) => {
        calls.push(`reload ${t}`);
      },
    });
    const id = await taskIn('Migrating');
    expect(await pauseTask(id, 'alice')).toMatchObject({ status: 'Paused' });
    await resumeTask(id, 'alice');
    await releaseTask(id, 'alice');
    expect(calls).toEqual([`pause ${id}`, `resume ${id}`, `release ${id}`]);
    // The task log names who asked, before the engine acts.
    const logs = await (await getDb()).taskLog.findMany({ where: { taskId: id }, orderBy: { id: 'asc' } });
    expect(logs.map((l) => l.message)).toEqual(['Pause requested by alice.', 'Resume requested by alice.', 'Release requested by alice.']);
  });

  it('releases a task nobody runs by its status alone, and refuses actions the status does not allow', async () => {
    const id = await taskIn('PrecheckFailed');
    await expect(pauseTask(id, 'alice')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(resumeTask(id, 'alice')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await releaseTask(id, 'alice')).toMatchObject({ status: 'Released' });
    const row = await (await getDb()).task.findUniqueOrThrow({ where: { id }, include: { logs: true } });
    expect(row.releasedAt).not.toBeNull();
    expect(row.logs.map((l) => l.message)).toEqual([expect.stringContaining('Task released by alice (it was Precheck Failed)')]);
    await expect(releaseTask(id, 'alice')).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
