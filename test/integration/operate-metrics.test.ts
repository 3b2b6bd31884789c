import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// A real Prometheus text-format parser (prom2json-compatible output), not a regex of ours.
import parsePrometheus from 'parse-prometheus-text-format';
import { Workload } from '../../server/oracle/sim';
import { FAST, realtimeSource, storeTask, until } from './operate-support';
import { startApiServer, type ApiServer } from '../support/api-server';

/**
 * GET /metrics read while a task runs, over real HTTP, and parsed by a Prometheus parser: it needs
 * an API token (or ORA2KAFKA_METRICS_TOKEN); the per-task counters move between scrapes; the lag
 * gauges equal what the dashboard's lag explainer shows for the same report.
 */
process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-metrics-'));
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');
process.env.ORA2KAFKA_METRICS_TOKEN = 'scrape-secret-for-tests';
delete process.env.DATABASE_URL;

const { startStoredTask } = await import('../../server/host/console-tasks');
const { installConsoleEngine } = await import('../../server/host/console-host');
const { runnerRegistry } = await import('../../server/engine/runner-registry');
const { handleMetricsRequest } = await import('../../server/host/metrics-endpoint');
const { createApiToken } = await import('../../server/auth/api-tokens');

type Family = { name: string; type: string; metrics: { value?: string; labels?: Record<string, string> }[] };

let metricsUrl: string;
let metricsServer: http.Server;
let api: ApiServer;

beforeAll(async () => {
  installConsoleEngine();
  metricsServer = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    void handleMetricsRequest(new Request(`http://127.0.0.1${req.url}`, { headers })).then(async (r) => {
      res.writeHead(r.status, Object.fromEntries(r.headers)).end(await r.text());
    });
  });
  await new Promise<void>((r) => metricsServer.listen(0, '127.0.0.1', r));
  metricsUrl = `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}/metrics`;
  api = await startApiServer();
});

afterAll(async () => {
  await runnerRegistry().stopAll();
  await new Promise((r) => metricsServer?.close(r));
  await api?.close();
});

async function scrape(token: string): Promise<Map<string, Family>> {
  const res = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return new Map((parsePrometheus(await res.text()) as Family[]).map((f) => [f.name, f]));
}

function value(families: Map<string, Family>, name: string, labels: Record<string, string>): number | null {
  const m = families.get(name)?.metrics.find((x) => Object.entries(labels).every(([k, v]) => x.labels?.[k] === v));
  return m?.value === undefined ? null : Number(m.value);
}

describe('GET /metrics', () => {
  it('needs a token; counters move during a run; lag gauges equal the lag explainer', { timeout: 120_000 }, async () => {
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { authorization: 'Bearer o2k_not-a-token' } })).status).toBe(401);
    const { token } = await createApiToken({ name: 'prometheus', role: 'viewer' }, 'admin');

    const db = realtimeSource('metrics-run');
    const { id } = await storeTask({ name: 'metrics-run', sim: 'metrics-run', tables: ['EMPLOYEES', 'REGIONS'], monitoring: {} });
    const runner = await startStoredTask(id, { tuning: FAST });
    const work = new Workload(db, { seed: 5, tables: ['HR.EMPLOYEES'], longTxRate: 0, rollbackRate: 0, savepointRate: 0 });
    const labels = { task: id, name: 'metrics-run' };
    await until(() => runner.currentPhase === 'incremental' && runner.diagnostics().eventsByOp.INIT > 0, 'the full load to be written');
    work.runTransactions(20);
    await until(async () => (value(await scrape(token), 'ora2kafka_events_written_total', { ...labels, op: 'UPDATE' }) ?? 0) > 0, 'UPDATE events in /metrics');
    const first = await scrape(token);
    expect(value(first, 'ora2kafka_task_status', { ...labels, status: 'Migrating' })).toBe(1);
    expect(value(first, 'ora2kafka_task_phase', { ...labels, phase: 'incremental' })).toBe(1);
    expect(value(first, 'ora2kafka_events_written_total', { ...labels, op: 'INIT' })).toBe(runner.progress.full.rowsDone);
    expect(first.get('ora2kafka_records_written_total')?.type).toBe('COUNTER');
    expect(first.get('ora2kafka_latency_seconds')?.type).toBe('GAUGE');
    expect(value(first, 'ora2kafka_checkpoint_scn', labels)).toBeGreaterThan(0);
    // Process metrics: event-loop lag and heap.
    expect(first.has('ora2kafka_nodejs_eventloop_lag_seconds')).toBe(true);
    expect(value(first, 'ora2kafka_nodejs_heap_size_used_bytes', {})).toBeGreaterThan(0);

    // More changes: the counters move.
    work.runTransactions(30);
    const before = value(first, 'ora2kafka_records_written_total', labels)!;
    await until(async () => value(await scrape(token), 'ora2kafka_records_written_total', labels)! > before, 'records_written_total to grow');
    const later = await scrape('scrape-secret-for-tests'); // the shared scrape token works too
    expect(value(later, 'ora2kafka_bytes_written_total', labels)).toBeGreaterThan(value(first, 'ora2kafka_bytes_written_total', labels)!);
    expect(value(later, 'ora2kafka_redo_rows_mined_total', labels)).toBeGreaterThan(0);
    // Light on the source (issue 19): the last window's cost, and the counters of its safety valves.
    expect(value(later, 'ora2kafka_mining_window_round_trips', labels)).toBeGreaterThanOrEqual(3);
    expect(value(later, 'ora2kafka_mining_window_seconds', labels)).toBeGreaterThanOrEqual(0);
    for (const name of ['ora2kafka_logminer_session_restarts_total', 'ora2kafka_scn_jumps_skipped_total', 'ora2kafka_dead_letter_changes_total']) {
      expect(later.get(name)?.type, name).toBe('COUNTER');
      expect(value(later, name, labels), name).toBe(0);
    }

    // The lag gauges and the dashboard's lag explainer show the same report: read both until they name the same one.
    let pair: { m: Map<string, Family>; d: { atMs: number; latencyMs: number | null; sourceLagMs: number | null; checkpointScn: string | null } } | null = null;
    await until(async () => {
      const m = await scrape(token);
      const res = await fetch(`${api.url}/api/trpc/taskMonitor.explainLag?input=${encodeURIComponent(JSON.stringify({ json: { id } }))}`, { headers: { authorization: `Bearer ${token}` } });
      const d = ((await res.json()) as { result: { data: { json: { diagnostics: NonNullable<typeof pair>['d'] } } } }).result.data.json.diagnostics;
      if (value(m, 'ora2kafka_report_timestamp_seconds', labels) === d.atMs / 1000) pair = { m, d };
      return pair !== null;
    }, 'a scrape and an explainer read of the same report');
    const { m, d } = pair!;
    expect(value(m, 'ora2kafka_latency_seconds', labels)).toBeCloseTo(d.latencyMs! / 1000, 9);
    expect(value(m, 'ora2kafka_source_lag_seconds', labels)).toBeCloseTo(d.sourceLagMs! / 1000, 9);
    expect(value(m, 'ora2kafka_checkpoint_scn', labels)).toBe(Number(d.checkpointScn));
  });
});
