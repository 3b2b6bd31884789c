import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { call } from './auth';
import { E2E_ADMIN, E2E_BASE_URL, E2E_OPERATOR, E2E_VIEWER, storageStateOf, type E2EUser } from './env';
import { broker, ensureTopics, snap } from './helpers';

/**
 * Who may do what, in the browser and over the API, against the production build: an operator runs
 * a task from the sign-in page to Resume; a viewer sees it all and can change nothing (disabled
 * controls that say why, 403 from the API); an admin adds a user and an API token that a script
 * then uses; failed sign-ins are limited; the audit page shows who did what.
 */
const TOPIC = 'e2e-access';
const DDL_TOPIC = 'e2e-access-ddl';
const VIEWER_REFUSAL = 'Needs the operator or admin role; you are signed in as a viewer.';

let taskId = '';
let tokenValue = '';

async function contextFor(browser: Browser, user: E2EUser | null): Promise<BrowserContext> {
  return browser.newContext({ storageState: user ? storageStateOf(user) : { cookies: [], origins: [] } });
}

const card = (page: Page, phase: string) => page.locator(`.phase-card[data-phase="${phase}"]`);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await ensureTopics('o2k-e2e-06', [{ topic: TOPIC, numPartitions: 2 }, { topic: DDL_TOPIC, numPartitions: 1 }]);
});

test('an operator signs in, then creates, prechecks, starts, pauses and resumes a task', async ({ browser }) => {
  test.setTimeout(180_000);
  const ctx = await contextFor(browser, null);
  const page = await ctx.newPage();
  // Signed out, a console page sends the browser to sign in, and back after.
  await page.goto('/tasks/new');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ftasks%2Fnew$/);
  await snap(page, '60-sign-in');
  await page.locator('input[name="username"]').fill(E2E_OPERATOR.username);
  await page.locator('input[name="password"]').fill(E2E_OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/tasks\/new$/);
  await expect(page.getByTestId('user-menu')).toContainText('e2e-operator');
  await expect(page.getByTestId('user-menu')).toHaveAttribute('data-role', 'operator');

  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('create-task').click();
  await page.getByTestId('demo-fill').getByRole('button', { name: 'Fill in the demo source and destination' }).click();
  await page.locator('input[name="name"]').fill('e2e-access-run');
  await page.locator('input[name="source.password"]').fill('dts_sync');
  await page.locator('input[name="destination.brokers"]').fill(broker());
  await page.locator('input[name="destination.topic"]').fill(TOPIC);
  await page.locator('input[name="destination.ddlTopic"]').fill(DDL_TOPIC);
  const next = page.getByTestId('wizard-next');
  const wizard = page.getByTestId('task-wizard');
  await next.click();
  await page.getByTestId('test-connectivity').click();
  await expect(next).toBeEnabled({ timeout: 30_000 });
  await next.click();
  const source = page.getByTestId('source-pane');
  await source.getByRole('button', { name: 'Expand schema HR' }).click();
  for (const t of ['JOBS', 'DEPARTMENTS']) await source.getByRole('checkbox', { name: `Select table HR.${t}` }).check();
  await page.getByTestId('move-right').click();
  await next.click();
  await expect(wizard).toHaveAttribute('data-step', 'advanced');
  await next.click();
  await expect(wizard).toHaveAttribute('data-step', 'precheck');
  await expect(page.getByTestId('precheck-progress')).toHaveAttribute('data-outcome', 'Passed', { timeout: 45_000 });
  await next.click();
  await expect(wizard).toHaveAttribute('data-step', 'instance');
  await next.click();
  await expect(wizard).toHaveAttribute('data-step', 'start');
  await page.getByRole('checkbox', { name: /I have reviewed the configuration/ }).check();
  await page.getByTestId('buy-and-start').click();
  await expect(page).toHaveURL(/\/tasks\/o2k-[\w-]+$/, { timeout: 30_000 });
  taskId = page.url().split('/').pop()!;

  const dashboard = page.getByTestId('task-dashboard');
  await expect(card(page, 'full')).toHaveAttribute('data-status', 'Finished', { timeout: 60_000 });
  await page.getByTestId('task-pause').click();
  await page.getByRole('dialog', { name: 'Pause the task?' }).getByRole('button', { name: 'Pause' }).click();
  await expect(dashboard).toHaveAttribute('data-status', 'Paused', { timeout: 30_000 });
  await page.getByTestId('task-resume').click();
  await page.getByRole('dialog', { name: 'Resume the task?' }).getByRole('button', { name: 'Resume' }).click();
  await expect(dashboard).toHaveAttribute('data-status', 'Migrating', { timeout: 30_000 });
  // The task log names who acted.
  const logs = page.getByTestId('task-logs');
  await expect(logs).toContainText('Start requested by e2e-operator');
  await expect(logs).toContainText('Pause requested by e2e-operator.');
  await expect(logs).toContainText('Resume requested by e2e-operator.');
  await snap(page, '61-operator-resumed');
  await ctx.close();
});

test('a viewer sees the tasks, the dashboard and its charts, and every action is refused in the UI and by the API', async ({ browser }) => {
  test.setTimeout(90_000);
  const ctx = await contextFor(browser, E2E_VIEWER);
  const page = await ctx.newPage();
  const res = await page.goto('/tasks');
  // Security headers on a production page.
  const headers = res!.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');

  await expect(page.getByTestId('user-menu')).toHaveAttribute('data-role', 'viewer');
  const row = page.locator(`tr[data-task-id="${taskId}"]`);
  await expect(row).toContainText('e2e-access-run');
  const create = page.locator('[data-refused="task.saveDraft"]').filter({ has: page.getByTestId('create-task') });
  await expect(create).toHaveAttribute('title', VIEWER_REFUSAL);
  await expect(page.getByTestId('create-task')).toBeDisabled();
  const deletes = page.getByTestId('delete-task');
  for (let i = 0; i < (await deletes.count()); i++) await expect(deletes.nth(i)).toBeDisabled();
  await expect(page.getByTestId('nav-users')).toHaveAttribute('title', 'Needs the admin role; you are signed in as a viewer.');
  await snap(page, '62-viewer-tasks');

  await row.getByRole('link', { name: 'e2e-access-run' }).click();
  await expect(page.getByTestId('task-dashboard')).toHaveAttribute('data-status', 'Migrating');
  await expect(page.getByTestId('phase-cards').locator('[data-phase]')).toHaveCount(3);
  await expect(page.getByTestId('chart-rps').locator('polyline').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('chart-bps').locator('polyline').first()).toBeVisible();
  for (const action of ['pause', 'release']) {
    await expect(page.getByTestId(`task-${action}`)).toBeDisabled();
    await expect(page.locator(`[data-refused="taskMonitor.${action}"]`)).toHaveAttribute('title', VIEWER_REFUSAL);
  }
  await snap(page, '63-viewer-dashboard');

  await page.goto('/tasks/new');
  await expect(page.getByTestId('access-refused')).toHaveText('Creating a task needs the operator or admin role; you are signed in as a viewer.');
  await expect(page.getByTestId('task-wizard')).toHaveCount(0);

  // The API says the same to the viewer's own session, with 403 for every change.
  const attempts: [string, unknown][] = [
    ['task.saveDraft', { name: 'x', source: { host: 'h', database: 'D', user: 'u', password: 'p' }, destination: { brokers: 'k:9092', topic: 't' } }],
    ['task.start', { id: taskId }],
    ['task.delete', { id: taskId }],
    ['precheck.start', { taskId }],
    ['connectivity.test', { taskId }],
    ['taskMonitor.pause', { id: taskId }],
    ['taskMonitor.release', { id: taskId }],
  ];
  for (const [procedure, input] of attempts) {
    const r = await call(page.request, procedure, input);
    expect(r.status, procedure).toBe(403);
    expect(r.message, procedure).toBe(`${procedure} needs the operator or admin role; you are signed in as a viewer.`);
  }
  expect((await call(page.request, 'user.create', { username: 'sneaky', role: 'admin', password: 'sneaky-password' })).status).toBe(403);
  expect((await page.request.get('/api/trpc/task.list')).status()).toBe(200);
  await ctx.close();
});

test('an admin adds a user and an API token; the token drives the API from a script', async ({ browser }) => {
  const ctx = await contextFor(browser, E2E_ADMIN);
  const page = await ctx.newPage();
  await page.goto('/tasks');
  await page.getByTestId('nav-users').click();
  await expect(page.getByRole('heading', { name: 'Users & API Tokens' })).toBeVisible();

  const add = page.getByTestId('add-user');
  await add.locator('input[name="newUsername"]').fill('e2e-new-analyst');
  await add.locator('select[name="newRole"]').selectOption('viewer');
  await add.locator('input[name="newPassword"]').fill('short');
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add.getByRole('alert')).toHaveText('A password has at least 10 characters.');
  await add.locator('input[name="newPassword"]').fill('temporary-analyst-pw');
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add.getByRole('status')).toContainText('User e2e-new-analyst was added.');
  const userRow = page.getByTestId('users-table').locator('tr[data-username="e2e-new-analyst"]');
  await expect(userRow.locator('[data-col="status"]')).toHaveText('Must change password');

  const tokens = page.getByTestId('tokens-panel');
  await tokens.locator('input[name="tokenName"]').fill('e2e-bot');
  await tokens.locator('select[name="tokenRole"]').selectOption('operator');
  await tokens.locator('input[name="tokenDays"]').fill('7');
  await tokens.getByRole('button', { name: 'Create token' }).click();
  tokenValue = (await tokens.getByTestId('new-token-value').innerText()).trim();
  expect(tokenValue).toMatch(/^o2k_[A-Za-z0-9_-]{43}$/);
  const tokenRow = tokens.locator('tr[data-token-name="e2e-bot"]');
  await expect(tokenRow.locator('[data-col="last-used"]')).toHaveText('never');
  await snap(page, '64-admin-users-tokens');

  // A script: plain fetch with the bearer header, no cookie, no Origin.
  const bearer = { authorization: `Bearer ${tokenValue}`, 'content-type': 'application/json' };
  const list = await fetch(`${E2E_BASE_URL}/api/trpc/task.list`, { headers: bearer });
  expect(list.status).toBe(200);
  const listed = ((await list.json()) as { result: { data: { json: { id: string }[] } } }).result.data.json;
  expect(listed.map((t) => t.id)).toContain(taskId);
  const paused = await fetch(`${E2E_BASE_URL}/api/trpc/taskMonitor.pause`, { method: 'POST', headers: bearer, body: JSON.stringify({ json: { id: taskId } }) });
  expect(paused.status).toBe(200);
  expect(((await paused.json()) as { result: { data: { json: { status: string } } } }).result.data.json.status).toBe('Paused');
  const resumed = await fetch(`${E2E_BASE_URL}/api/trpc/taskMonitor.resume`, { method: 'POST', headers: bearer, body: JSON.stringify({ json: { id: taskId } }) });
  expect(resumed.status).toBe(200);
  // An admin-only call is refused to the operator token; no token at all is a 401.
  expect((await fetch(`${E2E_BASE_URL}/api/trpc/user.list`, { headers: bearer })).status).toBe(403);
  expect((await fetch(`${E2E_BASE_URL}/api/trpc/task.list`)).status).toBe(401);

  await page.reload();
  await expect(tokens.locator('tr[data-token-name="e2e-bot"] [data-col="last-used"]')).not.toHaveText('never');

  // The new user signs in with the temporary password and must choose their own.
  const fresh = await contextFor(browser, null);
  const p2 = await fresh.newPage();
  await p2.goto('/sign-in');
  await p2.locator('input[name="username"]').fill('e2e-new-analyst');
  await p2.locator('input[name="password"]').fill('temporary-analyst-pw');
  await p2.getByRole('button', { name: 'Sign in' }).click();
  await expect(p2).toHaveURL(/\/change-password$/);
  await p2.locator('input[name="currentPassword"]').fill('temporary-analyst-pw');
  await p2.locator('input[name="newPassword"]').fill('analyst-own-password');
  await p2.locator('input[name="confirm"]').fill('analyst-own-password');
  await p2.getByRole('button', { name: 'Change password' }).click();
  await expect(p2).toHaveURL(/\/tasks$/);
  await expect(p2.getByTestId('user-menu')).toContainText('e2e-new-analyst');
  await p2.getByTestId('sign-out').click();
  await expect(p2).toHaveURL(/\/sign-in$/);
  await p2.goto('/tasks');
  await expect(p2).toHaveURL(/\/sign-in\?next=%2Ftasks$/);
  await fresh.close();
  await ctx.close();
});

test('failed sign-ins are limited per user, with the time left', async ({ browser, playwright }) => {
  const admin = await playwright.request.newContext({ baseURL: E2E_BASE_URL, storageState: storageStateOf(E2E_ADMIN) });
  expect((await call(admin, 'user.create', { username: 'e2e-locked', role: 'viewer', password: 'locked-user-password', mustChangePassword: false })).status).toBe(200);
  await admin.dispose();

  const ctx = await contextFor(browser, null);
  const page = await ctx.newPage();
  await page.goto('/sign-in');
  const error = page.getByTestId('sign-in-error');
  for (let i = 1; i <= 5; i++) {
    await page.locator('input[name="username"]').fill('e2e-locked');
    await page.locator('input[name="password"]').fill(`wrong-guess-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(error).toContainText('Wrong user name or password.');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  }
  // The sixth try is refused even with the right password, saying how long to wait.
  await page.locator('input[name="password"]').fill('locked-user-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(error).toContainText(/Too many failed sign-ins for "e2e-locked"\. Try again in (15 min|14 min \d+ s)\./);
  await expect(page).toHaveURL(/\/sign-in$/);
  await snap(page, '65-sign-in-limited');
  await ctx.close();
});

test('the audit page lists what was done, by whom, and filters it', async ({ browser }) => {
  const ctx = await contextFor(browser, E2E_ADMIN);
  const page = await ctx.newPage();
  await page.goto('/admin/audit');
  const rows = page.getByTestId('audit-table').locator('tbody tr');
  const entry = (procedure: string, actor: string, outcome = 'ok') => page.locator(`tr[data-procedure="${procedure}"][data-actor="${actor}"][data-outcome="${outcome}"]`);
  const one = (procedure: string, actor: string, text: string | RegExp, outcome = 'ok') => expect(entry(procedure, actor, outcome).filter({ hasText: text }).first()).toBeVisible();
  await one('task.start', 'e2e-operator', taskId);
  await one('taskMonitor.pause', 'e2e-operator', '127.0.0.1');
  await one('taskMonitor.pause', 'e2e-bot', 'token');
  await one('user.create', 'admin', 'username=e2e-new-analyst role=viewer');
  await one('token.create', 'admin', 'role=operator name=e2e-bot expiresInDays=7');
  await one('task.start', 'e2e-viewer', 'task.start needs the operator or admin role', 'denied');
  await one('auth.signIn', 'e2e-locked', 'SIGN_IN_FAILED', 'failed');
  await one('auth.signIn', 'e2e-locked', 'RATE_LIMITED', 'denied');
  await snap(page, '66-audit');

  // Filters: one user; one task and one action.
  const filters = page.getByTestId('audit-filters');
  await filters.locator('input[name="actor"]').fill('e2e-viewer');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(rows.first()).toHaveAttribute('data-actor', 'e2e-viewer');
  const actors = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-actor')));
  expect(new Set(actors)).toEqual(new Set(['e2e-viewer']));
  await filters.getByRole('button', { name: 'Clear' }).click();
  await filters.locator('input[name="taskId"]').fill(taskId);
  await filters.locator('input[name="procedure"]').fill('taskMonitor.resume');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(rows).toHaveCount(2);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-actor')} ${tr.getAttribute('data-outcome')}`))).toEqual(['e2e-bot ok', 'e2e-operator ok']);
  // A time range that ends before the run began matches nothing.
  await filters.getByRole('button', { name: 'Clear' }).click();
  await filters.locator('input[name="to"]').fill('2020-01-01T00:00');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('audit-table')).toContainText('No entries match.');

  // Done: release the task so the engine stops.
  expect((await call(page.request, 'taskMonitor.release', { id: taskId })).status).toBe(200);
  await ctx.close();
});
