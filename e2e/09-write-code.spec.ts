import { expect, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { api, apiGet, demoTask, ensureTopics, snap, throughConnectivityStep, consumeDtsRecords } from './helpers';

/**
 * Actual Write Code (issue 16 item 2): a GBK task written from the demo database's HR.DOCUMENTS,
 * whose titles mix Chinese (北京), Latin letters GBK has (Zürich) and one it lacks (naïve). The
 * wizard shows the choice; the records' Character values carry charset "gbk" and decode with GBK
 * back to the source rows read AS OF the full load's SCN (catalog.sampleRows — the demo workload
 * keeps changing the table); under "Fail the task" a title GBK cannot hold stops the task with
 * table, column and key.
 */
const NS = 'com.alibaba.dts.formats.avro.';
const REPLACE_TOPIC = 'e2e-gbk-replace';
const FAIL_TOPIC = 'e2e-gbk-fail';
const DOCUMENTS = { schemas: [{ name: 'HR', tables: [{ name: 'DOCUMENTS' }] }] };

const gbkCan = (s: string) => iconv.decode(iconv.encode(s, 'gbk'), 'gbk') === s;

test.beforeAll(async () => {
  await ensureTopics('o2k-e2e-09', [
    { topic: REPLACE_TOPIC, numPartitions: 3 },
    { topic: FAIL_TOPIC, numPartitions: 3 },
  ]);
});

test('a GBK task writes Character values that decode with GBK back to the source text; a character GBK lacks fails the task naming table, column and key', async ({ page, request }) => {
  test.setTimeout(180_000);
  const replaceTask = await demoTask(request, { name: 'e2e-gbk-replace', topic: REPLACE_TOPIC, objects: DOCUMENTS, advanced: { writeCharset: 'gbk', unencodableCharacters: 'replace' } });

  // The wizard shows the saved choice on Advanced Settings, and the review lists it.
  await page.goto(`/tasks/new?edit=${replaceTask}`);
  await throughConnectivityStep(page);
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('task-wizard')).toHaveAttribute('data-step', 'advanced');
  const charset = page.getByLabel('Actual Write Code');
  await expect(charset).toHaveValue('gbk');
  await expect(page.getByRole('radiogroup', { name: 'Characters that cannot be encoded' }).getByRole('radio', { name: 'Replace with ?' })).toBeChecked();
  // UTF-8 holds every character: the policy disappears; back to GBK it returns.
  await charset.selectOption('utf8');
  await expect(page.getByRole('radiogroup', { name: 'Characters that cannot be encoded' })).toHaveCount(0);
  await charset.selectOption('gbk');
  await expect(page.getByRole('radiogroup', { name: 'Characters that cannot be encoded' })).toBeVisible();
  await snap(page, '90-actual-write-code');

  // Replace: every row lands; titles decode with GBK to the source text AS OF the snapshot, "?" where GBK has no character.
  await startAfterPrecheck(request, replaceTask);
  const first = await consume(REPLACE_TOPIC, (rs) => rs.some((r) => r.operation === 'INIT'));
  const snapshotScn = first.find((r) => r.operation === 'INIT')!.sourcePosition.split('@')[0];
  const source = await apiGet<{ columns: { name: string }[]; rows: (string | null)[][] }>(request, 'catalog.sampleRows', { taskId: replaceTask, owner: 'HR', table: 'DOCUMENTS', limit: 200, scn: snapshotScn });
  const title = source.columns.findIndex((c) => c.name === 'TITLE');
  const titles = new Map(source.rows.map((r) => [r[0]!, r[title]]));
  // The data this test needs: Chinese titles, and titles GBK cannot hold.
  expect([...titles.values()].some((t) => t?.includes('北京'))).toBe(true);
  expect([...titles.values()].some((t) => t !== null && !gbkCan(t))).toBe(true);

  const records = await consume(REPLACE_TOPIC, (rs) => rs.filter((r) => r.operation === 'INIT').length >= titles.size);
  const written = new Map<string, string | null>();
  for (const r of records.filter((x) => x.operation === 'INIT')) {
    const id = r.afterImages[0]?.[NS + 'Integer']?.value as string;
    const character = r.afterImages[1]?.[NS + 'Character'] as { charset: string; value: Buffer } | undefined;
    if (character) expect(character.charset).toBe('gbk');
    written.set(id, character ? iconv.decode(character.value, 'gbk') : null);
  }
  expect([...written.keys()].sort()).toEqual([...titles.keys()].sort());
  for (const [id, text] of titles) {
    expect(written.get(id), `DOC_ID ${id}`).toBe(text === null ? null : iconv.decode(iconv.encode(text, 'gbk'), 'gbk'));
    if (text !== null && gbkCan(text)) expect(written.get(id)).toBe(text);
  }
  expect([...written.values()].some((t) => t?.includes('北京'))).toBe(true);

  // Fail the task: the first title GBK cannot hold stops it, named on the dashboard.
  const failTask = await demoTask(request, { name: 'e2e-gbk-fail', topic: FAIL_TOPIC, objects: DOCUMENTS, advanced: { writeCharset: 'gbk', unencodableCharacters: 'fail' } });
  await startAfterPrecheck(request, failTask);
  await page.goto(`/tasks/${failTask}`);
  await expect(page.getByTestId('task-dashboard')).toHaveAttribute('data-status', 'Failed', { timeout: 60_000 });
  const banner = page.getByTestId('status-banner');
  await expect(banner).toContainText(/Actual Write Code GBK has no encoding for "[^"]+" \(U\+[0-9A-F]{4,}\) in column HR\.DOCUMENTS\.TITLE of the row with key DOC_ID = \d+/);
  // The character named is one GBK really lacks.
  const named = /no encoding for "([^"]+)"/.exec((await banner.textContent()) ?? '')![1];
  expect(gbkCan(named)).toBe(false);
  await snap(page, '91-actual-write-code-failed');
});

async function startAfterPrecheck(request: Parameters<typeof api>[0], taskId: string): Promise<void> {
  await api(request, 'precheck.start', { taskId });
  let run: { status: string; items: { code: string; status: string }[] } | null = null;
  await expect.poll(async () => (run = await apiGet<typeof run>(request, 'precheck.latest', { taskId }))?.status, { timeout: 45_000 }).not.toBe('Running');
  expect(run!.items.filter((i) => i.status !== 'passed'), JSON.stringify(run!.items)).toEqual([]);
  await api(request, 'task.start', { id: taskId });
}

type Image = Record<string, { value?: unknown; charset?: string } | undefined> | null;
type DtsRecord = { operation: string; sourcePosition: string; afterImages: Image[] };

const consume = (topic: string, done: (records: DtsRecord[]) => boolean) => consumeDtsRecords<DtsRecord>(topic, done);
