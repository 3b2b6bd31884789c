/**
 * LogMiner reading — the public face of server/oracle/logminer/.
 *
 *   const stream = createLogMinerStream(gateway, {
 *     startScn: handoff.miningStartScn,        // oldest transaction open at the snapshot (planHandoff)
 *     emitAfterCommitScn: handoff.snapshotScn, // the full load read AS OF this SCN
 *     owners: ['HR'], tables: [{ owner: 'HR', table: 'EMP' }],
 *     spillDir: 'data/spill/task-42', maxEventsInMemoryPerTx: 10_000,
 *     windowSizes: { min: 1_000n, default: 20_000n, max: 100_000n, increment: 20_000n },
 *     pollIntervalMs: 1000,
 *   });
 *   for (;;) {
 *     for (const tx of await stream.next()) {          // commit-SCN order, rollbacks removed
 *       for await (const event of tx.iterate()) send(event);   // or tx.events when !tx.spilled
 *       afterKafkaAcks(() => checkpoint(tx.position));
 *     }
 *   }
 *   // after a crash: createLogMinerStream(gateway, { ...same options, resume: lastCheckpoint })
 *
 * Guarantees and rules:
 * - Transactions come out whole, once, ordered by (commit SCN, XID). `position` of a transaction
 *   is a safe resume point once it and everything before it is acknowledged: restartScn is the
 *   first redo row of any transaction still open at that commit, so nothing is lost; transactions
 *   at or before (lastCommitScn, lastXid) are skipped after the restart, so none is emitted twice.
 *   `stream.position()` is the same after the whole last batch (use it to advance while idle).
 * - Partial rollbacks (ROLLBACK=1 rows) cancel the change they undo; a ROLLBACK (36) drops the
 *   transaction. A transaction holding more than maxEventsInMemoryPerTx rows spills to a file in
 *   spillDir; `bufferStats()` reports { openTransactions, bufferedEvents, spilledTransactions,
 *   spilledBytes, oldestOpenScn } for the UI. Consume a batch before the next `next()` — the spill
 *   files of the previous batch are deleted then.
 * - DDL rows of the selected owners become one-event DDL transactions at the DDL's SCN, and the
 *   owner's table definitions are re-read for later events (ALTER TABLE changes the columns).
 * - LOB redo (EMPTY_CLOB + UPDATE, SELECT_LOB_LOCATOR + LOB_WRITE) is merged into the row image,
 *   best effort (commit-processor.ts says where it cannot be exact).
 * - A missing log ends the stream with LogMissingError (SCN, thread, sequence, fix). Retriable
 *   errors of one mining call (log switch ORA-00310/01291, lost connection) are retried in place;
 *   any error while processing rows fails the stream: recreate it from the last checkpoint.
 * - Mining never passes the current SCN; against a real database the upper bound lags
 *   `redoFlushLagMs` (5 s) so that LGWR has written the redo of every SCN mined.
 */
export { createLogMinerStream, type LogMinerStream, type LogMinerStreamOptions } from './log-miner-stream';
export { collectEvents, collectMined } from './collect';
export { resolveTableFromGateway, type ResolveTable } from './table-cache';
export { UnreadableRedoError } from './commit-processor';
export { DEFAULT_WINDOW_SIZES, type BufferStats, type CommittedTransaction, type MiningPosition, type MiningStats, type UnreadableRow, type WindowSizes } from './types';
