import type { ChangeEvent } from '../../model/change-event';
import type { LogMinerRow } from '../gateway';
import type { TxInfo } from './event-builder';
import { CommitProcessor, processRows, type ProcessorCounters } from './commit-processor';
import { RollbackResolver, resolveRollbacks } from './rollback-resolver';
import { TableCache } from './table-cache';
import type { BufferedTransaction } from './transaction-buffer';
import type { CommittedTransaction, MiningPosition } from './types';

/**
 * COMMIT of a buffered transaction → CommittedTransaction. In memory: resolve partial rollbacks,
 * type the rows, done. Spilled: pass 1 over the file resolves rollbacks and collects the tables,
 * pass 2 counts the events (txSize must be known before the first event leaves), and `iterate()`
 * makes pass 3, converting as it streams. Table definitions are fixed at commit time, so a DDL
 * mined later cannot change how this transaction's rows are read.
 */

export interface FinisherCounters extends ProcessorCounters {
  unmatchedRollbacks: number;
}

function tableKey(r: LogMinerRow): string | null {
  return r.segOwner && r.tableName ? TableCache.key(r.segOwner, r.tableName) : null;
}

export async function finishTransaction(
  btx: BufferedTransaction,
  commit: LogMinerRow,
  cache: TableCache,
  counters: FinisherCounters,
): Promise<Omit<CommittedTransaction, 'position'> | null> {
  const info: TxInfo = { xid: btx.xid, commitScn: commit.commitScn ?? commit.scn, commitTimeMs: commit.timestampMs, userName: btx.userName ?? commit.userName };
  const base = { xid: btx.xid, startScn: btx.startScn, commitScn: info.commitScn, commitTimeMs: info.commitTimeMs, userName: info.userName };

  if (btx.rows) {
    const rows = btx.rows;
    let survivors: LogMinerRow[] = rows;
    if (btx.rollbackRowIds.size > 0) {
      const r = resolveRollbacks(rows, btx.rollbackRowIds);
      counters.unmatchedRollbacks += r.unmatched;
      survivors = rows.filter((row, i) => row.rollback === 0 && !r.cancelled.has(i));
    }
    const keys = new Set<string>();
    for (const r of survivors) {
      const k = tableKey(r);
      if (k) keys.add(k);
    }
    await cache.ensure(keys);
    const events = processRows(survivors, info, cache.pick(keys), counters);
    if (events.length === 0) return null;
    return { ...base, eventCount: events.length, spilled: false, events, iterate: () => fromArray(events) };
  }

  const file = btx.spill!;
  const resolver = new RollbackResolver(btx.rollbackRowIds);
  const keys = new Set<string>();
  let i = 0;
  for await (const row of file.rows()) {
    if (btx.rollbackRowIds.size > 0) resolver.feed(i, row);
    const k = tableKey(row);
    if (k) keys.add(k);
    i++;
  }
  counters.unmatchedRollbacks += resolver.unmatched;
  await cache.ensure(keys);
  const metas = cache.pick(keys);
  const live = async function* (): AsyncGenerator<LogMinerRow> {
    let n = 0;
    for await (const row of file.rows()) {
      const idx = n++;
      if (row.rollback === 0 && !resolver.cancelled.has(idx)) yield row;
    }
  };
  let count = 0;
  const counter = new CommitProcessor(info, metas, { unknownTableRows: 0 }, () => count++);
  for await (const row of live()) counter.push(row);
  counter.finish();
  if (count === 0) {
    file.remove();
    return null;
  }
  const iterate = async function* (): AsyncGenerator<ChangeEvent> {
    const ready: ChangeEvent[] = [];
    let seq = 0;
    const p = new CommitProcessor(info, metas, counters, (e) => {
      e.seqInTx = ++seq;
      e.txSize = count;
      ready.push(e);
    });
    for await (const row of live()) {
      p.push(row);
      while (ready.length) yield ready.shift()!;
    }
    p.finish();
    while (ready.length) yield ready.shift()!;
  };
  return { ...base, eventCount: count, spilled: true, events: null, iterate };
}

async function* fromArray(events: ChangeEvent[]): AsyncGenerator<ChangeEvent> {
  yield* events;
}

/** (commitScn, xid) order: the order transactions leave the stream and resume positions compare in. */
export function compareCommit(a: { commitScn: bigint; xid: string }, b: { commitScn: bigint; xid: string }): number {
  if (a.commitScn !== b.commitScn) return a.commitScn < b.commitScn ? -1 : 1;
  return a.xid < b.xid ? -1 : a.xid > b.xid ? 1 : 0;
}

/** True when a transaction comes after the position (and so must be emitted). */
export function isAfterPosition(tx: { commitScn: bigint; xid: string }, pos: Pick<MiningPosition, 'lastCommitScn' | 'lastXid'>): boolean {
  if (pos.lastCommitScn === null) return true;
  if (tx.commitScn !== pos.lastCommitScn) return tx.commitScn > pos.lastCommitScn;
  return pos.lastXid !== null && tx.xid > pos.lastXid;
}
