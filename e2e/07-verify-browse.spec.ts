import { expect, test } from '@playwright/test';
import { E2E_VIEWER, storageStateOf } from './env';
import { api, apiGet, broker, ensureTopics, snap } from './helpers';

/**
 * Trusting what landed, in the console: a running task (demo simulator → the run's broker) is
 * verified from its page — the source AS OF the checkpoint's SCN equals the topic's replay — and
 * its records are browsed: filtered by key, one opened with its images side by side, exported as
 * JSON lines. A viewer may browse but not start a verification.
 */
const TOPIC = 'e2e-verify';

test.beforeAll(async () => {
  await ensureTopics('o2k-e2e-07', [{ topic: TOPIC, numPartitions: 2 }]);
});

test('verify a running task from its page, then browse its records, filter by key and open one', async ({ page, request, browser }) => {
  test.setTimeout(180_000);
  const { id } = await api<{ id: string }>(request, 'task.saveDraft', {
    name: 'e2e-verify-browse',
    source: { host: 'demo-oracle.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
    destination: { brokers: broker(), topic: TOPIC },
  });
  await api(request, 'task.saveSection', {
    id,
    section: 'objects',
    values: {
      migrationTypes: { schema: false, full: true, incremental: true },
      conflictMode: 'precheck-and-report',
      dataFormat: 'dts-avro',
      partitionPolicy: 'hash-pk',
      objects: { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }, { name: 'REGIONS' }] }] },
    },
  });
  await api(request, 'precheck.start', { taskId: id });
  await expect.poll(async () => (await apiGet<{ status: string } | null>(request, 'precheck.latest', { taskId: id }))?.status, { timeout: 45_000 }).toBe('Passed');
  await api(request, 'task.start', { id });

  await page.goto(`/tasks/${id}`);
  await expect(page.locator('.phase-card[data-phase="incremental"]')).toHaveAttribute('data-status', 'Running', { timeout: 60_000 });
  const panel = page.getByTestId('verification-panel');
  await panel.getByTestId('verify-start').click();
  const run = panel.getByTestId('verification-run');
  await expect(run).toHaveAttribute('data-status', 'passed', { timeout: 60_000 });
  await expect(run.locator('tr[data-table="HR.JOBS"]')).toHaveAttribute('data-status', 'verified');
  await expect(run.locator('tr[data-table="HR.REGIONS"]')).toHaveAttribute('data-status', 'verified');
  await snap(page, '70-verification-passed');

  // The demo source has a live workload since the console started: pick a job the full load carried.
  const all = await apiGet<{ records: { key: string; table: string; op: string; after: Record<string, string | null> | null }[] }>(request, 'records.browse', { taskId: id, table: 'HR.JOBS', op: 'INIT', limit: 1 });
  const job = all.records[0]!;
  await panel.getByTestId('browse-records').click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${id}/records$`));
  const browser_ = page.getByTestId('topic-browser');
  await browser_.getByLabel('Table').fill('HR.JOBS');
  await browser_.getByLabel('Key').fill(job.key);
  await browser_.getByTestId('browse-read').click();
  const rows = page.getByTestId('browse-records').locator('tbody tr');
  await expect(rows.first()).toHaveAttribute('data-key', job.key, { timeout: 30_000 });
  expect(await rows.evaluateAll((trs, key) => trs.every((tr) => tr.getAttribute('data-key') === key), job.key)).toBe(true);
  await rows.first().click();
  const detail = page.getByTestId('record-detail');
  await expect(detail).toContainText('HR.JOBS');
  await expect(detail.getByTestId('image-compare')).toContainText('JOB_TITLE');
  await expect(detail.getByTestId('image-compare')).toContainText(job.after!.JOB_TITLE!);
  const download = page.waitForEvent('download');
  await browser_.getByTestId('browse-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${id}-records.jsonl`);
  await snap(page, '71-records-by-key');

  // A viewer browses too, and cannot start a verification.
  const viewer = await browser.newContext({ storageState: storageStateOf(E2E_VIEWER) });
  const vp = await viewer.newPage();
  await vp.goto(`/tasks/${id}`);
  await expect(vp.getByTestId('verify-start')).toBeDisabled();
  await vp.goto(`/tasks/${id}/records`);
  await vp.getByTestId('browse-read').click();
  await expect(vp.getByTestId('browse-records').locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
  await viewer.close();

  await api(request, 'taskMonitor.release', { id });
});
