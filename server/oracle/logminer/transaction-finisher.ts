import type { ChangeEvent } from '../../model/change-event';
import type { LogMinerRow } from '../gateway';
import type { TxInfo } from './event-builder';
import { CommitProcessor, processRows, type ProcessorCounters, type UnreadableRowHandler } from './commit-processor';
import { RollbackIdentityCollector, RollbackResolver, resolveRollbacks } from './rollback-resolver';
import type { TableCache } from './table-cache';
import type { BufferedTransaction } from './transaction-buffer';
import type { CommittedTransaction, MiningPosition, UnreadableRow } from './types';

/**
 * COMMIT of a buffered transaction → CommittedTransaction. In memory: resolve partial rollbacks,
 * type the rows, done. Spilled: with partial rollbacks, two passes over the file resolve them; one
 * pass counts the events (txSize must be known before the first event leaves), and `iterate()`
 * makes the last, converting as it streams. Table definitions are fixed at commit time, so a DDL
 * mined later cannot change how this transaction's rows are read.
 */

export interface FinisherCounters extends ProcessorCounters {
  unmatchedRollbacks: number;
  /** Rows left out (dead-lettered) because their redo could not be read. */
  unreadableRowsSkipped: number;
}

export interface FinishOptions {
  /** Leave rows whose redo cannot be read out (listed in `unreadable`) instead of failing. */
  skipUnreadable?: boolean;
}

export async function finishTransaction(
  btx: BufferedTransaction,
  commit: LogMinerRow,
  cache: TableCache,
  counters: FinisherCounters,
  options: FinishOptions = {},
): Promise<Omit<CommittedTransaction, 'position'> | null> {
  const info: TxInfo = { xid: btx.xid, commitScn: commit.commitScn ?? commit.scn, commitTimeMs: commit.timestampMs, userName: btx.userName ?? commit.userName };
  const unreadable: UnreadableRow[] = [];
  const collect = (into: UnreadableRow[]): UnreadableRowHandler =>
    options.skipUnreadable
      ? (row, err) => {
          counters.unreadableRowsSkipped++;
          into.push({ scn: row.scn, xid: row.xid, owner: row.segOwner, table: row.tableName, operation: row.operation, sqlRedo: row.sqlRedo ?? '', reason: err.message });
        }
      : null;
  const base = { xid: btx.xid, startScn: btx.startScn, commitScn: info.commitScn, commitTimeMs: info.commitTimeMs, userName: info.userName, unreadable };
  await cache.ensure(btx.tables);
  const metas = cache.pick(btx.tables);

  if (btx.rows) {
    const rows = btx.rows;
    let survivors: LogMinerRow[] = rows;
    if (btx.rollbackRows > 0) {
      const r = resolveRollbacks(rows, metas);
      counters.unmatchedRollbacks += r.unmatched;
      survivors = rows.filter((row, i) => row.rollback === 0 && !r.isCancelled(i));
    }
    const events = processRows(survivors, info, metas, counters, collect(unreadable));
    if (events.length === 0 && unreadable.length === 0) return null;
    return { ...base, eventCount: events.length, spilled: false, events, iterate: () => fromArray(events) };
  }

  const file = btx.spill!;
  let resolver: RollbackResolver | null = null;
  if (btx.rollbackRows > 0) {
    // Two passes over the file: the compensating rows name what can be undone, then the resolver
    // tracks only changes with those identities (memory bounded by the rolled-back work).
    const ids = new RollbackIdentityCollector(metas);
    for await (const row of file.rows()) ids.feed(row);
    resolver = new RollbackResolver(ids.identities, metas);
    let i = 0;
    for await (const row of file.rows()) resolver.feed(i++, row);
    counters.unmatchedRollbacks += resolver.unmatched;
  }
  const live = async function* (): AsyncGenerator<LogMinerRow> {
    let n = 0;
    for await (const row of file.rows()) {
      const idx = n++;
      if (row.rollback === 0 && !resolver?.isCancelled(idx)) yield row;
    }
  };
  let count = 0;
  const counted: UnreadableRow[] = [];
  const counter = new CommitProcessor(info, metas, { unknownTableRows: 0 }, () => count++, options.skipUnreadable ? (row, err) => counted.push({ scn: row.scn, xid: row.xid, owner: row.segOwner, table: row.tableName, operation: row.operation, sqlRedo: '', reason: err.message }) : null);
  for await (const row of live()) counter.push(row);
  counter.finish();
  if (count === 0 && counted.length === 0) {
    file.remove();
    return null;
  }
  const iterate = async function* (): AsyncGenerator<ChangeEvent> {
    const ready: ChangeEvent[] = [];
    let seq = 0;
    unreadable.length = 0; // filled again by this pass (a replay after a crash reads the file again)
    const p = new CommitProcessor(
      info,
      metas,
      counters,
      (e) => {
        e.seqInTx = ++seq;
        e.txSize = count;
        ready.push(e);
      },
      collect(unreadable),
    );
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
