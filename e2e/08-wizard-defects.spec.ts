import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { call } from './auth';
import { apiGet, broker, demoTask, ensureTopics, metadataDb, snap, throughConnectivityStep } from './helpers';

/**
 * The wizard defects a new user hit, each with its own assertion: keyboard-only step 1 (option
 * buttons by arrow keys), step labels readable at 1024–1440 px, Edit from the task list and the
 * dashboard, failed precheck items never ignorable, messages that name labels, Batch Edit of a
 * whole schema's tables, and the task list's search, filters, latency and row actions.
 */
const TOPIC = 'e2e-defects';
const suffix = randomBytes(3).toString('hex');

test.beforeAll(async () => {
  await ensureTopics('o2k-e2e-08', [{ topic: TOPIC, numPartitions: 2 }]);
});

/** Presses Tab until the focused element matches `selector` (at most 80 times): it is reachable by keyboard. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with the Tab key`);
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

const checked = (page: Page, name: string) => page.locator(`input[name="${name}"]:checked`);

test('keyboard only: step 1 is filled in, its option buttons changed with the arrow keys, saved, and connectivity tested', async ({ page, request }) => {
  test.setTimeout(90_000);
  await page.goto('/tasks/new');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.goto('/tasks/new');
  await expect(page.getByTestId('task-wizard')).toHaveAttribute('data-step', 'source-destination');
  // From here on, no mouse: Tab, typing, arrow keys, Enter.
  const name = `e2e-keyboard-${suffix}`;
  await typeInto(page, 'input[name="name"]', name);
  await typeInto(page, 'input[name="source.host"]', 'demo-oracle.sim');

  // Oracle Type: Tab reaches the chosen option; the arrow keys move the choice.
  await tabTo(page, 'input[name="source.kind"]');
  await expect(page.locator('input[name="source.kind"]:focus')).toHaveValue('sid');
  await page.keyboard.press('ArrowRight');
  await expect(checked(page, 'source.kind')).toHaveValue('service');
  await expect(page.locator('label.lbl').filter({ hasText: /^\*Service Name$/ })).toBeVisible();
  await expect(page.locator('textarea[name="source.racNodes"]')).toBeVisible();
  await snap(page, '80-keyboard-option-focus');
  await page.keyboard.press('ArrowLeft');
  await expect(checked(page, 'source.kind')).toHaveValue('sid');
  await expect(page.locator('label.lbl').filter({ hasText: /^\*SID$/ })).toBeVisible();

  await typeInto(page, 'input[name="source.database"]', 'SIMDB');
  await typeInto(page, 'input[name="source.user"]', 'DTS_SYNC');
  await typeInto(page, 'input[name="source.password"]', 'dts_sync');
  await tabTo(page, 'input[name="source.encryption"]');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('input[name="source.walletLocation"]')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('input[name="source.walletLocation"]')).toHaveCount(0);

  await typeInto(page, 'input[name="destination.brokers"]', broker());
  await tabTo(page, 'input[name="destination.connectionMethod"]');
  await page.keyboard.press('ArrowRight');
  await expect(checked(page, 'destination.connectionMethod')).toHaveValue('scram-sha-256');
  await expect(page.locator('input[name="destination.username"]')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(checked(page, 'destination.connectionMethod')).toHaveValue('plaintext');
  await typeInto(page, 'input[name="destination.topic"]', TOPIC);
  await tabTo(page, 'input[name="destination.schemaRegistry.enabled"]');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('input[name="destination.schemaRegistry.url"]')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('input[name="destination.schemaRegistry.url"]')).toHaveCount(0);

  // Every option group is named by its label, as a screen reader announces it.
  const groups = await page.getByRole('radiogroup').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(groups).toEqual(['Oracle Type', 'Encryption', 'Connection Method', 'Use Kafka Schema Registry']);

  await tabTo(page, '[data-testid="save-draft"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wizard-banner')).toContainText('Draft saved');
  await tabTo(page, '[data-testid="wizard-next"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('task-wizard')).toHaveAttribute('data-step', 'connectivity');
  await tabTo(page, '[data-testid="test-connectivity"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('connectivity-results').locator('tr[data-check="destination"]')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('connectivity-results').locator('tr[data-check="source"]')).toHaveAttribute('data-ok', 'true');

  const id = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ora2kafka-wizard') ?? '{}').state.draftId as string);
  const saved = await apiGet<{ name: string; config: { source: { kind: string; user: string; password: string }; destination: { topic: string; connectionMethod: string } } }>(request, 'task.get', { id });
  expect(saved).toMatchObject({ name, config: { source: { kind: 'sid', user: 'DTS_SYNC', password: 'set' }, destination: { topic: TOPIC, connectionMethod: 'plaintext' } } });
});

test('step labels are readable, not cut, from 1024 to 1440 px wide', async ({ page }) => {
  for (const width of [1024, 1280, 1440]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/tasks/new');
    const labels = page.locator('.stepbar .label');
    await expect(labels).toHaveCount(7);
    const cut = await labels.evaluateAll((els) =>
      els
        .map((e) => {
          const li = e.closest('li')!.getBoundingClientRect();
          const r = e.getBoundingClientRect();
          const inside = r.left >= li.left - 0.5 && r.right <= li.right + 0.5 && r.bottom <= li.bottom + 0.5;
          return { text: e.textContent, clipped: e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight || !inside };
        })
        .filter((x) => x.clipped),
    );
    expect(cut, `labels cut at ${width} px`).toEqual([]);
    await expect(labels).toHaveText(['Source & Destination', 'Connectivity', 'Objects', 'Advanced Settings', 'Precheck', 'Instance Class', 'Review and Start']);
    await snap(page, `81-step-labels-${width}`);
  }
});

test('Edit from the task list and the dashboard; failed precheck items cannot be ignored; messages name labels', async ({ page, request }) => {
  test.setTimeout(120_000);
  const draft = await demoTask(request, { name: `e2e-edit-draft-${suffix}`, topic: TOPIC, objects: { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }] }] } });
  const failed = await demoTask(request, { name: `e2e-edit-failed-${suffix}`, topic: TOPIC, objects: { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }] }] }, source: { user: 'READONLY', password: 'readonly' } });
  await call(request, 'precheck.start', { taskId: failed });
  await expect.poll(async () => (await apiGet<{ status: string }>(request, 'task.get', { id: failed })).status, { timeout: 45_000 }).toBe('PrecheckFailed');

  // The task list links a draft to the wizard.
  await page.goto('/tasks');
  await page.getByRole('searchbox', { name: 'Search tasks' }).fill(suffix);
  const draftRow = page.locator(`tr[data-task-id="${draft}"]`);
  await draftRow.getByTestId('edit-task').click();
  await expect(page).toHaveURL(new RegExp(`/tasks/new\\?edit=${draft}$`));
  await expect(page.getByRole('heading', { name: 'Edit Task' })).toBeVisible();
  await expect(page.locator('input[name="name"]')).toHaveValue(`e2e-edit-draft-${suffix}`);

  // The dashboard of a task whose precheck failed: Edit, and no Ignore on a failed item.
  await page.goto(`/tasks/${failed}`);
  await expect(page.getByTestId('task-dashboard')).toHaveAttribute('data-status', 'PrecheckFailed');
  const privileges = page.getByTestId('precheck-items').locator('tr[data-code="ORACLE_PRIVILEGES_FULL"]');
  await expect(privileges).toHaveAttribute('data-status', 'failed');
  await expect(privileges.getByRole('button', { name: 'View Details' })).toBeVisible();
  await expect(privileges.getByRole('button', { name: 'Ignore', exact: true })).toHaveCount(0);
  const failedIds = await page.getByTestId('precheck-items').locator('tr[data-status="failed"]').count();
  expect(failedIds).toBeGreaterThan(0);
  await expect(page.getByTestId('precheck-items').locator('tr[data-status="failed"]').getByRole('button', { name: 'Ignore', exact: true })).toHaveCount(0);
  const run = await apiGet<{ items: { id: number; code: string }[] }>(request, 'precheck.latest', { taskId: failed });
  const refused = await call(request, 'precheck.ignore', { taskId: failed, itemId: run.items.find((i) => i.code === 'ORACLE_PRIVILEGES_FULL')!.id });
  expect(refused.status).toBe(409);
  expect(refused.message).toContain('failed and cannot be ignored: only alerts (warnings) can');
  await snap(page, '82-dashboard-precheck-failed-edit');
  await page.getByTestId('dashboard-edit-task').click();
  await expect(page).toHaveURL(new RegExp(`/tasks/new\\?edit=${failed}$`));
  await expect(page.locator('input[name="name"]')).toHaveValue(`e2e-edit-failed-${suffix}`);
  await expect(page.locator('input[name="source.user"]')).toHaveValue('READONLY');

  // Through to Advanced Settings: a cross-field message names both fields by their labels.
  const next = page.getByTestId('wizard-next');
  const wizard = page.getByTestId('task-wizard');
  await throughConnectivityStep(page);
  await next.click();
  await expect(wizard).toHaveAttribute('data-step', 'advanced');
  await page.locator('input[name="advanced.connectRetryMinutes"]').fill('30');
  await page.locator('input[name="advanced.otherRetryMinutes"]').fill('40');
  await next.click();
  const message = page.getByTestId('advanced-step').locator('.field-error');
  await expect(message).toHaveText('The wait time before a retry when other issues occur (40 minutes) must be less than Retry Time for Failed Connections (30 minutes); lower the wait time or raise Retry Time for Failed Connections.');
  await expect(page.locator('body')).not.toContainText(/[a-z]+RetryMinutes/);
});

test('Batch Edit renames a table that a whole-schema selection migrates', async ({ page, request }) => {
  test.setTimeout(90_000);
  const id = await demoTask(request, { name: `e2e-batch-whole-${suffix}`, topic: TOPIC, objects: { schemas: [{ name: 'HR', all: true }] } });
  await page.goto(`/tasks/new?edit=${id}`);
  const next = page.getByTestId('wizard-next');
  await throughConnectivityStep(page);
  const selected = page.getByTestId('selected-pane');
  await expect(selected.locator('[data-ref="HR"]')).toContainText('all tables');
  await expect(selected.locator('[data-ref="HR.JOBS"]')).toHaveCount(0);

  await page.getByTestId('batch-edit').click();
  const batch = page.getByTestId('batch-edit-dialog');
  const jobs = batch.locator('tr[data-ref="HR.JOBS"]');
  await expect(jobs).toHaveAttribute('data-unlisted', 'true');
  await expect(jobs).toContainText('in whole schema');
  await expect(jobs.getByTestId('batch-preview')).toHaveText('HR.JOBS');
  await jobs.getByRole('textbox', { name: 'Name of HR.JOBS in Kafka' }).fill('ROLES_ALL');
  await expect(jobs.getByTestId('batch-preview')).toHaveText('HR.ROLES_ALL');
  await snap(page, '83-batch-edit-whole-schema');
  await batch.getByTestId('batch-save').click();
  await expect(batch).toHaveCount(0);
  await expect(selected.locator('[data-ref="HR.JOBS"]')).toContainText('→ ROLES_ALL');
  await next.click();
  await expect(page.getByTestId('task-wizard')).toHaveAttribute('data-step', 'advanced');
  const saved = await apiGet<{ config: { objects: { schemas: { name: string; all: boolean; tables: { name: string; mappedName: string }[] }[] } } }>(request, 'task.get', { id });
  expect(saved.config.objects.schemas).toEqual([expect.objectContaining({ name: 'HR', all: true, tables: [expect.objectContaining({ name: 'JOBS', mappedName: 'ROLES_ALL' })] })]);
});

test('task list: search, status and environment filters, a latency column and row actions', async ({ page, request }) => {
  const objects = { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }] }] };
  const prod = await demoTask(request, { name: `e2e-list-prod-${suffix}`, topic: TOPIC, objects, advanced: { environmentTag: 'production' } });
  const staging = await demoTask(request, { name: `e2e-list-staging-${suffix}`, topic: TOPIC, objects, advanced: { environmentTag: 'staging' } });
  const untagged = await demoTask(request, { name: `e2e-list-untagged-${suffix}`, topic: TOPIC, objects });
  const db = await metadataDb();
  await db.task.update({ where: { id: prod }, data: { status: 'Migrating', startedAt: new Date() } });
  await db.metricSample.create({ data: { taskId: prod, phase: 'incremental', rps: 120, bps: 30_000, latencyMs: 850 } });

  await page.goto('/tasks');
  await page.getByRole('searchbox', { name: 'Search tasks' }).fill(`e2e-list- ${suffix}`);
  const rows = page.getByTestId('tasks-table').locator('tbody tr[data-task-id]');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('task-count')).toContainText('3 of');
  const prodRow = page.locator(`tr[data-task-id="${prod}"]`);
  await expect(prodRow.locator('[data-col="latency"]')).toHaveText('850 ms');
  await expect(prodRow.locator('[data-col="environment"]')).toHaveText('production');
  await expect(page.locator(`tr[data-task-id="${staging}"] [data-col="latency"]`)).toHaveText('—');
  // Row actions follow the status: a running task pauses (no Edit, no Delete); a draft edits and deletes.
  await expect(prodRow.getByTestId('task-pause')).toBeVisible();
  await expect(prodRow.getByTestId('edit-task')).toHaveCount(0);
  await expect(prodRow.getByTestId('delete-task')).toHaveCount(0);
  await expect(page.locator(`tr[data-task-id="${staging}"]`).getByTestId('edit-task')).toBeVisible();
  await expect(page.locator(`tr[data-task-id="${staging}"]`).getByTestId('delete-task')).toBeVisible();
  await snap(page, '84-task-list-filters');

  await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('Migrating');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-task-id', prod);
  await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('');
  await page.getByRole('combobox', { name: 'Filter by environment tag' }).selectOption('staging');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-task-id', staging);
  await page.getByRole('combobox', { name: 'Filter by environment tag' }).selectOption({ label: 'No environment tag' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-task-id', untagged);
  await page.getByRole('searchbox', { name: 'Search tasks' }).fill(`no-such-task-${suffix}`);
  await expect(page.getByTestId('tasks-none-match')).toBeVisible();

  // Pause from the list: the confirmation opens on the row's task (no engine holds it, so it is refused).
  await page.getByRole('searchbox', { name: 'Search tasks' }).fill(prod);
  await page.getByRole('combobox', { name: 'Filter by environment tag' }).selectOption('');
  await prodRow.getByTestId('task-pause').click();
  const confirm = page.getByRole('dialog', { name: 'Pause the task?' });
  await confirm.getByRole('button', { name: 'Pause' }).click();
  await expect(confirm.getByRole('alert')).toContainText(`Task ${prod} is not running in this process.`);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
});
