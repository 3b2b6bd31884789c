import { INSTANCE_CAPS } from '../../model/task-instance-class';
import { initEvent } from '../../model/change-event';
import { EngineError } from '../../model/errors';
import type { TableMeta } from '../../model/oracle-types';
import { parseScn, type Scn } from '../../model/scn';
import { expectedRows, planHandoff, readTableChunks } from '../../oracle/snapshot';
import type { FullPosition, FullTablePosition } from '../../model/checkpoint-positions';
import { decodeKey, encodeKey } from '../../model/checkpoint-value-codec';
import { tableKey, type PhaseContext } from '../phase-context';
import { fullLimits, PhaseThrottle } from '../throttle/phase-throttle';
import type { PendingRecord } from '../../model/pending-record';
import { columnSignature, describeChange, selectedTables } from './table-list';
import { fullTables } from './table-progress';

/**
 * Full migration: every selected table read AS OF the snapshot SCN S (planHandoff), in keyset
 * chunks, `fullParallelism` tables at a time; each row becomes an INIT record. A table's
 * position (last key read) moves together with the records of its chunk, so the checkpoint
 * committed with a Kafka transaction names exactly the rows in it.
 *
 *   S = 5012345: HR.EMPLOYEES chunk 1 (ID 1..10000) → 10,000 INIT records + tables["HR.EMPLOYEES"].lastKey = ["10000"]
 *
 * DDL on a selected table while the full load runs is detected (its columns differ from those
 * recorded at the start or at schema migration) and reported; DTS forbids it during schema and
 * full migration. A full-only task is warned that source writes during the run are not captured.
 */
export async function runFullPhase(ctx: PhaseContext): Promise<void> {
  const pos = await fullPosition(ctx);
  const scn = parseScn(pos.snapshotScn);
  const throttle = new PhaseThrottle(fullLimits(ctx.config.instanceClass, ctx.config.advanced), ctx.clock);
  ctx.observer.useThrottle({ throttle, userThrottle: ctx.config.advanced.fullThrottle.enabled, caps: INSTANCE_CAPS[ctx.config.instanceClass] });
  if (!ctx.config.migrationTypes.incremental && !ctx.progress.warnings.some((w) => w.startsWith('Full migration only'))) {
    const msg = 'Full migration only: writes to the source database while the task runs are not captured. Do not write to the source, or run schema, full and incremental migration together.';
    ctx.progress.warnings.push(msg);
    ctx.log('warn', msg);
  }
  const tables = await selectedTables(ctx);
  const metas = new Map<string, TableMeta>();
  for (const t of tables) {
    const meta = await ctx.gateway.describeTable(t.owner, t.table);
    metas.set(tableKey(t.owner, t.table), meta);
    checkUnchanged(ctx, meta, 'schema migration');
  }
  // Progress: rows expected (statistics, or COUNT(*) AS OF S when filtered or unknown).
  let total = 0;
  let done = 0;
  const perTable = fullTables(ctx.progress);
  for (const meta of metas.values()) {
    const k = tableKey(meta.owner, meta.name);
    const tp = pos.tables[k];
    const expected = tp?.done ? tp.rows : Math.max(tp?.rows ?? 0, await expectedRows(ctx.gateway, meta, scn, ctx.filters.expr(meta.owner, meta.name, meta.columns) ?? undefined));
    total += expected;
    done += tp?.rows ?? 0;
    Object.assign(perTable.entry(k), { status: tp?.done ? 'Done' : 'Waiting', rowsDone: tp?.rows ?? 0, rowsEstimate: expected, error: null });
  }
  ctx.progress.rowsTotal = total;
  ctx.progress.rowsDone = done;
  ctx.progress.objectsTotal = metas.size;
  ctx.progress.objectsDone = [...metas.keys()].filter((k) => pos.tables[k]?.done).length;
  ctx.reportProgress();

  const queue = [...metas.values()].filter((m) => !pos.tables[tableKey(m.owner, m.name)]?.done);
  // Largest first, so the longest table does not start last.
  queue.sort((a, b) => (b.rowCountEstimate ?? 0) - (a.rowCountEstimate ?? 0));
  // The first failure stops the other workers before their next table; all are awaited, so
  // nothing keeps reading or appending after this phase attempt has ended.
  let failure: { error: unknown } | null = null;
  const writer = new WriterTurns();
  const workers = Array.from({ length: Math.min(ctx.config.advanced.fullParallelism, queue.length) }, async () => {
    try {
      for (let meta = queue.shift(); meta && !failure; meta = queue.shift()) await copyTable(ctx, pos, scn, meta, throttle, writer, () => failure !== null);
    } catch (e) {
      failure ??= { error: e };
    }
  });
  await Promise.all(workers);
  if (failure) throw (failure as { error: unknown }).error;
  ctx.pipeline.markDirty();
  await ctx.pipeline.flush();
  // Done: the counts are what was read, not the estimate made at the start.
  ctx.progress.rowsTotal = ctx.progress.rowsDone;
}

async function fullPosition(ctx: PhaseContext): Promise<FullPosition> {
  if (ctx.checkpoint.full) return ctx.checkpoint.full;
  const h = await planHandoff(ctx.gateway);
  const pos: FullPosition = { snapshotScn: String(h.snapshotScn), miningStartScn: String(h.miningStartScn), tables: {} };
  ctx.checkpoint.full = pos;
  ctx.log('info', `Full migration reads every table AS OF SCN ${h.snapshotScn}; ${h.openAtSnapshot.length} transaction(s) were open then, so incremental migration starts mining at SCN ${h.miningStartScn}.`);
  return pos;
}

const HOLD_LOOP_MS = 25;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Chunks are read in parallel, but encoded and appended one at a time, in turn: a record gets its
 * id (DTS Avro `id`) when it is encoded, so a chunk encoded while another waits to be appended
 * would put higher ids ahead of lower ones in a partition. Encoding is CPU work on the one event
 * loop anyway; only the reads overlap.
 */
class WriterTurns {
  private last: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const turn = this.last.then(fn);
    this.last = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }
}

async function copyTable(ctx: PhaseContext, pos: FullPosition, scn: Scn, startMeta: TableMeta, throttle: PhaseThrottle, writer: WriterTurns, cancelled: () => boolean): Promise<void> {
  const k = tableKey(startMeta.owner, startMeta.name);
  const progress = fullTables(ctx.progress).entry(k);
  try {
    progress.status = 'Reading';
    await readTable(ctx, pos, scn, startMeta, throttle, writer, cancelled, k);
    progress.status = 'Done';
    progress.rowsEstimate = progress.rowsDone = pos.tables[k]?.rows ?? progress.rowsDone;
    const filter = ctx.filters.expr(startMeta.owner, startMeta.name, startMeta.columns);
    // What the filter left out, counted at the same SCN: the rows of the table minus those read
    // (plus the rows read that the ETL script's keep conditions dropped, counted while reading).
    if (filter) progress.rowsFilteredOut = (progress.rowsFilteredOut ?? 0) + Math.max(0, (await ctx.gateway.countRows(startMeta.owner, startMeta.name, scn)) - progress.rowsDone);
  } catch (e) {
    if (!(e instanceof EngineError && e.code === 'FULL_LOAD_CANCELLED')) {
      progress.status = 'Failed';
      progress.error = e instanceof Error ? e.message : String(e);
    } else {
      progress.status = 'Waiting';
    }
    throw e;
  }
  ctx.progress.objectsDone++;
  ctx.reportProgress();
}

async function readTable(ctx: PhaseContext, pos: FullPosition, scn: Scn, startMeta: TableMeta, throttle: PhaseThrottle, writer: WriterTurns, cancelled: () => boolean, k: string): Promise<void> {
  const progress = fullTables(ctx.progress).entry(k);
  let meta = startMeta;
  const tp: FullTablePosition = pos.tables[k] ?? { lastKey: null, rows: 0, done: false };
  const filter = ctx.filters.expr(meta.owner, meta.name, meta.columns) ?? undefined;
  const chunks = readTableChunks(ctx.gateway, meta, { scn, chunkSize: ctx.config.advanced.chunkSize, afterKey: decodeKey(tp.lastKey), ...(filter ? { filter } : {}) });
  let ordinal = tp.rows;
  let finished = false;
  while (!finished) finished = await ctx.gate.unit(async () => {
    if (cancelled()) throw new EngineError('FULL_LOAD_CANCELLED', 'Another table of the full load failed.');
    await throttle.query(ctx.gate.signal);
    const next = await chunks.next().catch((e: unknown) => tableChanged(ctx, meta, e));
    if (next.done) return true;
    const chunk = next.value;
    if (chunk.rows.length > 0 && chunk.rows[0]!.length !== meta.columns.length) meta = await columnsChanged(ctx, meta);
    return writer.run(async () => {
      const now = ctx.clock.now();
      const records: PendingRecord[] = [];
      let heldSince = performance.now();
      let bytes = 0;
      for (let i = 0; i < chunk.rows.length; i++) {
        // Let the console's requests (and other tasks) in after ~25 ms of encoding: a 100,000-row
        // chunk would otherwise hold the event loop for most of a second. No position moves here.
        if (i % 1000 === 999 && performance.now() - heldSince >= HOLD_LOOP_MS) {
          await yieldToEventLoop();
          heldSince = performance.now();
        }
        const event = initEvent(meta, chunk.rows[i]!, scn, ++ordinal, now);
        // The ETL script (Configure ETL) may drop the row or change its columns.
        const out = ctx.etl.apply(event);
        if (!out) continue;
        const r = ctx.encoder.encode(ctx.events.map(out), scn, now);
        records.push(r);
        bytes += r.bytes;
      }
      await throttle.admit(records.length, bytes, ctx.gate.signal);
      await ctx.pipeline.ready();
      // From here to the position update: no await, so the pipeline's checkpoint matches its records.
      ctx.pipeline.append(records);
      pos.tables[k] = { lastKey: encodeKey(chunk.lastKey), rows: ordinal, done: chunk.done };
      if (records.length === 0) ctx.pipeline.markDirty();
      // Rows the ETL script's keep conditions dropped (counted by this run: a resumed load counts from where it resumed).
      if (records.length < chunk.rows.length) progress.rowsFilteredOut = (progress.rowsFilteredOut ?? 0) + chunk.rows.length - records.length;
      ctx.progress.rowsDone += chunk.rows.length;
      ctx.progress.bytesDone += bytes;
      progress.rowsDone = ordinal;
      return chunk.done;
    });
  });
  if (!pos.tables[k]) pos.tables[k] = { lastKey: null, rows: 0, done: true };
  pos.tables[k]!.done = true;
  ctx.pipeline.markDirty();
  const after = await ctx.gateway.describeTable(meta.owner, meta.name);
  checkUnchanged(ctx, after, 'full migration', meta);
}

/** ORA-01466: the table's definition changed after the snapshot SCN, so AS OF reads are refused. */
async function tableChanged(ctx: PhaseContext, meta: TableMeta, e: unknown): Promise<never> {
  if ((e as { code?: string }).code !== 'ORA-01466') throw e;
  const now = await ctx.gateway.describeTable(meta.owner, meta.name);
  const change = describeChange(meta.columns, now.columns);
  report(ctx, meta.owner, meta.name, 'full migration', change);
  throw new EngineError('DDL_DURING_FULL_LOAD', `A DDL changed ${meta.owner}.${meta.name} during full migration (${change}); its rows can no longer be read as of the snapshot SCN.`, {
    cause: e,
    hint: 'DTS forbids DDL on migrated tables during schema and full migration. Wait until the DDL work is done, then create the task again (a new full migration).',
  });
}

/** Rows no longer match the columns: a DDL changed the table while it was being read. */
async function columnsChanged(ctx: PhaseContext, meta: TableMeta): Promise<TableMeta> {
  const now = await ctx.gateway.describeTable(meta.owner, meta.name);
  report(ctx, meta.owner, meta.name, 'full migration', describeChange(meta.columns, now.columns));
  if (now.columns.length === meta.columns.length) {
    throw new EngineError('DDL_DURING_FULL_LOAD', `The rows of ${meta.owner}.${meta.name} no longer match its columns: a DDL changed the table during full migration.`, {
      hint: 'DTS forbids DDL on migrated tables during schema and full migration. Restart the task from scratch after the DDL is done.',
    });
  }
  return now;
}

function checkUnchanged(ctx: PhaseContext, meta: TableMeta, during: string, before?: TableMeta): void {
  const k = tableKey(meta.owner, meta.name);
  const known = before ? before.columns.map((c) => c.name) : ctx.tableColumns.get(k);
  const sig = columnSignature(meta.columns);
  if (before && columnSignature(before.columns) !== sig) report(ctx, meta.owner, meta.name, during, describeChange(before.columns, meta.columns));
  else if (!before && known && known.join(',') !== meta.columns.map((c) => c.name).join(',')) report(ctx, meta.owner, meta.name, during, `columns were ${known.join(', ')}, now ${meta.columns.map((c) => c.name).join(', ')}`);
  ctx.tableColumns.set(k, meta.columns.map((c) => c.name));
}

function report(ctx: PhaseContext, owner: string, table: string, during: string, change: string): void {
  const msg = `DDL on ${owner}.${table} detected during ${during} (${change}). DTS forbids DDL on migrated objects during schema and full migration: the rows of this table in Kafka may not match its new definition.`;
  if (ctx.progress.warnings.includes(msg)) return;
  ctx.progress.warnings.push(msg);
  ctx.log('error', msg);
}
