import { expect, test } from '@playwright/test';
import { api, apiGet, demoTask, ensureTopics, snap } from './helpers';

/**
 * Modify Objects and Re-read on a running task (issue 18): from the dashboard of a task streaming
 * HR.REGIONS, a keyless table is refused by the change's own checks, HR.JOBS is added (prechecked,
 * then read while migration goes on, its progress in the Tables section), and HR.REGIONS is re-read.
 */
const TOPIC = 'e2e-modify';

test.beforeAll(async () => {
  await ensureTopics('o2k-e2e-11', [{ topic: TOPIC, numPartitions: 3 }]);
});

test('Modify Objects adds a table to a running task after its precheck, and Re-read reads one again, with per-table progress', async ({ page, request }) => {
  test.setTimeout(180_000);
  const id = await demoTask(request, { name: 'e2e-modify', topic: TOPIC, objects: { schemas: [{ name: 'HR', tables: [{ name: 'REGIONS' }] }] } });
  await api(request, 'precheck.start', { taskId: id });
  await expect.poll(async () => (await apiGet<{ status: string } | null>(request, 'precheck.latest', { taskId: id }))?.status, { timeout: 45_000 }).toBe('Passed');
  await api(request, 'task.start', { id });

  await page.goto(`/tasks/${id}`);
  await expect(page.locator('.phase-card[data-phase="incremental"]')).toHaveAttribute('data-status', 'Running', { timeout: 60_000 });

  // A table without a key cannot be read while changes stream: refused, nothing changes.
  await page.getByTestId('modify-objects').click();
  const dialog = page.getByRole('dialog', { name: 'Modify Objects' });
  await expect(dialog.getByTestId('modify-tables')).toContainText('JOBS');
  await dialog.locator('input[name="HR.AUDIT_LOG"]').check();
  await dialog.getByRole('button', { name: 'Precheck and Apply' }).click();
  await expect(dialog).toContainText('HR.AUDIT_LOG has no primary key or NOT NULL unique key');
  await snap(page, '110-modify-objects-refused');
  await dialog.locator('input[name="HR.AUDIT_LOG"]').uncheck();

  // HR.JOBS added: prechecked, applied, read while the stream goes on.
  await dialog.locator('input[name="HR.JOBS"]').check();
  await dialog.getByRole('button', { name: 'Precheck and Apply' }).click();
  const done = page.getByRole('dialog', { name: 'Objects modified' });
  await expect(done.getByTestId('modify-result')).toContainText('Added HR.JOBS', { timeout: 30_000 });
  await snap(page, '111-modify-objects-applied');
  await done.getByRole('button', { name: 'Close' }).click();
  const streaming = page.getByTestId('table-progress-streaming');
  await expect(streaming.locator('tr[data-table="HR.JOBS"]')).toHaveAttribute('data-status', 'Done', { timeout: 60_000 });
  await expect(streaming.locator('tr[data-table="HR.JOBS"]').getByTestId('rows-read')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('task-dashboard')).toHaveAttribute('data-status', 'Migrating');
  // The full load finished before the change: its figures stay what it read (the reload does not zero them).
  await expect(page.locator('.phase-card[data-phase="full"] dd').first()).toHaveText(/^[1-9][\d,]*$/);
  await snap(page, '112-modify-objects-progress');

  // Re-read HR.REGIONS while its changes go on.
  await page.getByTestId('reread-tables').click();
  const reread = page.getByRole('dialog', { name: 'Re-read Tables' });
  await reread.locator('input[name="HR.REGIONS"]').check();
  await reread.getByRole('button', { name: 'Re-read' }).click();
  await expect(streaming.locator('tr[data-table="HR.REGIONS"]')).toHaveAttribute('data-status', 'Done', { timeout: 60_000 });
  const logs = await apiGet<{ logs: { message: string }[] }>(request, 'taskMonitor.logs', { id });
  expect(logs.logs.map((l) => l.message)).toEqual(expect.arrayContaining([expect.stringContaining('added HR.JOBS (read while migrating)'), expect.stringContaining('Re-read of HR.REGIONS requested')]));
  await api(request, 'taskMonitor.release', { id });
});
