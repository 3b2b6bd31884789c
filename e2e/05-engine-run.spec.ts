import { expect, test } from '@playwright/test';
import { api, apiGet, broker, ensureTopics, snap, consumeDtsRecords } from './helpers';

/**
 * The whole product once, for real: a task on the demo Oracle simulator, prechecked and started
 * through the console's API, run by the engine inside the console process into the run's Kafka
 * broker; the dashboard shows the phases move, the topic holds DTS Avro records that decode with the
 * DTS schema, and Pause / Resume / Release act on the running engine.
 */
const TOPIC = 'e2e-run';
const DDL_TOPIC = 'e2e-run-ddl';




interface RunView {
  status: string;
  items: { id: number; code: string; status: string; ignorable: boolean; ignored: boolean; detail: string }[];
}

test.beforeAll(async () => {
  await ensureTopics('o2k-e2e-05', [{ topic: TOPIC, numPartitions: 3 }, { topic: DDL_TOPIC, numPartitions: 1 }]);
});

test('a started task migrates schema, full data and live changes into Kafka; the dashboard follows it and controls it', async ({ page, request }) => {
  test.setTimeout(180_000);
  const { id } = await api<{ id: string }>(request, 'task.saveDraft', {
    name: 'e2e-engine-run',
    source: { host: 'demo-oracle.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
    destination: { brokers: broker(), topic: TOPIC, ddlTopic: DDL_TOPIC },
  });
  await api(request, 'task.saveSection', {
    id,
    section: 'objects',
    values: {
      migrationTypes: { schema: true, full: true, incremental: true },
      conflictMode: 'precheck-and-report',
      dataFormat: 'dts-avro',
      partitionPolicy: 'hash-pk',
      objects: { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }, { name: 'DEPARTMENTS' }] }] },
    },
  });

  // Precheck through the API, as a script would; every item must pass.
  await api(request, 'precheck.start', { taskId: id });
  let run: RunView | null = null;
  await expect
    .poll(async () => (run = await apiGet<RunView | null>(request, 'precheck.latest', { taskId: id }))?.status, { timeout: 45_000 })
    .not.toBe('Running');
  expect(run!.items.filter((i) => i.status !== 'passed'), JSON.stringify(run!.items)).toEqual([]);
  expect(run!.status).toBe('Passed');

  await api(request, 'task.start', { id });
  await page.goto(`/tasks/${id}`);
  const dashboard = page.getByTestId('task-dashboard');
  await expect(dashboard).toHaveAttribute('data-status', 'Migrating');
  const card = (phase: string) => page.locator(`.phase-card[data-phase="${phase}"]`);
  await expect(card('schema')).toHaveAttribute('data-status', 'Finished', { timeout: 60_000 });
  await expect(card('full')).toHaveAttribute('data-status', 'Finished', { timeout: 60_000 });
  await expect(card('incremental')).toHaveAttribute('data-status', 'Running', { timeout: 60_000 });
  await expect(page.getByTestId('phase-percent-full')).toHaveText('100%');
  // The Tables section: both tables read in full, the rows read (not the estimate) once done.
  const fullTables = page.getByTestId('table-progress-full');
  for (const table of ['HR.JOBS', 'HR.DEPARTMENTS']) {
    await expect(fullTables.locator(`tr[data-table="${table}"]`)).toHaveAttribute('data-status', 'Done');
    await expect(fullTables.locator(`tr[data-table="${table}"]`).getByTestId('rows-read')).toHaveText(/^\d[\d,]*$/);
  }
  await expect(card('full').locator('dd').first()).toHaveText(/^\d[\d,]*$/); // Rows: what was read, no "/ ~estimate"
  await snap(page, '50-engine-running');

  // Kafka holds what the dashboard says: full-load rows of both tables and the schema DDL, as DTS Avro.
  const consumed = await consume(TOPIC, (records) => {
    const init = records.filter((r) => r.operation === 'INIT');
    return init.some((r) => r.objectName === 'HR.JOBS') && init.some((r) => r.objectName === 'HR.DEPARTMENTS');
  });
  const inits = consumed.filter((r) => r.operation === 'INIT');
  expect(new Set(inits.map((r) => r.objectName))).toEqual(new Set(['HR.JOBS', 'HR.DEPARTMENTS']));
  const ids = consumed.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  const ddl = await consume(DDL_TOPIC, (records) => records.some((r) => r.operation === 'DDL' && /CREATE TABLE "HR"\."JOBS"/.test(String(r.afterImages))));
  expect(ddl.some((r) => r.operation === 'DDL' && /CREATE TABLE "HR"\."DEPARTMENTS"/.test(String(r.afterImages)))).toBe(true);

  // Pause, Resume and Release reach the running engine.
  await page.getByTestId('task-pause').click();
  await page.getByRole('dialog', { name: 'Pause the task?' }).getByRole('button', { name: 'Pause' }).click();
  await expect(dashboard).toHaveAttribute('data-status', 'Paused', { timeout: 30_000 });
  await page.getByTestId('task-resume').click();
  await page.getByRole('dialog', { name: 'Resume the task?' }).getByRole('button', { name: 'Resume' }).click();
  await expect(dashboard).toHaveAttribute('data-status', 'Migrating', { timeout: 30_000 });
  await page.getByTestId('task-release').click();
  await page.getByRole('dialog', { name: 'Release the task?' }).getByRole('button', { name: 'Release' }).click();
  await expect(dashboard).toHaveAttribute('data-status', 'Released', { timeout: 30_000 });
  // Release leaves no phase running: incremental reads Stopped, the finished ones stay Completed.
  await expect(card('incremental')).toHaveAttribute('data-status', 'Stopped');
  await expect(page.getByTestId('phase-status-incremental')).toHaveText('Stopped (released)');
  await expect(card('full')).toHaveAttribute('data-status', 'Finished');
  const progress = await apiGet<{ phases: { phase: string; status: string }[] }>(request, 'taskMonitor.progress', { id });
  expect(progress.phases.filter((p) => p.status === 'Running')).toEqual([]);
  await snap(page, '51-engine-released');
});

type DtsRecord = { id: number; operation: string; objectName: string | null; afterImages: unknown };

const consume = (topic: string, done: (records: DtsRecord[]) => boolean) => consumeDtsRecords<DtsRecord>(topic, done, 30_000);
