import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { KafkaDestination } from '../../../server/model/kafka-destination';
import { consumeAll } from '../engine-support/consume';

/**
 * Pieces of the cluster integration tests: `ora2kafka worker` processes (the real CLI, through
 * bin/ora2kafka.mjs), what they print, and the replay of a SharePlex JSON topic into rows.
 */
const BIN = path.resolve(import.meta.dirname, '../../../bin/ora2kafka.mjs');

export interface WorkerProc {
  proc: ChildProcess;
  lines: string[];
  /** The worker id it printed when it joined ("w-host-4121-9f3a"). */
  id: Promise<string>;
  exited: Promise<number | null>;
}

const live = new Set<ChildProcess>();

export function killAllWorkers(): void {
  for (const p of live) {
    p.kill('SIGCONT');
    p.kill('SIGKILL');
  }
}

export function startWorker(cluster: string, env: Record<string, string>): WorkerProc {
  const proc = spawn(process.execPath, [BIN, 'worker', '--cluster', cluster], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let resolveId: (id: string) => void = () => undefined;
  const id = new Promise<string>((r) => (resolveId = r));
  const onData = (chunk: Buffer) => {
    for (const l of chunk.toString('utf8').split('\n')) {
      if (!l.trim()) continue;
      lines.push(l);
      const m = / worker (w-\S+) joined cluster/.exec(l);
      if (m) resolveId(m[1]!);
    }
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  live.add(proc);
  void exited.then(() => live.delete(proc));
  return { proc, lines, id, exited };
}

export async function killHard(w: WorkerProc): Promise<void> {
  w.proc.kill('SIGKILL');
  await w.exited;
}

/** What a worker printed, for failure messages. */
export function story(name: string, w: Pick<WorkerProc, 'lines'>, last = 25): string {
  return `--- ${name}\n${w.lines.slice(-last).join('\n')}`;
}

export interface SharePlexMessage {
  meta: { op: string; scn: string; trans: string; seq: number; size: number; table: string };
  data: Record<string, string | null>;
  key?: Record<string, string | null>;
}

export interface TopicReplay {
  /** table → primary key value → row (text values, as SharePlex JSON writes them). */
  tables: Map<string, Map<string, Record<string, string | null>>>;
  problems: string[];
  counts: { init: number; changes: number; transactions: number };
  /** The highest SCN of a change in the topic (0n with none): a topic that is behind ends before the source's last change. */
  lastScn: bigint;
}

/**
 * Reads the topic read_committed and applies it in offset order per partition (hash-pk keeps each
 * key on one partition). Problems: a full-load row or a change seen twice, a transaction with a
 * change missing, an update or delete of a row that is not there.
 */
export async function replayTopic(d: KafkaDestination, topic: string, pk: Record<string, string>): Promise<TopicReplay> {
  const got = await consumeAll(d, topic);
  got.sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
  const tables = new Map<string, Map<string, Record<string, string | null>>>();
  const problems: string[] = [];
  const seen = new Set<string>();
  const txs = new Map<string, { size: number; seqs: Set<number> }>();
  let init = 0;
  let changes = 0;
  let lastScn = 0n;
  for (const r of got) {
    const m = JSON.parse(r.value!.toString('utf8')) as SharePlexMessage;
    const col = pk[m.meta.table];
    if (!col) continue;
    const rows = tables.get(m.meta.table) ?? new Map<string, Record<string, string | null>>();
    tables.set(m.meta.table, rows);
    const full = m.meta.trans === '0.0.0';
    const id = full ? `init ${m.meta.table} ${m.data[col]}` : `tx ${m.meta.scn}/${m.meta.trans} #${m.meta.seq}`;
    if (seen.has(id)) problems.push(`twice: ${id}`);
    seen.add(id);
    if (full) init++;
    else {
      changes++;
      if (BigInt(m.meta.scn) > lastScn) lastScn = BigInt(m.meta.scn);
      const tx = txs.get(`${m.meta.scn}/${m.meta.trans}`) ?? { size: m.meta.size, seqs: new Set<number>() };
      tx.seqs.add(m.meta.seq);
      txs.set(`${m.meta.scn}/${m.meta.trans}`, tx);
    }
    if (m.meta.op === 'ins') rows.set(String(m.data[col]), { ...m.data });
    else if (m.meta.op === 'upd') {
      const k = String(m.key?.[col] ?? m.data[col]);
      const row = rows.get(k);
      if (!row) problems.push(`update of a missing row ${m.meta.table} ${k} (${id})`);
      else Object.assign(row, m.data);
    } else if (m.meta.op === 'del') {
      if (!rows.delete(String(m.data[col]))) problems.push(`delete of a missing row ${m.meta.table} ${m.data[col]} (${id})`);
    }
  }
  for (const [tx, { size, seqs }] of txs) if (seqs.size !== size) problems.push(`transaction ${tx}: ${seqs.size} of ${size} changes`);
  return { tables, problems, counts: { init, changes, transactions: txs.size }, lastScn };
}
