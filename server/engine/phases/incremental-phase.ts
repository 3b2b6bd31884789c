import path from 'node:path';
import type { ChangeEvent } from '../../model/change-event';
import { parseScn } from '../../model/scn';
import { createLogMinerStream, type CommittedTransaction, type MiningPosition, type UnreadableRow } from '../../oracle/logminer';
import { deadLetterTopicOf } from '../../model/task-advanced';
import { planHandoff } from '../../oracle/snapshot';
import type { IncrementalPosition } from '../../model/checkpoint-positions';
import { operationAllowed } from '../filters/op-filter';
import { filterEvent } from '../filters/row-filter-events';
import { tableKey, type PhaseContext } from '../phase-context';
import type { PendingRecord } from '../../model/pending-record';
import { incrementalLimits, PhaseThrottle } from '../throttle/phase-throttle';
import { INSTANCE_CAPS } from '../../model/task-instance-class';
import { HEARTBEAT_TABLE } from '../../model/task-monitoring';
import { neededLogRetention } from './log-retention-check';
import { DatabaseClockWatch } from './database-clock-skew';
import { AbandonedTransactions } from './abandoned-transactions';
import { StreamingSnapshots } from './streaming-snapshot';
import { incrementalTables } from './table-progress';

/**
 * Incremental migration: committed transactions from LogMiner in commit-SCN order, each event
 * through selection, the per-object operation filter, the row filter (snapshot semantics), the ETL
 * script, name mapping and the format, then into Kafka transactions with the position that covers them.
 *
 * Hand-off: after a full load, mining resumes at the snapshot's miningStartScn and emits only
 * transactions committing after the snapshot SCN S (position { restartScn: miningStartScn,
 * lastCommitScn: S, lastXid: null }). Without a full load, the hand-off point is planned here.
 *
 * Positions: after a whole transaction, the stream's position for it; inside a big transaction
 * (written in pieces of `eventsPerAppend` events), the previous whole position plus
 * partial { commitScn, xid, seq }, so a crash mid-transaction resumes right after event `seq`.
 */
export async function runIncrementalPhase(ctx: PhaseContext): Promise<void> {
  const pos = await startPosition(ctx);
  const throttle = new PhaseThrottle(incrementalLimits(ctx.config.instanceClass, ctx.config.advanced), ctx.clock);
  const schemas = ctx.config.objects.schemas;
  const heartbeat = await startHeartbeat(ctx);
  const tables = schemas.filter((s) => !s.all).flatMap((s) => s.tables.map((t) => ({ owner: s.name, table: t.name })));
  const stream = createLogMinerStream(ctx.gateway, {
    resume: toMining(pos),
    owners: [...new Set([...schemas.map((s) => s.name), ...(heartbeat ? [heartbeat.owner] : [])])],
    // Pushed into the contents query: whole schemas by owner, other schemas' listed tables by name.
    wholeSchemas: schemas.filter((s) => s.all).map((s) => s.name),
    // The heartbeat table is mined (its commits move the position) but never selected for Kafka.
    tables: heartbeat ? [...tables, { owner: heartbeat.owner, table: HEARTBEAT_TABLE }] : tables,
    spillDir: path.join(ctx.tuning.spillDir, ctx.taskId),
    maxEventsInMemoryPerTx: ctx.tuning.maxEventsInMemoryPerTx,
    keepSpillsUntilCheckpointed: true,
    spillOpenAfterMs: ctx.tuning.spillOpenAfterMs,
    pollIntervalMs: ctx.tuning.pollIntervalMs,
    sessionMaxMs: ctx.tuning.logMinerSessionMaxMs,
    unreadableRedo: ctx.config.advanced.unreadableRedo === 'dead-letter' ? 'skip' : 'fail',
    sleep: (ms) => ctx.clock.sleep(ms, ctx.gate.signal),
    now: () => ctx.clock.now(),
  });
  const undecidedWarned = new Set<string>();
  const snapshots = new StreamingSnapshots(ctx, throttle);
  await snapshots.init(pos);
  ctx.checkpoint.incremental = snapshots.attach(ctx.checkpoint.incremental!);
  let lastCheckpointAt = ctx.clock.now();
  const obs = ctx.observer;
  obs.mining = stream;
  obs.useThrottle({ throttle, userThrottle: ctx.config.advanced.incrementalThrottle.enabled, caps: INSTANCE_CAPS[ctx.config.instanceClass] });
  let retentionCheckedAt: number | null = null;
  let adoptionLogged = false;
  const abandoned = new AbandonedTransactions(ctx);
  const clockWatch = new DatabaseClockWatch(ctx);
  try {
    for (;;) await ctx.gate.unit(async () => {
      if (heartbeat) await heartbeat.beatIfDue();
      if (retentionCheckedAt === null || ctx.clock.now() - retentionCheckedAt >= ctx.tuning.logRetentionCheckMs) {
        retentionCheckedAt = ctx.clock.now();
        // A log already gone fails the stream with its own error; this only looks ahead.
        obs.logRetention = await neededLogRetention(ctx.gateway, parseScn(ctx.checkpoint.incremental!.restartScn), retentionCheckedAt, stream.stats().databaseClockOffsetMs ?? 0).catch(() => obs.logRetention);
      }
      // Spill files the last Kafka-committed checkpoint can no longer name are deleted.
      const committed = ctx.observer.checkpoint?.incremental;
      if (committed) stream.checkpointed(toMining(committed));
      const txs = await stream.next();
      if (!adoptionLogged) {
        adoptionLogged = true;
        const adopted = stream.stats().spilledTransactionsAdopted;
        const spilled = pos.spilled;
        if (spilled && adopted > 0) ctx.log('info', `Resumed mining at SCN ${spilled.restartScn} instead of ${pos.restartScn}: ${adopted} open transaction(s) were taken over from their spill files.`);
        else if (spilled) ctx.log('info', `The spill files of ${spilled.transactions.length} open transaction(s) are not on this machine (or incomplete): mining resumes at SCN ${pos.restartScn}, their start.`);
      }
      obs.idle = false;
      for (const tx of txs) {
        await writeTransaction(ctx, tx, throttle, undecidedWarned, snapshots);
        obs.lastCommitTimeMs = tx.commitTimeMs;
      }
      obs.idle = txs.length === 0;
      clockWatch.check(stream.stats().databaseClockOffsetMs);
      abandoned.check(stream);
      if (snapshots.reading) {
        // Idle, the position moves over idle SCNs first, so the chunk is read as of now.
        if (txs.length === 0 && ctx.checkpoint.incremental!.partial === null) ctx.checkpoint.incremental = snapshots.attach(fromMining(stream.position()));
        await snapshots.step();
      }
      // Caught up, the stream itself waits (adaptive polling). Always yield to timers: gateway calls
      // can resolve without I/O (the simulator, a cached window), and a backlog must not starve them.
      await new Promise((r) => setImmediate(r));
      const now = ctx.clock.now();
      if (txs.length === 0) {
        // Caught up: advance the position over idle SCNs now and then, so a restart re-mines little.
        ctx.progress.percent = 100;
        if (now - lastCheckpointAt >= ctx.tuning.idleCheckpointMs) {
          const p = fromMining(stream.position());
          const cur = ctx.checkpoint.incremental!;
          if (cur.partial === null && !samePosition(p, cur)) {
            ctx.checkpoint.incremental = snapshots.attach(p);
            ctx.pipeline.markDirty();
          }
          await ctx.pipeline.flush();
          lastCheckpointAt = ctx.clock.now();
        }
      } else lastCheckpointAt = now;
      // The dashboard's Delay is the same figure as the latency gauge and the latency alert.
      const latency = obs.latencyMs(now);
      ctx.progress.delaySeconds = latency === null ? null : latency / 1000;
      const buf = stream.bufferStats();
      if (buf.spilledTransactions > 0) ctx.progress.objectsDone = buf.spilledTransactions;
      ctx.reportProgress();
    });
  } finally {
    obs.mining = null;
    obs.idle = false;
    await stream.close().catch(() => undefined);
  }
}

/**
 * The optional heartbeat (Monitoring and Alerting → heartbeat): the table is created if missing
 * (ORACLE_HEARTBEAT_TABLE_MISSING with the GRANT fix otherwise) and the task's row is written
 * every intervalSeconds between mining calls. A failed write is logged once per outage and
 * counted; it never stops the task.
 */
async function startHeartbeat(ctx: PhaseContext): Promise<{ owner: string; beatIfDue(): Promise<void> } | null> {
  const hb = ctx.config.monitoring.heartbeat;
  if (!hb.enabled) return null;
  await ctx.gateway.ensureHeartbeatTable();
  const state = { enabled: true, lastAtMs: null as number | null, failures: 0 };
  ctx.observer.heartbeat = state;
  let failing = false;
  return {
    owner: ctx.config.source.user.toUpperCase(),
    async beatIfDue() {
      const now = ctx.clock.now();
      if (state.lastAtMs !== null && now - state.lastAtMs < hb.intervalSeconds * 1000) return;
      try {
        await ctx.gateway.writeHeartbeat(ctx.taskId);
        state.lastAtMs = now;
        failing = false;
      } catch (e) {
        state.failures++;
        state.lastAtMs = now; // try again after the interval, not at once
        if (!failing) ctx.log('warn', `The heartbeat row could not be written: ${e instanceof Error ? e.message : String(e)}`);
        failing = true;
      }
    },
  };
}

async function startPosition(ctx: PhaseContext): Promise<IncrementalPosition> {
  if (ctx.checkpoint.incremental) return ctx.checkpoint.incremental;
  const full = ctx.checkpoint.full;
  let pos: IncrementalPosition;
  if (full) {
    pos = { restartScn: full.miningStartScn, lastCommitScn: full.snapshotScn, lastXid: null, partial: null };
  } else {
    const h = await planHandoff(ctx.gateway);
    pos = { restartScn: String(h.miningStartScn), lastCommitScn: String(h.snapshotScn), lastXid: null, partial: null };
    ctx.log('info', `Incremental migration captures transactions committing after SCN ${h.snapshotScn} (mining from SCN ${h.miningStartScn}).`);
  }
  ctx.checkpoint.incremental = pos;
  return pos;
}

function fromMining(p: MiningPosition): IncrementalPosition {
  const out: IncrementalPosition = { restartScn: String(p.restartScn), lastCommitScn: p.lastCommitScn === null ? null : String(p.lastCommitScn), lastXid: p.lastXid, partial: null };
  if (p.dropped && p.dropped.length > 0) out.dropped = p.dropped.map((d) => ({ xid: d.xid, endScn: d.endScn === null ? null : String(d.endScn) }));
  if (p.spilled) out.spilled = { restartScn: String(p.spilled.restartScn), transactions: p.spilled.transactions.map((t) => ({ ...t, startScn: String(t.startScn) })) };
  return out;
}

/** The checkpoint's position for the stream (checkpoints written before drops existed have no `dropped`). */
export function toMining(pos: IncrementalPosition): MiningPosition {
  return {
    restartScn: parseScn(pos.restartScn),
    lastCommitScn: pos.lastCommitScn === null ? null : parseScn(pos.lastCommitScn),
    lastXid: pos.lastXid,
    ...(pos.dropped && pos.dropped.length > 0 ? { dropped: pos.dropped.map((d) => ({ xid: d.xid, endScn: d.endScn === null ? null : parseScn(d.endScn) })) } : {}),
    ...(pos.spilled ? { spilled: { restartScn: parseScn(pos.spilled.restartScn), transactions: pos.spilled.transactions.map((t) => ({ ...t, startScn: parseScn(t.startScn) })) } } : {}),
  };
}

/** Same position (the idle checkpoint writes only a moved one). */
function samePosition(a: IncrementalPosition, b: IncrementalPosition): boolean {
  return a.restartScn === b.restartScn && a.lastCommitScn === b.lastCommitScn && JSON.stringify(a.dropped ?? []) === JSON.stringify(b.dropped ?? []) && JSON.stringify(a.spilled ?? null) === JSON.stringify(b.spilled ?? null);
}

async function writeTransaction(ctx: PhaseContext, tx: CommittedTransaction, throttle: PhaseThrottle, undecidedWarned: Set<string>, snapshots: StreamingSnapshots): Promise<void> {
  const before = ctx.checkpoint.incremental!;
  const whole = { restartScn: before.restartScn, lastCommitScn: before.lastCommitScn, lastXid: before.lastXid, ...(before.dropped ? { dropped: before.dropped } : {}), ...(before.spilled ? { spilled: before.spilled } : {}) };
  const skip = before.partial && before.partial.xid === tx.xid && before.partial.commitScn === String(tx.commitScn) ? before.partial.seq : 0;
  const safeScn = parseScn(before.restartScn);
  let batch: PendingRecord[] = [];
  let bytes = 0;
  let seq = 0;
  const push = async (position: IncrementalPosition) => {
    if (batch.length > 0) await throttle.admit(batch.length, bytes, ctx.gate.signal);
    await ctx.pipeline.ready();
    ctx.pipeline.append(batch); // no await until the position is set
    ctx.checkpoint.incremental = snapshots.attach(position);
    if (batch.length === 0) ctx.pipeline.markDirty();
    ctx.progress.rowsDone += batch.length;
    ctx.progress.bytesDone += bytes;
    batch = [];
    bytes = 0;
  };
  for await (const e of events(tx)) {
    seq = e.seqInTx;
    if (seq <= skip) continue;
    const r = snapshots.admits(e) ? toRecord(ctx, e, safeScn, undecidedWarned) : null;
    if (r) {
      batch.push(r);
      bytes += r.bytes;
    }
    if (batch.length >= ctx.tuning.eventsPerAppend && seq < tx.eventCount) {
      await push({ ...whole, partial: { commitScn: String(tx.commitScn), xid: tx.xid, seq } });
    }
  }
  // Changes whose redo could not be read (dead-letter policy): in the same Kafka transaction as
  // the position that passes them, so each lands exactly once.
  for (const u of tx.unreadable) {
    const r = deadLetterRecord(ctx, tx, u);
    batch.push(r);
    bytes += r.bytes;
  }
  if (tx.unreadable.length > 0) reportDeadLetters(ctx, tx.unreadable);
  await push(fromMining(tx.position));
}

/**
 * One change that could not be read, as JSON on the dead-letter topic (partition 0, key = XID):
 *   {"scn":"5012345","commitScn":"5012350","xid":"0A001F00D3040000","table":"HR.EMPLOYEES",
 *    "operation":"UPDATE","commitTime":"2026-12-06T10:00:00.000Z","reason":"Cannot parse SQL_REDO: …",
 *    "sqlRedo":"update \"HR\".\"EMPLOYEES\" set …"}
 */
function deadLetterRecord(ctx: PhaseContext, tx: CommittedTransaction, u: UnreadableRow): PendingRecord {
  const value = Buffer.from(
    JSON.stringify({
      scn: String(u.scn),
      commitScn: String(tx.commitScn),
      xid: u.xid,
      table: u.owner && u.table ? `${u.owner}.${u.table}` : null,
      operation: u.operation,
      commitTime: new Date(tx.commitTimeMs).toISOString(),
      reason: u.reason,
      sqlRedo: u.sqlRedo,
    }),
    'utf8',
  );
  const key = Buffer.from(u.xid, 'utf8');
  return { topic: deadLetterTopicOf(ctx.config.advanced, ctx.config.destination.topic), partition: 0, key, value, headers: { 'ora2kafka-dead-letter': 'unreadable-redo' }, bytes: key.length + value.length + 36, commitTimeMs: tx.commitTimeMs };
}

const DEAD_LETTER_WARNING = /^\d[\d,]* changes? could not be read/;

/** A WARN per change, and one dashboard warning that keeps the running count. */
function reportDeadLetters(ctx: PhaseContext, rows: readonly UnreadableRow[]): void {
  const topic = deadLetterTopicOf(ctx.config.advanced, ctx.config.destination.topic);
  for (const u of rows) ctx.log('warn', `A change of ${u.owner}.${u.table} at SCN ${u.scn} (transaction ${u.xid}) could not be read and went to the dead-letter topic ${topic}: ${u.reason}`);
  const i = ctx.progress.warnings.findIndex((w) => DEAD_LETTER_WARNING.test(w));
  const before = i < 0 ? 0 : Number(ctx.progress.warnings[i]!.replace(/[^\d].*$/s, '').replace(/,/g, '')) || 0;
  const total = before + rows.length;
  const last = rows[rows.length - 1]!;
  const text = `${total.toLocaleString('en-US')} change${total === 1 ? '' : 's'} could not be read and went to the dead-letter topic ${topic} (latest: ${last.owner}.${last.table} at SCN ${last.scn}).`;
  if (i < 0) ctx.progress.warnings.push(text);
  else ctx.progress.warnings[i] = text;
}

function events(tx: CommittedTransaction): AsyncIterable<ChangeEvent> | Iterable<ChangeEvent> {
  return tx.events ?? tx.iterate();
}

function toRecord(ctx: PhaseContext, e: ChangeEvent, safeScn: bigint, undecidedWarned: Set<string>): PendingRecord | null {
  const { mapper } = ctx;
  if (e.op === 'DDL') {
    const isTable = e.ddlObjectType === undefined || e.ddlObjectType === 'TABLE';
    const selected = e.table === '' ? mapper.selectsSchema(e.owner) : isTable ? mapper.selects(e.owner, e.table) : mapper.schemaSelection(e.owner)?.all === true;
    if (!selected || !operationAllowed(e, mapper.operations(e.owner, e.table))) return null;
    ctx.log('info', `DDL on ${e.owner}${e.table ? `.${e.table}` : ''} migrated: ${(e.ddl ?? '').slice(0, 200)}`);
    incrementalTables(ctx.progress).count(e);
    return ctx.encoder.encode(ctx.events.map(e), safeScn);
  }
  if (!mapper.selects(e.owner, e.table)) return null;
  if (!operationAllowed(e, mapper.operations(e.owner, e.table))) return null;
  let event: ChangeEvent | null = e;
  const pred = ctx.filters.predicate(e.owner, e.table, e.columns);
  if (pred) {
    const out = filterEvent(e, pred);
    event = out.event;
    if (out.undecided) {
      const k = tableKey(e.owner, e.table);
      if (!undecidedWarned.has(k)) {
        undecidedWarned.add(k);
        const msg = `The row filter of ${k} needs a column that the redo of some changes does not carry; those changes are migrated unfiltered. Enable full supplemental logging for exact filtering: ALTER TABLE ${k} ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;`;
        ctx.progress.warnings.push(msg);
        ctx.log('warn', msg);
      }
    }
  }
  if (event) event = ctx.etl.apply(event);
  if (!event) return null;
  incrementalTables(ctx.progress).count(event);
  return ctx.encoder.encode(ctx.events.map(event), safeScn);
}
