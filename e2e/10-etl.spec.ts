import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { api, apiGet, demoTask, ensureTopics, snap, throughConnectivityStep, consumeDtsRecords } from './helpers';

/**
 * Configure ETL (issue 16 item 1): on Advanced Settings an operator turns ETL on, writes a script
 * with a typo (the inline message names line, column and the column meant), fixes it, tries it on
 * sample rows of HR.JOBS read from the source, and saves; the review step and the task page list the
 * script. Started after precheck, the task's full
 * load writes records whose `fields` hold the derived columns and whose images hold the masked and
 * derived values — decoded with the reference DTS Avro schema and compared with the source rows
 * read AS OF the full load's SCN.
 */
const NS = 'com.alibaba.dts.formats.avro.';
const TOPIC = 'e2e-etl';
const JOBS = { schemas: [{ name: 'HR', tables: [{ name: 'JOBS' }] }] };
const SCRIPT = `-- e2e: a derived and a masked column
for HR.JOBS {
  set TITLE_UPPER = UPPER(JOB_TITLE);
  set SALARY_SPAN = MAX_SALARY - MIN_SALARY;
  mask JOB_TITLE hash;
  audit op AS CHANGE_OP;
}`;
const FIELDS = ['JOB_ID', 'JOB_TITLE', 'MIN_SALARY', 'MAX_SALARY', 'TITLE_UPPER', 'SALARY_SPAN', 'CHANGE_OP'];

test.beforeAll(async () => {
  await ensureTopics('o2k-e2e-10', [{ topic: TOPIC, numPartitions: 3 }]);
});

test('an ETL script with a masked and a derived column, tried on sample rows, shapes the records in Kafka', async ({ page, request }) => {
  test.setTimeout(180_000);
  const taskId = await demoTask(request, { name: 'e2e-etl', topic: TOPIC, objects: JOBS });
  const hash = (v: string) => createHash('sha256').update(`${taskId}\u0000${v}`).digest('hex');

  await page.goto(`/tasks/new?edit=${taskId}`);
  await throughConnectivityStep(page);
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('task-wizard')).toHaveAttribute('data-step', 'advanced');
  await page.getByRole('radiogroup', { name: 'Configure ETL' }).getByText('Yes').click();
  await expect(page.getByRole('radiogroup', { name: 'Configure ETL' }).getByRole('radio', { name: 'Yes' })).toBeChecked();
  const editor = page.getByLabel('ETL script');
  await expect(editor).toHaveCSS('font-family', /monospace/);

  // A typo: saving the step is refused with the line, the column and the column meant.
  await editor.fill(SCRIPT.replace('UPPER(JOB_TITLE)', 'UPPER(JOB_TITEL)'));
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('task-wizard')).toHaveAttribute('data-step', 'advanced');
  const inline = page.locator('.field-error').filter({ hasText: 'unknown column JOB_TITEL' });
  await expect(inline).toContainText('Advanced Settings › ETL script: HR.JOBS: line 3, column 27: unknown column JOB_TITEL');
  await expect(inline).toContainText('Did you mean JOB_TITLE?');
  await snap(page, '100-etl-error');

  // Try it on the fixed script: before and after rows of HR.JOBS from the source.
  await editor.fill(SCRIPT);
  await page.getByRole('button', { name: 'Try it' }).click();
  const after = page.getByTestId('etl-preview-after');
  await expect(after).toBeVisible({ timeout: 30_000 });
  await expect(after.locator('thead th')).toHaveText(FIELDS);
  // Every sample row, before and after. The demo workload writes NULL salaries now and then: NULL
  // in, NULL out, as in SQL — and at least one row has both salaries, so the arithmetic is checked.
  const cells = async (table: string) => Promise.all((await page.getByTestId(table).locator('tbody tr').all()).map((tr) => tr.locator('td').allTextContents()));
  const beforeRows = await cells('etl-preview-before');
  const afterRows = await cells('etl-preview-after');
  expect(afterRows).toHaveLength(beforeRows.length);
  beforeRows.forEach((beforeRow, i) => {
    const afterRow = afterRows[i]!;
    expect(afterRow[0]).toBe(beforeRow[0]);
    expect(afterRow[1]).toBe(hash(beforeRow[1]!));
    expect(afterRow[4]).toBe(beforeRow[1]!.toUpperCase());
    expect(afterRow[5]).toBe(beforeRow[2] === 'NULL' || beforeRow[3] === 'NULL' ? 'NULL' : String(Number(beforeRow[3]) - Number(beforeRow[2])));
    expect(afterRow[6]).toBe('INIT');
  });
  expect(beforeRows.some((r) => r[2] !== 'NULL' && r[3] !== 'NULL')).toBe(true);
  await snap(page, '101-etl-try-it');

  // Saved with the step; precheck passes; the review step and the task page list the script.
  const wizard = page.getByTestId('task-wizard');
  const next = page.getByTestId('wizard-next');
  await next.click();
  await expect(wizard).toHaveAttribute('data-step', 'precheck');
  await expect(page.getByTestId('precheck-progress')).toHaveAttribute('data-outcome', 'Passed', { timeout: 45_000 });
  await next.click();
  await expect(wizard).toHaveAttribute('data-step', 'instance');
  await next.click();
  await expect(wizard).toHaveAttribute('data-step', 'start');
  const reviewed = page.getByTestId('review-etl-script');
  await expect(reviewed).toContainText('set TITLE_UPPER = UPPER(JOB_TITLE);');
  await expect(reviewed).toContainText('mask JOB_TITLE hash;');
  await snap(page, '102-etl-review');
  await page.goto(`/tasks/${taskId}`);
  await expect(page.getByTestId('config-etl-script')).toContainText('mask JOB_TITLE hash;');

  // Migrated: every record carries the transformed fields and values.
  await startAfterPrecheck(request, taskId);
  const first = await consume(TOPIC, (rs) => rs.some((r) => r.operation === 'INIT'));
  const snapshotScn = first.find((r) => r.operation === 'INIT')!.sourcePosition.split('@')[0];
  const source = await apiGet<{ columns: { name: string }[]; rows: (string | null)[][] }>(request, 'catalog.sampleRows', { taskId, owner: 'HR', table: 'JOBS', limit: 200, scn: snapshotScn });
  const col = (name: string) => source.columns.findIndex((c) => c.name === name);
  const jobs = new Map(source.rows.map((r) => [r[col('JOB_ID')]!, r]));
  expect(jobs.size).toBeGreaterThan(5);
  const records = (await consume(TOPIC, (rs) => rs.filter((r) => r.operation === 'INIT').length >= jobs.size)).filter((r) => r.operation === 'INIT');
  expect(records).toHaveLength(jobs.size);
  for (const r of records) {
    expect(r.fields.map((f) => f.name)).toEqual(FIELDS);
    const v = (name: string) => text(r.afterImages[FIELDS.indexOf(name)]!);
    const row = jobs.get(v('JOB_ID')!)!;
    const title = row[col('JOB_TITLE')]!;
    expect(v('JOB_TITLE')).toBe(hash(title));
    expect(v('TITLE_UPPER')).toBe(title.toUpperCase());
    const [min, max] = [row[col('MIN_SALARY')], row[col('MAX_SALARY')]];
    expect(v('SALARY_SPAN')).toBe(min === null || max === null ? null : String(Number(max) - Number(min)));
    expect(v('CHANGE_OP')).toBe('INIT');
  }
  await page.goto(`/tasks/${taskId}`);
  await snap(page, '103-etl-task');
});

type Image = Record<string, { value?: unknown }> | null;
type DtsRecord = { operation: string; sourcePosition: string; fields: { name: string }[]; afterImages: Image[] };

/** Text of a DTS Avro image value: Character bytes as UTF-8, numbers as their decimal text. */
function text(v: Image): string | null {
  if (v === null) return null;
  const [member, body] = Object.entries(v)[0]!;
  if (member === `${NS}Character`) return (body.value as Buffer).toString('utf8');
  return String(body.value);
}

async function startAfterPrecheck(request: Parameters<typeof api>[0], taskId: string): Promise<void> {
  await api(request, 'precheck.start', { taskId });
  let run: { status: string; items: { code: string; status: string }[] } | null = null;
  await expect.poll(async () => (run = await apiGet<typeof run>(request, 'precheck.latest', { taskId }))?.status, { timeout: 45_000 }).not.toBe('Running');
  expect(run!.items.filter((i) => i.status !== 'passed'), JSON.stringify(run!.items)).toEqual([]);
  await api(request, 'task.start', { id: taskId });
}

const consume = (topic: string, done: (records: DtsRecord[]) => boolean) => consumeDtsRecords<DtsRecord>(topic, done);
