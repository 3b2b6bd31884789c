import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { readBrokerState } from '../scripts/kafka/kafka.mjs';
import { decodingType } from '../test/support/formats/dts-avro-reference-type';
import { ORIGIN } from './auth';
import { E2E_KAFKA_DIR } from './global-setup';

const artifacts = path.join(import.meta.dirname, 'artifacts');

/** Full-page screenshot into e2e/artifacts/ (git-ignored), for people to look at after a run. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** PLAINTEXT bootstrap address of the run's broker (started by global-setup.ts). */
export function broker(): string {
  const state = readBrokerState(E2E_KAFKA_DIR);
  if (!state) throw new Error('the e2e Kafka broker is not running');
  return state.plaintext;
}

/** Creates the topics a spec writes to, if they do not exist yet. */
export async function ensureTopics(clientId: string, topics: { topic: string; numPartitions: number }[]): Promise<void> {
  const admin = new Kafka({ clientId, brokers: broker().split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  await admin.createTopics({ topics: topics.filter((t) => !existing.has(t.topic)), waitForLeaders: true });
  await admin.disconnect();
}

type TrpcBody<T> = { result?: { data: { json: T } }; error?: { json: { message: string } } };

/** One tRPC mutation over HTTP (superjson envelope), as the console's pages make it (same Origin, session cookie). */
export async function api<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${procedure}`, { data: { json: input }, headers: ORIGIN });
  const body = (await res.json()) as TrpcBody<T>;
  if (!res.ok() || !body.result) throw new Error(`${procedure}: ${body.error?.json.message ?? res.status()}`);
  return body.result.data.json;
}

/** One tRPC query over HTTP. */
export async function apiGet<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await res.json()) as TrpcBody<T>;
  if (!res.ok() || !body.result) throw new Error(`${procedure}: ${body.error?.json.message ?? res.status()}`);
  return body.result.data.json;
}

/** The demo simulator's migration account, as the README and the demo banner give it. */
export const DEMO_SOURCE = { host: 'demo-oracle.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' } as const;

/**
 * A task made through the API as the wizard makes it: step 1 (demo source, the run's broker), then
 * Configure Objects and, when given, Advanced Settings. Returns its id.
 */
export async function demoTask(
  request: APIRequestContext,
  o: { name: string; topic: string; ddlTopic?: string; objects: unknown; source?: Partial<Record<keyof typeof DEMO_SOURCE, string | number>>; advanced?: Record<string, unknown> },
): Promise<string> {
  const { id } = await api<{ id: string }>(request, 'task.saveDraft', {
    name: o.name,
    source: { ...DEMO_SOURCE, ...o.source },
    destination: { brokers: broker(), topic: o.topic, ddlTopic: o.ddlTopic ?? '' },
  });
  await api(request, 'task.saveSection', {
    id,
    section: 'objects',
    values: { migrationTypes: { schema: true, full: true, incremental: true }, conflictMode: 'precheck-and-report', dataFormat: 'dts-avro', partitionPolicy: 'hash-pk', objects: o.objects },
  });
  if (o.advanced) await api(request, 'task.saveSection', { id, section: 'advanced', values: { advanced: o.advanced } });
  return id;
}

/** The console's own Prisma client on the e2e data folder (the server and the tests share the SQLite file). */
export async function metadataDb() {
  process.env.ORA2KAFKA_DATA_DIR = process.env.E2E_DATA_DIR;
  const { getDb } = await import('../server/store/db');
  return getDb();
}

/** From step 1 of the wizard (a saved or filled-in task) to Configure Objects: Next, Test Connectivity, Next. */
export async function throughConnectivityStep(page: Page): Promise<void> {
  const next = page.getByTestId('wizard-next');
  await next.click();
  await page.getByTestId('test-connectivity').click();
  await expect(next).toBeEnabled({ timeout: 30_000 });
  await next.click();
  await expect(page.getByTestId('task-wizard')).toHaveAttribute('data-step', 'objects');
}

/** Wizard steps 1 and 2 on the demo simulator and the run's broker, ending on Configure Objects. */
export async function throughConnectivity(page: Page, name: string, topics: { topic: string; ddlTopic: string } = { topic: 'e2e-cdc', ddlTopic: 'e2e-ddl' }) {
  await page.goto('/tasks/new');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('create-task').click();
  await page.getByTestId('demo-fill').getByRole('button', { name: 'Fill in the demo source and destination' }).click();
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="source.password"]').fill('dts_sync');
  await page.locator('input[name="destination.brokers"]').fill(broker());
  await page.locator('input[name="destination.topic"]').fill(topics.topic);
  await page.locator('input[name="destination.ddlTopic"]').fill(topics.ddlTopic);
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('test-connectivity').click();
  await expect(page.getByTestId('wizard-next')).toBeEnabled({ timeout: 30_000 });
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('object-picker')).toBeVisible();
}

/**
 * Reads a DTS Avro topic from the beginning (a fresh consumer group), decoding each record with the
 * reference schema, until `done` says the records seen so far are enough; fails after `waitMs`
 * naming the topic and how many arrived.
 */
export async function consumeDtsRecords<T>(topic: string, done: (records: T[]) => boolean, waitMs = 60_000): Promise<T[]> {
  const { type } = decodingType();
  const kafka = new Kafka({ clientId: 'o2k-e2e-read', brokers: broker().split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `o2k-e2e-read-${topic}-${Date.now()}` });
  const records: T[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${topic}: expected records did not arrive in ${waitMs / 1000} s (got ${records.length})`)), waitMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          records.push(type.fromBuffer(message.value!) as T);
          if (done(records)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
