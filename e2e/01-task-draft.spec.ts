import { expect, test } from '@playwright/test';
import { snap } from './helpers';

test.describe('Data Migration Tasks', () => {
  test('empty list, wizard step bar, validation, and a saved draft appearing in the list', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(page.getByRole('heading', { name: 'Data Migration Tasks' })).toBeVisible();
    await expect(page.getByTestId('tasks-empty')).toContainText('No migration tasks yet');
    await snap(page, '01-tasks-empty');

    await page.getByTestId('create-task').click();
    await expect(page).toHaveURL(/\/tasks\/new$/);
    const steps = page.getByRole('list', { name: 'Wizard steps' }).getByRole('listitem');
    await expect(steps).toHaveCount(7);
    await expect(steps.first()).toHaveAttribute('aria-current', 'step');
    await expect(steps.nth(6)).toContainText('Review and Start');

    // Bad input is caught field by field, with what is wrong and how to fix it.
    await page.locator('input[name="source.port"]').fill('70000');
    await page.getByTestId('save-draft').click();
    await expect(page.getByRole('alert').first()).toContainText('Please fix');
    await expect(page.locator('text=Port must be between 1 and 65535.')).toBeVisible();
    await expect(page.locator('text=Enter the Oracle host name or IP address.')).toBeVisible();
    await expect(page.locator('text=A topic name has 1–249 characters')).toBeVisible();
    await snap(page, '02-wizard-validation');

    await page.locator('input[name="name"]').fill('hr-to-kafka');
    await page.locator('input[name="source.host"]').fill('db1.example.com');
    await page.locator('input[name="source.port"]').fill('1521');
    await page.locator('input[name="source.database"]').fill('ORCL');
    await page.locator('input[name="source.user"]').fill('dts_reader');
    await page.locator('input[name="source.password"]').fill('s3cret-pw');
    await page.locator('input[name="destination.brokers"]').fill('127.0.0.1:9092');
    await page.locator('input[name="destination.topic"]').fill('oracle-cdc');
    await page.getByTestId('save-draft').click();
    await expect(page.getByRole('status')).toContainText('Draft saved');
    await snap(page, '03-wizard-step1-saved');

    await page.getByRole('link', { name: 'Data Migration' }).click();
    const row = page.getByTestId('tasks-table').locator('tbody tr');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('hr-to-kafka');
    await expect(row).toContainText('Not Started');
    await expect(row).toContainText('db1.example.com:1521/ORCL');
    await snap(page, '04-tasks-with-draft');

    // The password is stored but never sent back to the browser.
    await row.getByRole('link', { name: 'hr-to-kafka' }).click();
    await expect(page.getByText('password set')).toBeVisible();
    await expect(page.locator('body')).not.toContainText('s3cret-pw');
    await snap(page, '05-task-detail');
  });
});
