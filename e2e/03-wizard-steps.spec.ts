import { expect, test } from '@playwright/test';
import { snap, throughConnectivity } from './helpers';

test.describe('Create Task wizard, steps 3–7', () => {
  test('objects from the HR schema, a rename, a filter fixed after an error, advanced settings, instance class, review', async ({ page }) => {
    test.setTimeout(150_000);
    await throughConnectivity(page, 'hr-wizard-e2e');
    const wizard = page.getByTestId('task-wizard');
    await expect(wizard).toHaveAttribute('data-step', 'objects');

    // Nothing selected: Next says what is missing beside the picker.
    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('object-picker')).toContainText('Select at least one schema or table to migrate.');

    // Source Objects: the HR schema from the simulator's catalog, with row estimates and key markers.
    const source = page.getByTestId('source-pane');
    await source.getByRole('button', { name: 'Expand schema HR' }).click();
    const audit = source.locator('[data-ref="HR.AUDIT_LOG"]');
    await expect(audit).toContainText('no PK/UK');
    await expect(source.locator('[data-ref="HR.EMPLOYEES"]')).toContainText('~1,000 rows');
    for (const t of ['EMPLOYEES', 'JOBS', 'AUDIT_LOG']) await source.getByRole('checkbox', { name: `Select table HR.${t}` }).check();
    await page.getByTestId('move-right').click();
    const selected = page.getByTestId('selected-pane');
    await expect(selected.locator('[data-ref]')).toHaveCount(4);
    await expect(source.getByRole('checkbox', { name: 'Select table HR.JOBS' })).toBeDisabled();

    // Incremental off → the "do not write to the source" warning; back on.
    await page.getByRole('checkbox', { name: 'Incremental Data Migration' }).uncheck();
    await expect(page.getByTestId('no-incremental-warning')).toContainText('do not write to the source database');
    await page.getByRole('checkbox', { name: 'Incremental Data Migration' }).check();
    await expect(page.getByTestId('no-incremental-warning')).toHaveCount(0);
    await page.getByRole('radio', { name: 'Ship Data to Separate Partitions Based on Hash Values of Primary Keys' }).check();

    // Rename one table.
    await selected.getByRole('button', { name: 'Edit HR.JOBS' }).click();
    const dialog = page.getByTestId('edit-object-dialog');
    await dialog.locator('input[name="mappedName"]').fill('ROLES');
    await dialog.getByTestId('edit-save').click();
    await expect(dialog).toHaveCount(0);
    await expect(selected.locator('[data-ref="HR.JOBS"]')).toContainText('→ ROLES');

    // A filter with a misspelt column: the message names the table, the position and the fix.
    await selected.getByRole('button', { name: 'Edit HR.EMPLOYEES' }).click();
    await dialog.locator('textarea[name="filter"]').fill('SALRY > 5000 AND DEPARTMENT_ID IN (10, 20)');
    await dialog.getByTestId('edit-save').click();
    await expect(dialog.locator('.field-error')).toContainText('HR.EMPLOYEES: Row filter: unknown column SALRY at position 1');
    await expect(dialog.locator('.field-error')).toContainText('SALARY');
    await snap(page, '21-objects-filter-error');
    await dialog.locator('textarea[name="filter"]').fill('SALARY > 5000 AND DEPARTMENT_ID IN (10, 20)');
    await dialog.getByTestId('verify-filter').click();
    await expect(dialog).toContainText('The filter is valid for this table.');
    await dialog.getByRole('checkbox', { name: 'DELETE' }).uncheck();
    await dialog.getByTestId('edit-save').click();
    await expect(dialog).toHaveCount(0);
    await expect(selected.locator('[data-ref="HR.EMPLOYEES"]')).toContainText('WHERE SALARY > 5000');
    await expect(selected.locator('[data-ref="HR.EMPLOYEES"]')).toContainText('INSERT, UPDATE, DDL');

    // Hash of primary key: the keyless AUDIT_LOG gets a partition key of its own (DTS's partition key columns).
    await selected.getByRole('button', { name: 'Edit HR.AUDIT_LOG' }).click();
    await expect(dialog.getByTestId('partition-key-summary')).toContainText('the primary key, else the first unique key');
    await dialog.locator('summary', { hasText: 'Column names in Kafka and partition key' }).click();
    await dialog.getByRole('checkbox', { name: 'Partition key column USERNAME' }).check();
    await dialog.getByRole('checkbox', { name: 'Partition key column ACTION' }).check();
    await expect(dialog.getByTestId('partition-key-summary')).toContainText('USERNAME, ACTION');
    await dialog.getByTestId('edit-save').click();
    await expect(dialog).toHaveCount(0);
    await expect(selected.locator('[data-ref="HR.AUDIT_LOG"]')).toContainText('partition key USERNAME, ACTION');

    // Batch Edit: a rule lower-casing AUDIT_* tables, previewed before it is applied.
    await page.getByTestId('batch-edit').click();
    const batch = page.getByTestId('batch-edit-dialog');
    await batch.getByRole('button', { name: 'Add Rule' }).click();
    await batch.getByRole('textbox', { name: 'Rule 1 pattern' }).fill('AUDIT_*');
    await expect(batch.locator('tr[data-ref="HR.AUDIT_LOG"] [data-testid="batch-preview"]')).toHaveText('HR.audit_log');
    await expect(batch.locator('tr[data-ref="HR.JOBS"] [data-testid="batch-preview"]')).toHaveText('HR.ROLES');
    await snap(page, '22-objects-batch-edit');
    await batch.getByTestId('batch-save').click();
    await expect(selected.locator('[data-ref="HR.AUDIT_LOG"]')).toContainText('→ audit_log');
    await snap(page, '20-objects-selected');

    await page.getByTestId('wizard-next').click();
    await expect(wizard).toHaveAttribute('data-step', 'advanced');

    // A reload resumes the draft on the same step.
    await page.reload();
    await expect(page.getByTestId('task-wizard')).toHaveAttribute('data-step', 'advanced');
    // The objects were saved with the draft, the partition key too.
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect(selected.locator('[data-ref="HR.AUDIT_LOG"]')).toContainText('partition key USERNAME, ACTION');
    await page.getByTestId('wizard-next').click();
    await expect(wizard).toHaveAttribute('data-step', 'advanced');

    // Advanced Settings: the retry rule is checked beside the field.
    const connect = page.locator('input[name="advanced.connectRetryMinutes"]');
    await expect(connect).toHaveValue('720');
    await connect.fill('25');
    await page.locator('input[name="advanced.otherRetryMinutes"]').fill('45');
    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('advanced-step')).toContainText('The wait time before a retry when other issues occur (45 minutes) must be less than Retry Time for Failed Connections (25 minutes)');
    // Messages name fields by their labels, never by their keys.
    await expect(page.getByTestId('advanced-step')).not.toContainText('otherRetryMinutes');
    await expect(page.locator('input[name="advanced.otherRetryMinutes"]')).toHaveClass(/invalid/);
    await snap(page, '23-advanced-retry-error');
    await page.locator('input[name="advanced.otherRetryMinutes"]').fill('15');
    await page.getByRole('radiogroup', { name: 'Enable Throttling for Full Data Migration' }).getByText('Yes').click();
    await page.locator('input[name="advanced.fullThrottle.rps"]').fill('80000');
    await page.locator('input[name="advanced.environmentTag"]').fill('staging');
    await page.getByTestId('wizard-next').click();
    await expect(wizard).toHaveAttribute('data-step', 'precheck');

    // Precheck: HR.AUDIT_LOG has no key, a warning that blocks Next until it is ignored and prechecked again.
    const progress = page.getByTestId('precheck-progress');
    await expect(progress).toHaveAttribute('data-outcome', 'Failed', { timeout: 45_000 });
    await expect(page.getByTestId('wizard-next')).toBeDisabled();
    await page.locator('tr[data-code="ORACLE_TABLES_WITHOUT_KEY"]').getByRole('button', { name: 'Ignore', exact: true }).click();
    await page.getByRole('dialog', { name: 'Confirm Alert Details' }).getByRole('button', { name: 'Ignore', exact: true }).click();
    await expect(page.locator('tr[data-code="ORACLE_TABLES_WITHOUT_KEY"]')).toHaveAttribute('data-ignore-pending', 'true');
    // The EMPLOYEES filter reads SALARY and DEPARTMENT_ID, which an UPDATE's redo carries only when
    // it changes them: a warning with the ALL-columns supplemental logging fix.
    const filters = page.locator('tr[data-code="ORACLE_ROW_FILTERS"]');
    await expect(filters).toHaveAttribute('data-status', 'warning');
    await filters.getByRole('button', { name: 'View Details' }).click();
    await expect(page.locator('tr[data-details-for="ORACLE_ROW_FILTERS"]')).toContainText('ALTER TABLE "HR"."EMPLOYEES" ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;');
    await filters.getByRole('button', { name: 'Ignore', exact: true }).click();
    await page.getByRole('dialog', { name: 'Confirm Alert Details' }).getByRole('button', { name: 'Ignore', exact: true }).click();
    await expect(filters).toHaveAttribute('data-ignore-pending', 'true');
    await expect(page.getByTestId('wizard-next')).toBeDisabled();
    await page.getByTestId('precheck-again').click();
    await expect(progress).toHaveAttribute('data-outcome', 'Passed', { timeout: 45_000 });
    await page.getByTestId('wizard-next').click();
    await expect(wizard).toHaveAttribute('data-step', 'instance');
    await expect(page.getByTestId('instance-step')).toContainText('Your full throttle of 80,000 RPS is above the medium cap');
    await page.locator('input[name="instanceClass"][value="large"]').check();
    await expect(page.getByTestId('instance-step')).not.toContainText('above the large cap');
    await snap(page, '24-instance-class');
    await page.getByTestId('wizard-next').click();
    await expect(wizard).toHaveAttribute('data-step', 'start');

    // Review: the saved configuration, passwords as set, warnings, and Buy and Start.
    const summary = page.getByTestId('review-summary');
    await expect(summary).toContainText('hr-wizard-e2e');
    await expect(summary.getByTestId('source-password-state')).toHaveText('set');
    await expect(summary).not.toContainText('dts_sync');
    await expect(summary).toContainText('large (up to 150,000 records/s, 150 MB/s)');
    await expect(summary).toContainText('Ship Data to Separate Partitions Based on Hash Values of Primary Keys');
    const objects = summary.getByTestId('review-objects');
    await expect(objects.locator('tr[data-ref="HR.JOBS"]')).toContainText('HR.ROLES');
    await expect(objects.locator('tr[data-ref="HR.EMPLOYEES"]')).toContainText('SALARY > 5000 AND DEPARTMENT_ID IN (10, 20)');
    await expect(objects.locator('tr[data-ref="HR.EMPLOYEES"]')).toContainText('INSERT, UPDATE, DDL');
    await expect(objects.locator('tr[data-ref="HR.AUDIT_LOG"]')).toContainText('HR.audit_log');
    await expect(summary).toContainText('80,000 rows/s');
    await expect(summary).toContainText('staging');
    await expect(page.getByTestId('review-warnings')).toContainText('Retry Time for Failed Connections is 25 minutes');
    await expect(page.getByTestId('review-ignored').locator('tr[data-code="ORACLE_TABLES_WITHOUT_KEY"]')).toContainText('HR.AUDIT_LOG');
    await snap(page, '25-review');

    // The draft is kept in the browser without its password, and the server holds the rest.
    const id = (await summary.locator('tr', { hasText: 'Task ID' }).locator('td').innerText()).trim();
    const stored = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ora2kafka-wizard') ?? '{}'));
    expect(stored.state.draftId).toBe(id);
    expect(stored.state.values.objects.schemas[0].tables.map((t: { name: string; mappedName: string }) => `${t.name}:${t.mappedName}`)).toEqual(['EMPLOYEES:', 'JOBS:ROLES', 'AUDIT_LOG:']);
    expect(JSON.stringify(stored)).not.toContain('dts_sync');

    // Buy and Start needs the confirmation, then opens the task's dashboard.
    await expect(page.getByTestId('buy-and-start')).toBeDisabled();
    await page.getByRole('checkbox', { name: /I have reviewed the configuration/ }).check();
    await page.getByTestId('buy-and-start').click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${id}$`), { timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'hr-wizard-e2e' })).toBeVisible();
    await expect(page.locator('[data-status]').first()).toHaveAttribute('data-status', /Migrating|Retrying|Finished|Failed/);
  });

  test('a saved draft opens again from its id with the stored password kept', async ({ page }) => {
    await throughConnectivity(page, 'hr-reopen-e2e');
    const id = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ora2kafka-wizard') ?? '{}').state.draftId as string);
    expect(id).toBeTruthy();
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`/tasks/new?edit=${id}`);
    await expect(page.getByRole('heading', { name: 'Edit Task' })).toBeVisible();
    await expect(page.locator('input[name="name"]')).toHaveValue('hr-reopen-e2e');
    await expect(page.getByText('A password is stored. Leave blank to keep it.')).toBeVisible();
    const stored = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ora2kafka-wizard') ?? '{}'));
    expect(stored.state.draftId).toBe(id);
    expect(JSON.stringify(stored)).not.toContain('dts_sync');
  });

  test('a whole schema, a table of it given settings, and a name clash only the source catalog can see', async ({ page }) => {
    test.setTimeout(120_000);
    await throughConnectivity(page, 'hr-whole-schema-e2e');
    const source = page.getByTestId('source-pane');
    const selected = page.getByTestId('selected-pane');
    await source.getByRole('checkbox', { name: 'Select schema HR' }).check();
    await page.getByTestId('move-right').click();
    await expect(selected.locator('[data-ref="HR"]')).toContainText('all tables, including tables created later');
    await expect(source.getByRole('checkbox', { name: 'Select schema HR' })).toBeDisabled();

    // A table of the whole schema can still be listed, to rename it.
    await source.getByRole('button', { name: 'Expand schema HR' }).click();
    await expect(source.locator('[data-ref="HR.JOBS"]')).toContainText('in schema');
    await source.getByRole('checkbox', { name: 'Select table HR.JOBS' }).check();
    await page.getByTestId('move-right').click();
    await selected.getByRole('button', { name: 'Edit HR.JOBS' }).click();
    const dialog = page.getByTestId('edit-object-dialog');
    await dialog.locator('input[name="mappedName"]').fill('REGIONS');
    await dialog.getByTestId('edit-save').click();

    // HR.REGIONS is not listed, so only the API (reading the catalog) sees the clash; it is shown on the schema row.
    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('wizard-banner')).toContainText('would both be written as HR.REGIONS');
    await expect(selected.locator('[data-ref="HR"]').getByRole('alert')).toContainText('HR.REGIONS and HR.JOBS would both be written as HR.REGIONS');
    await expect(page.getByTestId('task-wizard')).toHaveAttribute('data-step', 'objects');
    await snap(page, '26-objects-catalog-clash');

    await selected.getByRole('button', { name: 'Edit HR.JOBS' }).click();
    await dialog.locator('input[name="mappedName"]').fill('ROLES');
    await dialog.getByTestId('edit-save').click();
    await expect(page.getByTestId('wizard-banner')).toHaveCount(0);
    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('task-wizard')).toHaveAttribute('data-step', 'advanced');

    // Back on Configure Objects, removing the schema takes its listed table with it.
    await page.getByRole('button', { name: 'Previous' }).click();
    await selected.getByRole('checkbox', { name: 'Select HR for removal' }).check();
    await page.getByTestId('move-left').click();
    await expect(selected.locator('[data-ref]')).toHaveCount(0);
  });
});

