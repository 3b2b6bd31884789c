import { expect, test } from '@playwright/test';
import { E2E_VIEWER, storageStateOf } from './env';
import { snap } from './helpers';

/**
 * The Workers page in the single-process default (SQLite, no cluster): reachable from the side
 * navigation by any role, it says that the console runs every task itself and how to form a cluster.
 * (Cluster mode, with workers on the page's data, is covered by test/integration/cluster-failover.test.ts.)
 */
test('the Workers page explains the single-process default and how to run a cluster', async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageStateOf(E2E_VIEWER) });
  const page = await ctx.newPage();
  await page.goto('/tasks');
  await page.getByTestId('nav-workers').click();
  await expect(page).toHaveURL(/\/admin\/workers$/);
  await expect(page.getByRole('heading', { name: 'Workers' })).toBeVisible();
  await expect(page.getByTestId('workers-none')).toContainText('The console runs every task itself');
  await expect(page.getByTestId('workers-none')).toContainText('ora2kafka worker --cluster NAME');
  await snap(page, '70-workers');
  await ctx.close();
});
