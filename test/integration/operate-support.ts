import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureTopic } from '../../server/kafka/connectivity';
import type { MonitoringInput } from '../../server/model/task-monitoring';
import { sourceDestinationStepSchema } from '../../server/model/task-draft';
import { taskConfigSchema } from '../../server/model/task-config';
import { createSimDatabase, installSampleSchema, registerSimDatabase, type SimDatabase, type SimDatabaseOptions } from '../../server/oracle/sim';
import { uniqueTopic, withAdmin, kafka } from './kafka-env';

/**
 * Scaffolding of the operate tests (alerts, metrics, heartbeats): a real HTTP webhook receiver on
 * loopback that checks each request's HMAC-SHA256 signature, a real-time simulated source
 * registered under a host name (so the console's own gateway opener finds it), and a task stored
 * the way the wizard stores one, ready to start through the console's host.
 * The test file must point ORA2KAFKA_DATA_DIR at a fresh folder before importing the store.
 */
export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: { event: 'fired' | 'resolved'; rule: string; message: string; task: { id: string; name: string }; episodeId: number; eventId: number };
  /** The x-ora2kafka-signature header matched the body under the secret. */
  signatureValid: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Requests answered 500 on purpose (the first `failFirst`). */
  refused: number;
  waitFor(pred: (r: Received) => boolean, what: string, ms?: number): Promise<Received>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret: string, opts: { failFirst?: number } = {}): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const state = { refused: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.refused < (opts.failFirst ?? 0)) {
        state.refused++;
        res.writeHead(500).end('try again');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
      const got = Buffer.from(String(req.headers['x-ora2kafka-signature'] ?? ''));
      received.push({ headers: req.headers, body, json: JSON.parse(body) as Received['json'], signatureValid: got.length === expected.length && timingSafeEqual(got, expected) });
      res.writeHead(204).end();
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/o2k`,
    received,
    get refused() {
      return state.refused;
    },
    async waitFor(pred, what, ms = 60_000) {
      const end = Date.now() + ms;
      for (;;) {
        const hit = received.find(pred);
        if (hit) return hit;
        if (Date.now() > end) throw new Error(`webhook: timed out after ${ms} ms waiting for ${what}; got ${received.map((r) => `${r.json.event} ${r.json.rule}`).join(', ') || 'nothing'}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 250);
        });
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A simulated source on the real clock, reachable as host `<name>.sim` (account DTS_SYNC / dts_sync). */
export function realtimeSource(name: string, options: SimDatabaseOptions = {}): SimDatabase {
  const db = createSimDatabase({ supplementalLogging: { min: true, pk: true, ui: true }, forceLogging: true, idleScnPerSecond: 0, ...options });
  installSampleSchema(db, { employees: 40, documents: 1, typeZooRows: 1 });
  registerSimDatabase(name, db);
  return db;
}

/** Stores a complete incremental-only task on HR tables with the given monitoring, status Precheck Passed. */
export async function storeTask(opts: { name: string; sim: string; tables: string[]; monitoring: MonitoringInput; incrementalOnly?: boolean }): Promise<{ id: string; topic: string }> {
  const { saveDraft, saveSection } = await import('../../server/store/task-repository');
  const { getDb } = await import('../../server/store/db');
  const topic = uniqueTopic(opts.name);
  await withAdmin(async (admin) => {
    await ensureTopic(admin, topic, 1);
    await ensureTopic(admin, `${topic}-ddl`, 1);
  });
  const step = sourceDestinationStepSchema.parse({
    name: opts.name,
    source: { host: `${opts.sim}.sim`, port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
    destination: { brokers: kafka().plaintext, topic, ddlTopic: `${topic}-ddl` },
  });
  const { id } = await saveDraft(step);
  const config = taskConfigSchema.parse({
    ...step,
    migrationTypes: { schema: false, full: !opts.incrementalOnly, incremental: true },
    objects: { schemas: [{ name: 'HR', tables: opts.tables.map((t) => ({ name: t })) }] },
    monitoring: opts.monitoring,
  });
  await saveSection(id, { migrationTypes: config.migrationTypes, objects: config.objects, advanced: config.advanced, monitoring: opts.monitoring, instanceClass: config.instanceClass }, { resetPrecheck: false });
  await (await getDb()).task.update({ where: { id }, data: { status: 'PrecheckPassed' } });
  return { id, topic };
}

export async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Engine pacing for tests: quick polls, reports and checks. */
export const FAST = { pollIntervalMs: 100, idleCheckpointMs: 200, lingerMs: 20, metricsIntervalMs: 250, progressIntervalMs: 250, logRetentionCheckMs: 300 };
