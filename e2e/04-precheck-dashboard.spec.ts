import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { demoTask as createDemoTask, ensureTopics, metadataDb, snap, throughConnectivityStep } from './helpers';

/**
 * Precheck (dashboard panel and wizard step 5) and the task dashboard, against the console's build,
 * the demo Oracle simulator and the run's Kafka broker. Progress rows of a "running" task are
 * written straight into the console's metadata database, the way the engine's reporter writes them.
 */
const TOPIC = 'e2e-precheck';
const DDL_TOPIC = 'e2e-precheck-ddl';



function demoTask(request: APIRequestContext, name: string, objects: unknown): Promise<string> {
  return createDemoTask(request, { name, topic: TOPIC, ddlTopic: DDL_TOPIC, objects });
}

const row = (page: Page, code: string) => page.getByTestId('precheck-items').locator(`tr[data-code="${code}"]`);

test.beforeAll(async () => {
  await ensureTopics('o2k-e2e-04', [{ topic: TOPIC, numPartitions: 3 }, { topic: DDL_TOPIC, numPartitions: 1 }]);
});

test.describe('Precheck and task dashboard', () => {
  test('precheck on the dashboard: items, View Details, alerts ignored count after Precheck Again, failed items never ignorable', async ({ page, request }) => {
    const id = await demoTask(request, 'e2e-precheck-hr', { schemas: [{ name: 'HR', all: true }] });
    await page.goto(`/tasks/${id}`);
    const dashboard = page.getByTestId('task-dashboard');
    await expect(dashboard).toHaveAttribute('data-status', 'NotStarted');
    await expect(page.getByTestId('status-banner')).toContainText('This task has not started');
    await expect(page.getByTestId('phase-cards').locator('[data-phase]')).toHaveCount(3);
    await expect(page.getByTestId('chart-rps')).toContainText('No samples: metrics are recorded while the task migrates.');
    await expect(page.getByTestId('task-logs')).toContainText('No log entries yet');
    await expect(page.getByTestId('precheck-panel')).toContainText('The precheck has not run yet');
    await snap(page, '40-dashboard-not-started');

    await page.getByTestId('precheck-again').click();
    const progress = page.getByTestId('precheck-progress');
    await expect(progress).toHaveAttribute('data-outcome', 'Failed', { timeout: 45_000 });
    for (const code of ['CHECK_CONN_SRC', 'CHECK_SRC_VERSION', 'ORACLE_LOG_MODE', 'ORACLE_SUPPLEMENTAL_LOG', 'ORACLE_PRIVILEGES_INCREMENTAL', 'ORACLE_REDO_VOLUME', 'CHECK_CONN_DEST', 'CHECK_DEST_TOPIC', 'CHECK_DEST_CONFLICT']) {
      await expect(row(page, code), code).toHaveAttribute('data-status', 'passed');
    }
    await expect(row(page, 'ORACLE_TABLES_WITHOUT_KEY')).toHaveAttribute('data-status', 'warning');
    // A long table name is a DTS limit Kafka does not have: an alert, not a failure.
    await expect(row(page, 'ORACLE_NAME_LENGTH')).toHaveAttribute('data-status', 'warning');
    const rateBefore = Number(await progress.getAttribute('data-rate'));
    expect(rateBefore).toBeLessThan(100);
    await expect(progress).toContainText(`Success Rate ${rateBefore}%`);

    // View Details: the cause and how to fix it.
    await row(page, 'ORACLE_NAME_LENGTH').getByRole('button', { name: 'View Details' }).click();
    const details = page.locator('tr[data-details-for="ORACLE_NAME_LENGTH"]');
    await expect(details).toContainText('EMPLOYEE_PERFORMANCE_REVIEW_HISTORY_ARCHIVE (43 bytes)');
    await expect(details).toContainText('How to fix');
    await row(page, 'CHECK_DEST_TOPIC').getByRole('button', { name: 'View Details' }).click();
    await expect(page.locator('tr[data-details-for="CHECK_DEST_TOPIC"]')).toContainText(`Topic ${TOPIC} exists with 3 partitions`);
    await snap(page, '41-precheck-failed-details');

    // Confirm Alert Details > Ignore on the keyless-table warning.
    await row(page, 'ORACLE_TABLES_WITHOUT_KEY').getByRole('button', { name: 'Ignore', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm Alert Details' });
    await expect(dialog).toContainText('HR.AUDIT_LOG');
    await expect(dialog).toContainText('Ignoring alerts may result in data inconsistency');
    await snap(page, '42-precheck-confirm-ignore');
    await dialog.getByRole('button', { name: 'Ignore', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    // DTS: an ignored alert counts only after Precheck Again; until then the rate stays where it was.
    await expect(row(page, 'ORACLE_TABLES_WITHOUT_KEY')).toHaveAttribute('data-ignore-pending', 'true');
    await expect(row(page, 'ORACLE_TABLES_WITHOUT_KEY')).toContainText('ignored from the next precheck');
    await expect(page.getByTestId('precheck-pending-ignores')).toContainText('1 ignored alert(s) count from the next run');
    expect(Number(await progress.getAttribute('data-rate'))).toBe(rateBefore);
    await expect(dashboard).toHaveAttribute('data-status', 'PrecheckFailed');

    // Precheck Again: a new run; the ignored alert now counts as ignored, the long name is still an alert.
    const firstRun = Number(await progress.getAttribute('data-run'));
    await page.getByTestId('precheck-again').click();
    await expect(progress).toHaveAttribute('data-run', String(firstRun + 1), { timeout: 15_000 });
    await expect(progress).toHaveAttribute('data-outcome', 'Failed', { timeout: 45_000 });
    await expect(row(page, 'ORACLE_TABLES_WITHOUT_KEY')).toHaveAttribute('data-ignored', 'true');
    await expect(row(page, 'ORACLE_TABLES_WITHOUT_KEY')).toContainText('Ignored');
    await expect(row(page, 'ORACLE_NAME_LENGTH')).toHaveAttribute('data-ignored', 'false');
    expect(Number(await progress.getAttribute('data-rate'))).toBeGreaterThan(rateBefore);

    await row(page, 'ORACLE_NAME_LENGTH').getByRole('button', { name: 'Ignore', exact: true }).click();
    await page.getByRole('dialog', { name: 'Confirm Alert Details' }).getByRole('button', { name: 'Ignore', exact: true }).click();
    await expect(row(page, 'ORACLE_NAME_LENGTH')).toHaveAttribute('data-ignore-pending', 'true');
    await expect(progress).toHaveAttribute('data-outcome', 'Failed');
    await page.getByTestId('precheck-again').click();
    await expect(progress).toHaveAttribute('data-run', String(firstRun + 2), { timeout: 15_000 });
    await expect(progress).toHaveAttribute('data-outcome', 'Passed', { timeout: 45_000 });
    await expect(progress).toContainText('Success Rate 100%');
    await expect(dashboard).toHaveAttribute('data-status', 'PrecheckPassed');
    await expect(page.getByTestId('task-logs')).toContainText('Ignored precheck item ORACLE_NAME_LENGTH');
    await snap(page, '43-precheck-passed');
  });

  test('dashboard of a migrating task: phase cards, charts, logs with a level filter, controls; task list columns and delete', async ({ page, request }) => {
    const id = await demoTask(request, 'e2e-dashboard-running', { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }, { name: 'JOBS' }] }] });
    const draft = await demoTask(request, 'e2e-draft-to-delete', { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }] }] });
    const db = await metadataDb();
    const now = Date.now();
    await db.task.update({ where: { id }, data: { status: 'Migrating', startedAt: new Date(now - 12 * 60_000) } });
    await db.taskPhase.createMany({
      data: [
        { taskId: id, phase: 'schema', status: 'Finished', percent: 100, objectsDone: 14, objectsTotal: 14, startedAt: new Date(now - 12 * 60_000), finishedAt: new Date(now - 11 * 60_000) },
        { taskId: id, phase: 'full', status: 'Running', percent: 62.5, rowsDone: 625_000n, rowsTotal: 1_000_000n, bytesDone: 150n * 1024n * 1024n, objectsDone: 1, objectsTotal: 2, etaSeconds: 95, startedAt: new Date(now - 11 * 60_000) },
      ],
    });
    await db.metricSample.createMany({
      data: Array.from({ length: 120 }, (_, i) => {
        const rps = 12_000 + 3_000 * Math.sin(i / 8);
        return { taskId: id, phase: 'full', time: new Date(now - (120 - i) * 5000), rps, bps: rps * 240, latencyMs: null };
      }),
    });
    for (const [level, message] of [
      ['INFO', 'Schema migration finished: 14 objects.'],
      ['WARN', 'HR.AUDIT_LOG has no primary key; its rows are read by ROWID.'],
      ['ERROR', 'ORA-03113: end-of-file on communication channel (retried).'],
      ['INFO', 'Full migration: HR.JOBS finished (19 rows).'],
    ] as const) {
      await db.taskLog.create({ data: { taskId: id, level, message } });
    }

    await page.goto(`/tasks/${id}`);
    await expect(page.getByTestId('task-dashboard')).toHaveAttribute('data-status', 'Migrating');
    const cards = page.getByTestId('phase-cards');
    const schema = cards.locator('[data-phase="schema"]');
    await expect(schema).toHaveAttribute('data-status', 'Finished');
    await expect(schema).toContainText('Completed');
    await expect(schema).toContainText('14 / 14');
    const full = cards.locator('[data-phase="full"]');
    await expect(full).toContainText('62.5%');
    await expect(full).toContainText('625,000 / ~1,000,000');
    await expect(full).toContainText('about 1 min 35 s left');
    await expect(full).toContainText('150 MB');
    await expect(full).toContainText('RPS');
    await expect(cards.locator('[data-phase="incremental"]')).toContainText('Not Started');
    await expect(page.getByTestId('precheck-panel')).toHaveCount(0);

    const rps = page.getByTestId('chart-rps');
    await expect(rps).toHaveAttribute('data-points', '120');
    await expect(rps.locator('polyline')).toHaveCount(1);
    await expect(rps).toContainText('Full Data');
    await expect(page.getByTestId('chart-bps').locator('polyline')).toHaveCount(1);
    await expect(page.getByTestId('chart-latency')).toContainText('No samples in this time range yet');
    await rps.locator('svg').hover();
    await expect(rps.locator('.chart-tip')).toContainText('Full Data:');

    const logs = page.getByTestId('task-logs').locator('tbody tr');
    await expect(logs).toHaveCount(4);
    await expect(logs.first()).toContainText('HR.JOBS finished');
    await expect(page.getByTestId('config-summary')).toContainText('Schema Migration, Full Data Migration, Incremental Data Migration');
    await snap(page, '44-dashboard-migrating');

    await page.getByTestId('task-logs').getByRole('button', { name: 'Errors', exact: true }).click();
    await expect(logs).toHaveCount(1);
    await expect(logs.first()).toContainText('ORA-03113');

    // This task's rows were written straight into the database, so no engine runner holds it:
    // Pause says so and nothing changes.
    await page.getByTestId('task-pause').click();
    const confirm = page.getByRole('dialog', { name: 'Pause the task?' });
    await confirm.getByRole('button', { name: 'Pause' }).click();
    await expect(confirm.getByRole('alert')).toContainText(`Task ${id} is not running in this process.`);
    await snap(page, '45-dashboard-pause-refused');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('task-dashboard')).toHaveAttribute('data-status', 'Migrating');

    // Task list: migration types, per-phase progress, and Delete only for tasks that are not running.
    await page.goto('/tasks');
    const running = page.locator(`tr[data-task-id="${id}"]`);
    await expect(running.locator('[data-col="types"]')).toContainText('Schema');
    await expect(running.locator('[data-col="types"]')).toContainText('Incremental');
    await expect(running.locator('[data-col="progress"] [data-phase="full"]')).toContainText('62.5%');
    await expect(running.getByTestId('delete-task')).toHaveCount(0);
    const drafted = page.locator(`tr[data-task-id="${draft}"]`);
    await expect(drafted.locator('[data-col="progress"]')).toContainText('Not started');
    await snap(page, '46-task-list');
    await drafted.getByTestId('delete-task').click();
    const del = page.getByRole('dialog', { name: 'Delete the task?' });
    await expect(del).toContainText('e2e-draft-to-delete');
    await del.getByRole('button', { name: 'Delete' }).click();
    await expect(drafted).toHaveCount(0);
    await expect(running).toHaveCount(1);
  });
  test('wizard step 5: the precheck runs on entering the step and Next opens only at 100%', async ({ page, request }) => {
    test.setTimeout(120_000);
    const id = await demoTask(request, 'e2e-wizard-precheck', { schemas: [{ name: 'HR', tables: [{ name: 'EMPLOYEES' }, { name: 'JOBS' }] }] });
    await page.goto(`/tasks/new?edit=${id}`);
    const wizard = page.getByTestId('task-wizard');
    const next = page.getByTestId('wizard-next');
    await expect(wizard).toHaveAttribute('data-step', 'source-destination');
    await throughConnectivityStep(page);
    await next.click();
    await expect(wizard).toHaveAttribute('data-step', 'advanced');
    await next.click();
    await expect(wizard).toHaveAttribute('data-step', 'precheck');
    // Saving the earlier steps made the task Not Started again, so the step prechecks by itself.
    const progress = page.getByTestId('precheck-progress');
    await expect(progress).toHaveAttribute('data-outcome', 'Passed', { timeout: 45_000 });
    await expect(progress).toContainText('Success Rate 100%');
    await expect(page.getByTestId('precheck-items').locator('tr[data-status="passed"]')).toHaveCount(22);
    await expect(next).toBeEnabled();
    await snap(page, '47-wizard-precheck-passed');
    await next.click();
    await expect(wizard).toHaveAttribute('data-step', 'instance');
  });
});
