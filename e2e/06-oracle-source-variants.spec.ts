import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { api, broker, snap } from './helpers';

/**
 * Sources beyond a single-instance non-CDB, against the console's build and the multitenant RAC
 * demo simulator (host demo-cdb.sim: CDB SIMCDB, PDBs SIMPDB1 and SIMPDB2 holding the same HR
 * schema, 2 RAC instances; SIMPDB2 has a BFILE table and a NOLOGGING table): the wizard's PDB Name
 * and Encryption fields, RAC Instance Addresses, and the precheck items for containers, RAC grants,
 * unminable types, changes without redo and the log writers (flush table, RAC instances).
 */
const CDB = { host: 'demo-cdb.sim', port: 1521, kind: 'service' as const, database: 'SIMCDB' };

/** A task on the CDB demo; `tables` of HR (a schema name alone: the whole schema; null: no objects saved). */
async function cdbTask(request: APIRequestContext, name: string, source: Record<string, unknown>, tables: string[] | string | null): Promise<string> {
  const { id } = await api<{ id: string }>(request, 'task.saveDraft', {
    name,
    source: { ...CDB, user: 'C##DTS_SYNC', password: 'dts_sync', ...source },
    destination: { brokers: broker(), topic: 'e2e-cdc', ddlTopic: 'e2e-ddl' },
  });
  if (tables === null) return id;
  await api(request, 'task.saveSection', {
    id,
    section: 'objects',
    values: {
      migrationTypes: { schema: true, full: true, incremental: true },
      conflictMode: 'precheck-and-report',
      dataFormat: 'dts-avro',
      partitionPolicy: 'hash-pk',
      objects: { schemas: [typeof tables === 'string' ? { name: tables, all: true } : { name: 'HR', tables: tables.map((t) => ({ name: t })) }] },
    },
  });
  return id;
}

const row = (page: Page, code: string) => page.getByTestId('precheck-items').locator(`tr[data-code="${code}"]`);

async function precheck(page: Page, id: string): Promise<void> {
  await page.goto(`/tasks/${id}`);
  await page.getByTestId('precheck-again').click();
  await expect(page.getByTestId('precheck-progress')).toHaveAttribute('data-outcome', /Passed|Failed/, { timeout: 45_000 });
}

async function details(page: Page, code: string) {
  await row(page, code).getByRole('button', { name: 'View Details' }).click();
  return page.locator(`tr[data-details-for="${code}"]`);
}

test.describe('Oracle source: multitenant, RAC, TLS and what LogMiner cannot see', () => {
  test('step 1 takes the PDB name and says which encryption works; connectivity names the container and where LogMiner runs', async ({ page }) => {
    await page.goto('/tasks/new');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('create-task').click();
    await page.locator('input[name="source.host"]').fill('demo-cdb.sim');
    await page.getByRole('radiogroup', { name: 'Oracle Type' }).getByText('RAC or PDB Instance').click();
    await page.locator('input[name="source.database"]').fill('SIMCDB');
    await page.locator('input[name="source.pdb"]').fill('simpdb 1');
    await page.locator('input[name="source.user"]').fill('C##DTS_SYNC');
    await page.locator('input[name="source.password"]').fill('dts_sync');
    await expect(page.getByText('Oracle native network encryption (SQLNET.ENCRYPTION_SERVER) does not')).toBeVisible();
    await expect(page.locator('input[name="source.walletLocation"]')).toHaveCount(0);
    await page.getByRole('radiogroup', { name: 'Encryption' }).getByText('TLS (TCPS)').click();
    await expect(page.locator('input[name="source.walletLocation"]')).toBeVisible();
    await expect(page.locator('input[name="source.walletPassword"]')).toHaveAttribute('type', 'password');
    await expect(page.locator('input[name="source.serverCertDn"]')).toBeVisible();
    await snap(page, '60-source-tls-fields');
    await page.getByRole('radiogroup', { name: 'Encryption' }).getByText('Non-encrypted (TCP)').click();
    await page.locator('input[name="destination.brokers"]').fill(broker());
    await page.locator('input[name="destination.topic"]').fill('e2e-cdc');
    await page.locator('input[name="destination.ddlTopic"]').fill('e2e-ddl');

    // A PDB name with a space is refused beside the field, with the rule.
    await page.getByTestId('wizard-next').click();
    await expect(page.getByText('A PDB name starts with a letter and holds letters, digits, _ $ or #')).toBeVisible();
    await page.locator('input[name="source.pdb"]').fill('SIMPDB1');
    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('connectivity-step')).toBeVisible();
    await page.getByTestId('test-connectivity').click();
    const src = page.getByTestId('connectivity-results').locator('tr[data-check="source"]');
    await expect(src).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
    await expect(src.getByTestId('source-container')).toContainText('container SIMPDB1, LogMiner in CDB$ROOT');
    await snap(page, '61-connectivity-cdb-root-pdb');
  });

  test('precheck: CDB$ROOT without a PDB fails with the fix; root + PDB passes; a wrong PDB is named', async ({ page, request }) => {
    // In CDB$ROOT the HR schema of the PDBs cannot even be selected; the common user's own schema can.
    const root = await cdbTask(request, 'e2e-cdb-root', {}, 'C##DTS_SYNC');
    await precheck(page, root);
    await expect(row(page, 'ORACLE_CONTAINER')).toHaveAttribute('data-status', 'failed');
    const d = await details(page, 'ORACLE_CONTAINER');
    await expect(d).toContainText('see only the root');
    await expect(d).toContainText('"PDB Name"');
    await snap(page, '62-precheck-cdb-root');

    const pdb = await cdbTask(request, 'e2e-cdb-pdb1', { pdb: 'SIMPDB1' }, ['JOBS', 'EMPLOYEES']);
    await precheck(page, pdb);
    for (const code of ['CHECK_CONN_SRC', 'CHECK_SRC_OBJECTS', 'ORACLE_CONTAINER', 'ORACLE_PRIVILEGES_INCREMENTAL', 'ORACLE_UNSUPPORTED_TYPES']) {
      await expect(row(page, code), code).toHaveAttribute('data-status', 'passed');
    }
    await expect(await details(page, 'ORACLE_CONTAINER')).toContainText("SRC_CON_NAME = 'SIMPDB1'");
    // The CDB runs without FORCE LOGGING: a warning with the statement that fixes it.
    await expect(row(page, 'ORACLE_FORCE_LOGGING')).toHaveAttribute('data-status', 'warning');
    await expect(await details(page, 'ORACLE_FORCE_LOGGING')).toContainText('ALTER DATABASE FORCE LOGGING;');

    const wrong = await cdbTask(request, 'e2e-cdb-nope', { pdb: 'NOPE' }, null);
    await precheck(page, wrong);
    await expect(row(page, 'CHECK_CONN_SRC')).toHaveAttribute('data-status', 'failed');
    await expect(await details(page, 'CHECK_CONN_SRC')).toContainText('Cannot read PDB NOPE as C##DTS_SYNC');
  });

  test('precheck: a BFILE table fails incremental migration, a NOLOGGING table is warned, RAC needs GV_$TRANSACTION', async ({ page, request }) => {
    const id = await cdbTask(request, 'e2e-cdb-traps', { pdb: 'SIMPDB2' }, ['SCANS', 'JOB_HISTORY']);
    await precheck(page, id);
    await expect(row(page, 'ORACLE_UNSUPPORTED_TYPES')).toHaveAttribute('data-status', 'failed');
    const types = await details(page, 'ORACLE_UNSUPPORTED_TYPES');
    await expect(types).toContainText('HR.SCANS.IMAGE BFILE');
    await expect(types).toContainText('every change to HR.SCANS would be lost');
    await expect(types).toContainText('Deselect this table');
    await expect(row(page, 'ORACLE_NOLOGGING_TABLES')).toHaveAttribute('data-status', 'warning');
    await expect(await details(page, 'ORACLE_NOLOGGING_TABLES')).toContainText('ALTER TABLE "HR"."JOB_HISTORY" LOGGING;');
    await snap(page, '63-precheck-bfile-nologging');

    const ro = await cdbTask(request, 'e2e-cdb-readonly', { pdb: 'SIMPDB1', user: 'C##READONLY', password: 'readonly' }, ['JOBS']);
    await precheck(page, ro);
    await expect(row(page, 'ORACLE_PRIVILEGES_INCREMENTAL')).toHaveAttribute('data-status', 'failed');
    const grants = await details(page, 'ORACLE_PRIVILEGES_INCREMENTAL');
    await expect(grants).toContainText('SELECT ON SYS.GV_$TRANSACTION');
    await expect(grants).toContainText('GRANT LOGMINING TO C##READONLY CONTAINER=ALL;');
  });

  test('log writers: the flush table is created or its SQL given; RAC instance addresses from step 1 reach the precheck', async ({ page, request }) => {
    // C##READONLY may not create tables: the item fails and gives the statement to run.
    const ro = await cdbTask(request, 'e2e-cdb-noflush', { pdb: 'SIMPDB1', user: 'C##READONLY', password: 'readonly' }, ['JOBS']);
    await precheck(page, ro);
    await expect(row(page, 'ORACLE_FLUSH_TABLE')).toHaveAttribute('data-status', 'failed');
    await expect(await details(page, 'ORACLE_FLUSH_TABLE')).toContainText('CREATE TABLE "C##READONLY"."LOG_MINING_FLUSH"');

    // The demo CDB runs two instances; without their addresses the precheck warns, with the alternative.
    const plain = await cdbTask(request, 'e2e-cdb-rac-plain', { pdb: 'SIMPDB1' }, ['JOBS']);
    await precheck(page, plain);
    await expect(row(page, 'ORACLE_FLUSH_TABLE')).toHaveAttribute('data-status', 'passed');
    await expect(await details(page, 'ORACLE_FLUSH_TABLE')).toContainText('C##DTS_SYNC.LOG_MINING_FLUSH');
    await expect(row(page, 'ORACLE_RAC_NODES')).toHaveAttribute('data-status', 'warning');
    const rac = await details(page, 'ORACLE_RAC_NODES');
    await expect(rac).toContainText('RAC Instance Addresses');
    await expect(rac).toContainText('ARCHIVE_LAG_TARGET');
    await snap(page, '64-precheck-rac-nodes-warning');

    // Step 1 takes the addresses one per line; a malformed one is refused beside the field.
    await page.goto('/tasks/new');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('create-task').click();
    await page.locator('input[name="name"]').fill('e2e-cdb-rac-nodes');
    await page.locator('input[name="source.host"]').fill('demo-cdb.sim');
    await page.getByRole('radiogroup', { name: 'Oracle Type' }).getByText('RAC or PDB Instance').click();
    await page.locator('input[name="source.database"]').fill('SIMCDB');
    await page.locator('input[name="source.pdb"]').fill('SIMPDB1');
    await page.locator('textarea[name="source.racNodes"]').fill('demo-cdb.sim:1521\nracnode2');
    await page.locator('input[name="source.user"]').fill('C##DTS_SYNC');
    await page.locator('input[name="source.password"]').fill('dts_sync');
    await page.locator('input[name="destination.brokers"]').fill(broker());
    await page.locator('input[name="destination.topic"]').fill('e2e-cdc');
    await page.locator('input[name="destination.ddlTopic"]').fill('e2e-ddl');
    await page.getByTestId('save-draft').click();
    await expect(page.getByText('"racnode2" is not an address. Each RAC instance address is host:port')).toBeVisible();
    await page.locator('textarea[name="source.racNodes"]').fill('demo-cdb.sim:1521\ndemo-cdb.sim:1522');
    await page.getByTestId('save-draft').click();
    await expect(page.getByRole('status')).toContainText('Draft saved');
    const id = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ora2kafka-wizard') ?? '{}').state.draftId as string);
    expect(id).toBeTruthy();
    await api(request, 'task.saveSection', {
      id,
      section: 'objects',
      values: {
        migrationTypes: { schema: false, full: false, incremental: true },
        conflictMode: 'precheck-and-report',
        dataFormat: 'dts-avro',
        partitionPolicy: 'hash-pk',
        objects: { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }] }] },
      },
    });
    await precheck(page, id);
    await expect(row(page, 'ORACLE_RAC_NODES')).toHaveAttribute('data-status', 'passed');
    await expect(await details(page, 'ORACLE_RAC_NODES')).toContainText('demo-cdb.sim:1521, demo-cdb.sim:1522');
  });
});
