import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { broker, snap } from './helpers';


async function fillStep1(page: Page, opts: { password: string; topic: string }) {
  await page.goto('/tasks/new');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('create-task').click();
  await page.getByTestId('demo-fill').getByRole('button', { name: 'Fill in the demo source and destination' }).click();
  await expect(page.locator('input[name="source.host"]')).toHaveValue('demo-oracle.sim');
  await page.locator('input[name="source.password"]').fill(opts.password);
  await page.locator('input[name="destination.brokers"]').fill(broker());
  await page.locator('input[name="destination.topic"]').fill(opts.topic);
  await page.locator('input[name="destination.ddlTopic"]').fill('e2e-ddl');
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('connectivity-step')).toBeVisible();
}

test.describe('Test Connectivity', () => {
  test('passes against the demo simulator and the real broker, reporting partitions', async ({ page }) => {
    await fillStep1(page, { password: 'dts_sync', topic: 'e2e-cdc' });
    await expect(page.getByTestId('wizard-next')).toBeDisabled();
    await page.getByTestId('test-connectivity').click();
    const results = page.getByTestId('connectivity-results');
    await expect(results.locator('tr[data-check="source"]')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
    await expect(results.locator('tr[data-check="source"]')).toContainText('simulator');
    await expect(results.locator('tr[data-check="destination"]')).toHaveAttribute('data-ok', 'true');
    await expect(results.locator('tr[data-check="destination"]')).toContainText('topic e2e-cdc (3 partitions)');
    await expect(results.locator('tr[data-check="destination"]')).toContainText('DDL topic e2e-ddl (1 partition)');
    await expect(page.getByTestId('wizard-next')).toBeEnabled();
    await snap(page, '10-connectivity-passed');
  });

  test('names each failure and its fix: wrong Oracle password, missing topic (which can be created right there)', async ({ page }) => {
    const missing = `no-such-topic-${randomBytes(3).toString('hex')}`;
    await fillStep1(page, { password: 'wrong-password', topic: missing });
    await page.getByTestId('test-connectivity').click();
    const results = page.getByTestId('connectivity-results');
    const src = results.locator('tr[data-check="source"]');
    await expect(src).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
    await expect(src).toContainText('ORA-01017');
    await expect(src).toContainText('Fix:');
    const dst = results.locator('tr[data-check="destination"]');
    await expect(dst).toHaveAttribute('data-ok', 'false');
    await expect(dst).toContainText('KAFKA_TOPIC_MISSING');
    await expect(dst).toContainText(missing);
    await expect(page.getByTestId('wizard-next')).toBeDisabled();
    await snap(page, '11-connectivity-failed');

    // Create topic <name> from the failure: the test runs again and the destination passes.
    await page.getByTestId('create-missing-topic').click();
    const create = page.getByTestId('create-topic-dialog');
    await expect(create.locator('input[name="topic.name"]')).toHaveValue(missing);
    await create.locator('input[name="topic.partitions"]').fill('4');
    await create.getByTestId('create-topic-ok').click();
    await expect(dst).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
    await expect(dst).toContainText(`topic ${missing} (4 partitions)`);
  });
});
