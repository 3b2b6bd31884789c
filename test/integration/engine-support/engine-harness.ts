import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KafkaDestination } from '../../../server/model/kafka-destination';
import type { OracleGateway } from '../../../server/oracle/gateway';
import { createSimDatabase, installSampleSchema, ManualClock, SimGateway, type SimDatabase } from '../../../server/oracle/sim';
import { decodeTestRecord, type TestRecord } from '../../support/engine/json-test-format';
import { Replica, type Row } from '../../support/engine/replica';
import { sourceRows } from '../../support/engine/source-state';
import { consumeAll } from './consume';
import { channelOf, serveGateway } from '../../support/engine/rpc-gateway';

/**
 * Shared pieces of the engine integration tests: a simulated source, engine child processes,
 * and the check that a topic, applied in order per partition, equals the source.
 */
export interface SimSource {
  db: SimDatabase;
  clock: ManualClock;
  gateway: () => SimGateway;
}

export function simSource(opts: { employees?: number; logSizeBytes?: number } = {}): SimSource {
  const clock = new ManualClock();
  const db = createSimDatabase({ clock, idleScnPerSecond: 0, logSizeBytes: opts.logSizeBytes ?? 256 * 1024, supplementalLogging: { pk: true, ui: true, all: true } });
  installSampleSchema(db, { employees: opts.employees ?? 500 });
  return { db, clock, gateway: () => new SimGateway(db, { host: 'it.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' }) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(25);
  }
}

export interface ChildMessage {
  t: string;
  [k: string]: unknown;
}

export interface EngineChild {
  proc: ChildProcess;
  messages: ChildMessage[];
  last(t: string): ChildMessage | undefined;
  exited: Promise<number | null>;
}

const live = new Set<ChildProcess>();

/** Kills every engine child still running (after a failed test, so the run can exit). */
export function killAllChildren(): void {
  for (const p of live) p.kill('SIGKILL');
}

/**
 * Starts the engine in a child process (tsx), serving it the simulated database (through
 * `opts.gateway` when given, e.g. one that records calls). Each child has its own spill folder
 * (as another machine would) unless `opts.spillDir` is shared.
 */
export function startEngineChild(src: SimSource, spec: { taskId: string; config: unknown; checkpointTopic: string; tuning?: Record<string, number> }, opts: { spillDir?: string; gateway?: () => OracleGateway } = {}): EngineChild {
  const spillDir = opts.spillDir ?? mkdtempSync(path.join(tmpdir(), 'o2k-it-spill-'));
  const proc = fork(path.join(import.meta.dirname, 'runner-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    env: { ...process.env, O2K_CHILD_SPEC: JSON.stringify({ ...spec, spillDir }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  serveGateway(channelOf(proc), opts.gateway ?? src.gateway);
  const messages: ChildMessage[] = [];
  proc.on('message', (m) => {
    const msg = m as ChildMessage;
    if (msg.t !== 'call') messages.push(msg);
  });
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  live.add(proc);
  void exited.then(() => live.delete(proc));
  return { proc, messages, last: (t) => [...messages].reverse().find((m) => m.t === t), exited };
}

/** The child's status changes and warnings/errors, for failure messages. */
export function childStory(c: EngineChild): string {
  return c.messages
    .filter((m) => m.t === 'status' || m.t === 'log' || m.t === 'done')
    .map((m) => JSON.stringify(m))
    .join('\n');
}

export async function killHard(c: EngineChild): Promise<void> {
  c.proc.kill('SIGKILL');
  await c.exited;
}

export async function stopGracefully(c: EngineChild): Promise<void> {
  c.proc.send({ t: 'stop' });
  await Promise.race([c.exited, sleep(20_000).then(() => c.proc.kill('SIGKILL'))]);
}

/** Reads the topic (read_committed) and applies it partition by partition, in offset order. */
export async function replicaFromTopic(d: KafkaDestination, topic: string, opts: { reinit?: boolean } = {}): Promise<{ replica: Replica; records: (TestRecord & { partition: number; offset: bigint })[] }> {
  const got = await consumeAll(d, topic);
  const records = got.map((m) => ({ ...decodeTestRecord(m.value!), partition: m.partition, offset: m.offset }));
  records.sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
  // Ids are global: they increase within each partition, not across the interleaving below.
  const replica = new Replica({ ids: false, ...opts });
  let prev: (typeof records)[number] | null = null;
  for (const r of records) {
    if (prev && prev.partition === r.partition && r.id <= prev.id) replica.problems.push(`partition ${r.partition}: record id ${r.id} after ${prev.id}`);
    replica.apply(r);
    prev = r;
  }
  return { replica, records };
}

/** Differences between a replica table and the source table at its current SCN (empty = equal). */
export async function diffWithSource(src: SimSource, replica: Replica, owner: string, table: string, rename: (row: Row) => Row = (r) => r, mappedName = `${owner}.${table}`): Promise<string[]> {
  const g = src.gateway();
  const want = await sourceRows(g, owner, table, await g.currentScn());
  const got = replica.tables.get(mappedName) ?? new Map<string, Row>();
  const out: string[] = [];
  for (const [k, row] of want) {
    const a = JSON.stringify(rename(row));
    const b = JSON.stringify(got.get(k));
    if (a !== b) out.push(`${table} ${k}: want ${a}, got ${b}`);
  }
  for (const k of got.keys()) if (!want.has(k)) out.push(`${table} ${k}: not in the source`);
  return out;
}
