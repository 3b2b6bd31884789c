import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, request as requestFactory, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { call } from './auth';
import { E2E_ADMIN, E2E_BASE_URL, E2E_VIEWER, storageStateOf } from './env';
import { apiGet, broker, ensureTopics, snap } from './helpers';

/**
 * Saved instances, topics from the cluster and Preview API Call, in Chromium against the production
 * build, the demo Oracle simulator and the run's broker: an operator saves an Oracle and a Kafka
 * instance, a new task is filled in from them, its topic is picked from the cluster's list and its
 * DDL topic created from the wizard; through precheck (an alert ignored, counted after Precheck
 * Again) to the review step, whose Preview API Call's curl command — run by the test with a real
 * API token — creates the same task.
 */
const PICKED = 'e2e-picked';
const suffix = randomBytes(3).toString('hex');
const CREATED_DDL = `e2e-created-ddl-${suffix}`;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // The picked topic already holds a record, so the precheck's conflict item raises an alert.
  await ensureTopics('o2k-e2e-07', [{ topic: PICKED, numPartitions: 3 }]);
  const producer = new Kafka({ clientId: 'o2k-e2e-07', brokers: broker().split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({ topic: PICKED, messages: [{ key: 'k', value: 'already here' }] });
  await producer.disconnect();
});

async function topicPartitions(topic: string): Promise<number> {
  const admin = new Kafka({ clientId: 'o2k-e2e-07-check', brokers: broker().split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const md = await admin.fetchTopicMetadata({ topics: [topic] });
    return md.topics[0]!.partitions.length;
  } finally {
    await admin.disconnect();
  }
}

test('saved instances fill step 1; a topic is picked from the cluster and one created; Preview API Call’s HTTP request creates the same task', async ({ page, context }) => {
  test.setTimeout(180_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: E2E_BASE_URL });

  // ── Saved Instances page ─────────────────────────────────────────────────────────────────
  await page.goto('/tasks');
  await page.getByTestId('nav-instances').click();
  await expect(page.getByRole('heading', { name: 'Saved Instances' })).toBeVisible();
  await page.getByTestId('add-oracle-instance').click();
  const form = page.getByTestId('instance-form');
  await form.locator('input[name="name"]').fill(`hr-demo-${suffix}`);
  await form.locator('input[name="settings.host"]').fill('demo-oracle.sim');
  await form.locator('input[name="settings.database"]').fill('SIMDB');
  await form.locator('input[name="settings.user"]').fill('DTS_SYNC');
  await form.getByTestId('instance-save').click();
  await expect(form.getByRole('alert').first()).toContainText('Enter the database password');
  await form.locator('input[name="settings.password"]').fill('dts_sync');
  await form.getByTestId('instance-save').click();
  await expect(form).toHaveCount(0);
  await page.getByTestId('add-kafka-instance').click();
  await form.locator('input[name="name"]').fill(`events-${suffix}`);
  await form.locator('input[name="settings.brokers"]').fill(broker());
  await form.getByTestId('instance-save').click();
  await expect(form).toHaveCount(0);
  const table = page.getByTestId('instances-table');
  await expect(table.locator(`tr[data-instance="hr-demo-${suffix}"] [data-col="password"]`)).toHaveText('saved (encrypted)');
  await expect(table.locator(`tr[data-instance="events-${suffix}"]`)).toContainText(broker());
  await expect(page.locator('body')).not.toContainText('dts_sync');
  await snap(page, '70-saved-instances');

  // ── Step 1 filled from the instances; topics from the cluster ─────────────────────────────
  await page.goto('/tasks/new');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('create-task').click();
  const name = `e2e-from-instances-${suffix}`;
  await page.locator('input[name="name"]').fill(name);
  const oracleInstance = await page.locator('select[name="instance.oracle"] option', { hasText: `hr-demo-${suffix}` }).getAttribute('value');
  await page.locator('select[name="instance.oracle"]').selectOption(oracleInstance!);
  await expect(page.locator('input[name="source.host"]')).toHaveValue('demo-oracle.sim');
  await expect(page.locator('input[name="source.database"]')).toHaveValue('SIMDB');
  await expect(page.locator('input[name="source.user"]')).toHaveValue('DTS_SYNC');
  await expect(page.locator('input[name="source.password"]')).toHaveValue('');
  await expect(page.getByTestId('source-card')).toContainText('Leave blank to use the password saved with the instance.');
  const kafkaInstance = await page.locator('select[name="instance.kafka"] option', { hasText: `events-${suffix}` }).getAttribute('value');
  await page.locator('select[name="instance.kafka"]').selectOption(kafkaInstance!);
  await expect(page.locator('input[name="destination.brokers"]')).toHaveValue(broker());

  // The cluster's topics, with partition counts, once the brokers are known.
  const topicPick = page.getByRole('combobox', { name: 'Topic from the cluster' });
  await expect(topicPick.locator('option', { hasText: `${PICKED} (3 partitions)` })).toHaveCount(1, { timeout: 20_000 });
  await topicPick.selectOption(PICKED);
  await expect(page.locator('input[name="destination.topic"]')).toHaveValue(PICKED);
  await expect(page.getByTestId('destination.topic-status')).toHaveText(`${PICKED} exists with 3 partitions.`);
  // A typed name that is not a topic yet is allowed and said so.
  await page.locator('input[name="destination.ddlTopic"]').fill(CREATED_DDL);
  await expect(page.getByTestId('destination.ddlTopic-status')).toHaveText(`${CREATED_DDL} is not a topic of the cluster yet: pick one, or create it.`);
  await snap(page, '71-step1-from-instances');

  // Create Topic from the wizard: 2 partitions.
  await page.getByRole('button', { name: 'Create Topic That Stores DDL Information' }).click();
  const create = page.getByTestId('create-topic-dialog');
  await expect(create.locator('input[name="topic.name"]')).toHaveValue(CREATED_DDL);
  await create.locator('input[name="topic.partitions"]').fill('0');
  await create.getByTestId('create-topic-ok').click();
  await expect(create.locator('.field-error')).toContainText('Partitions must be a whole number from 1 to 10,000');
  await create.locator('input[name="topic.partitions"]').fill('2');
  await create.locator('input[name="topic.replicationFactor"]').fill('1');
  await snap(page, '72-create-topic');
  await create.getByTestId('create-topic-ok').click();
  await expect(create).toHaveCount(0);
  await expect(page.getByTestId('destination.ddlTopic-status')).toHaveText(`${CREATED_DDL} exists with 2 partitions.`);
  expect(await topicPartitions(CREATED_DDL)).toBe(2);

  // Next saves the draft with the instances' passwords (on the server): both ends connect.
  const wizard = page.getByTestId('task-wizard');
  const next = page.getByTestId('wizard-next');
  await next.click();
  await expect(wizard).toHaveAttribute('data-step', 'connectivity');
  await page.getByTestId('test-connectivity').click();
  await expect(next).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByTestId('connectivity-results')).toContainText(`DDL topic ${CREATED_DDL} (2 partitions)`);
  await expect(page.getByTestId('connectivity-results')).toContainText(`topic ${PICKED} (3 partitions)`);
  await next.click();

  // Objects, advanced settings.
  const source = page.getByTestId('source-pane');
  await source.getByRole('button', { name: 'Expand schema HR' }).click();
  await source.getByRole('checkbox', { name: 'Select table HR.JOBS' }).check();
  await page.getByTestId('move-right').click();
  await next.click();
  await expect(wizard).toHaveAttribute('data-step', 'advanced');
  await page.locator('input[name="advanced.environmentTag"]').fill('e2e-preview');
  await next.click();

  // Precheck: the picked topic holds a record — an alert. Ignoring it counts only after Precheck Again.
  await expect(wizard).toHaveAttribute('data-step', 'precheck');
  const progress = page.getByTestId('precheck-progress');
  await expect(progress).toHaveAttribute('data-outcome', 'Failed', { timeout: 45_000 });
  const conflict = page.getByTestId('precheck-items').locator('tr[data-code="CHECK_DEST_CONFLICT"]');
  await expect(conflict).toHaveAttribute('data-status', 'warning');
  const rate = await progress.getAttribute('data-rate');
  await conflict.getByRole('button', { name: 'Ignore', exact: true }).click();
  await page.getByRole('dialog', { name: 'Confirm Alert Details' }).getByRole('button', { name: 'Ignore', exact: true }).click();
  await expect(conflict).toHaveAttribute('data-ignore-pending', 'true');
  await expect(page.getByTestId('precheck-pending-ignores')).toContainText('click Precheck Again');
  await expect(progress).toHaveAttribute('data-rate', rate!);
  await expect(next).toBeDisabled();
  await page.getByTestId('precheck-again').click();
  await expect(progress).toHaveAttribute('data-outcome', 'Passed', { timeout: 45_000 });
  await expect(progress).toContainText('Success Rate 100%');
  await expect(conflict).toHaveAttribute('data-ignored', 'true');
  await next.click();
  await expect(wizard).toHaveAttribute('data-step', 'instance');
  await next.click();
  await expect(wizard).toHaveAttribute('data-step', 'start');

  // Review: the ignored item is listed.
  await expect(page.getByTestId('review-ignored').locator('tr[data-code="CHECK_DEST_CONFLICT"]')).toContainText('Existing data in the destination');
  const summary = page.getByTestId('review-summary');
  const id = (await summary.locator('tr', { hasText: 'Task ID' }).locator('td').innerText()).trim();

  // ── Preview API Call ─────────────────────────────────────────────────────────────────────
  await page.getByTestId('preview-api-call').click();
  const preview = page.getByTestId('api-call-preview');
  const shown = JSON.parse(await preview.getByTestId('api-call-json').innerText()) as Record<string, unknown> & { source: { password: string } };
  expect(shown).toMatchObject({ name, source: { host: 'demo-oracle.sim', password: '********' }, destination: { topic: PICKED, ddlTopic: CREATED_DDL }, advanced: { environmentTag: 'e2e-preview' } });
  await expect(preview).not.toContainText('dts_sync');
  await snap(page, '73-preview-api-call');
  await preview.getByTestId('copy-curl').click();
  await expect(preview.getByTestId('copy-curl')).toHaveText('Copied');
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toBe(await preview.getByTestId('api-call-curl').innerText());
  await preview.getByTestId('copy-cli').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`npx ora2kafka console create '${name}.json' --url '${E2E_BASE_URL}'`);

  // The test sends the copied command as a user would: a real API token, the password in the environment.
  const admin = await requestFactory.newContext({ baseURL: E2E_BASE_URL, storageState: storageStateOf(E2E_ADMIN) });
  const token = await call<{ token: string }>(admin, 'token.create', { name: `e2e-preview-${suffix}`, role: 'operator' });
  await admin.dispose();
  const out = execFileSync('sh', ['-c', curl], { env: { ...process.env, ORA2KAFKA_TOKEN: token.data!.token, ORACLE_PASSWORD: 'dts_sync' }, encoding: 'utf8' });
  const created = (JSON.parse(out) as { result: { data: { json: { id: string; status: string } } } }).result.data.json;
  expect(created.status).toBe('NotStarted');
  expect(created.id).not.toBe(id);

  // The same task: every setting equal, password stored (set) and usable.
  const original = await apiGet<{ config: unknown }>(page.request, 'task.get', { id });
  const copy = await apiGet<{ name: string; status: string; config: unknown }>(page.request, 'task.get', { id: created.id });
  expect(copy.name).toBe(name);
  expect(copy.config).toEqual(original.config);
  const conn = await call<{ source: { ok: boolean }; destination: { ok: boolean } }>(page.request, 'connectivity.test', { taskId: created.id });
  expect(conn.data).toMatchObject({ source: { ok: true }, destination: { ok: true } });
  await page.goto('/tasks');
  await expect(page.locator(`tr[data-task-id="${created.id}"]`)).toContainText(name);
});

test('a viewer reads the saved instances but cannot change them; no password reaches the page', async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageStateOf(E2E_VIEWER) });
  const page = await ctx.newPage();
  await page.goto('/instances');
  await expect(page.getByTestId('instances-table').locator(`tr[data-instance="hr-demo-${suffix}"]`)).toContainText('demo-oracle.sim:1521/SIMDB as DTS_SYNC');
  await expect(page.getByTestId('add-oracle-instance')).toBeDisabled();
  await expect(page.locator('[data-refused="instance.save"]').first()).toHaveAttribute('title', 'Needs the operator or admin role; you are signed in as a viewer.');
  const list = await page.request.get('/api/trpc/instance.list?input=%7B%22json%22%3A%7B%7D%7D');
  expect(list.status()).toBe(200);
  expect(await list.text()).not.toContain('dts_sync');
  expect((await call(page.request, 'instance.save', { kind: 'kafka', name: 'x', settings: { brokers: 'k:9092' } })).status).toBe(403);
  await ctx.close();
});
