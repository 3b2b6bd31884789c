import { initEvent, type ChangeEvent } from '../../model/change-event';
import type { IncrementalPosition, StreamingSnapshotPosition } from '../../model/checkpoint-positions';
import { decodeKey, encodeKey } from '../../model/checkpoint-value-codec';
import { EngineError } from '../../model/errors';
import { compareKeys } from '../../model/key-order';
import type { ColumnMeta, ColumnValue, TableMeta } from '../../model/oracle-types';
import type { PendingRecord } from '../../model/pending-record';
import { parseScn } from '../../model/scn';
import { pagingKey } from '../../oracle/snapshot';
import type { PhaseContext } from '../phase-context';
import type { PhaseThrottle } from '../throttle/phase-throttle';
import { fullTables } from './table-progress';

/**
 * Tables read while incremental migration runs (a table added by Modify Objects, or one re-read on
 * request): keyset chunks, each read AS OF the stream's position C at the moment it is written and
 * appended there as INIT records, so Kafka holds each row once and then its changes, in key order:
 *
 *   stream …tx(commit 5013000) | chunk 1 of HR.JOB_HISTORY AS OF 5013000 (keys ≤ 180) | tx(5013007)…
 *
 * A change of an added table is written only when its row is already covered: its key is at or
 * below a chunk read AS OF an SCN before the change committed. A change of a row in a chunk read at
 * or after its commit is in that chunk already (dropped); a change of a row beyond the last chunk
 * read will be in a later chunk (dropped). An UPDATE is written when either its old or its new key
 * is covered (moving a row into the covered range must reach Kafka). A re-read table (mode
 * "reread") was streaming all along, so only the first rule applies: beyond the chunks read its
 * changes go on, and the chunk that reads the row later restates it (INIT replaces the row). Transactions open across a chunk
 * read are invisible to it (AS OF sees only committed rows) and commit after C, so they are written.
 *
 * The state travels in the incremental checkpoint (StreamingSnapshotPosition) with every Kafka
 * transaction, so a crash resumes after the last committed chunk with the same decisions.
 * Chunks whose SCN the stream has passed merge into `streamingUpTo`, keeping the state small.
 */
export class StreamingSnapshots {
  private entries: StreamingSnapshotPosition[] = [];
  private done: string[] = [];
  private readonly metas = new Map<string, { meta: TableMeta; keyColumns: ColumnMeta[] }>();
  /** Key column positions per column list (one list per table version). */
  private readonly keyIndex = new WeakMap<readonly ColumnMeta[], number[] | null>();

  constructor(
    private readonly ctx: PhaseContext,
    private readonly throttle: PhaseThrottle,
  ) {}

  /** Loads the checkpoint's state and starts the requests of the task's config not done yet. */
  async init(pos: IncrementalPosition): Promise<void> {
    this.entries = structuredClone(pos.snapshots ?? []);
    // Only the ids the configuration still lists matter (it keeps the newest requests).
    const listed = new Set(this.ctx.config.snapshots.map((r) => r.id));
    this.done = (pos.snapshotsDone ?? []).filter((id) => listed.has(id));
    const finished = new Set(this.done);
    for (const request of this.ctx.config.snapshots) {
      if (finished.has(request.id)) continue;
      for (const table of request.tables) {
        if (this.entries.some((e) => e.request === request.id && e.table === table)) continue;
        const [owner, name] = splitTable(table);
        if (!this.ctx.mapper.selects(owner, name)) {
          this.ctx.log('warn', `Snapshot request ${request.id}: ${table} is not among the task's objects; it is not read.`);
          continue;
        }
        const meta = await this.ctx.gateway.describeTable(owner, name);
        const key = pagingKey(meta);
        if (key[0] === 'ROWID') {
          throw new EngineError('SNAPSHOT_NEEDS_KEY', `${table} has no primary key or NOT NULL unique key, so it cannot be read while the stream runs.`, {
            hint: 'Add a primary key to the table, or migrate it with a new task (a full load reads keyless tables by ROWID range).',
          });
        }
        this.entries.push({ request: request.id, mode: request.mode, table, keyColumns: key, streamingUpTo: null, chunks: [], rows: 0, done: false });
        this.ctx.log('info', `Reading ${table} while incremental migration runs (request ${request.id}), in chunks of ${this.ctx.config.advanced.chunkSize.toLocaleString('en-US')} rows.`);
      }
      if (!this.entries.some((e) => e.request === request.id)) this.done.push(request.id);
    }
    for (const e of this.entries) {
      const [owner, name] = splitTable(e.table);
      const meta = await this.ctx.gateway.describeTable(owner, name);
      this.metas.set(e.table, { meta, keyColumns: e.keyColumns.map((k) => meta.columns.find((c) => c.name === k)!) });
      Object.assign(fullTables(this.ctx.progress).entry(e.table), { status: e.done ? 'Done' : 'Waiting', rowsDone: e.rows, rowsEstimate: Math.max(e.rows, meta.rowCountEstimate ?? 0) });
    }
  }

  /** A table is still being read (a chunk is due). */
  get reading(): boolean {
    return this.entries.some((e) => !e.done);
  }

  /** Whether a change of a table under snapshot may be written now (see the class comment). */
  admits(e: ChangeEvent): boolean {
    if (this.entries.length === 0 || e.op === 'DDL') return true;
    const name = `${e.owner}.${e.table}`;
    for (const s of this.entries) {
      if (s.table !== name) continue;
      const commit = e.commitScn;
      const before = e.op === 'INSERT' ? null : this.keyOf(s, e.columns, e.before);
      const after = e.op === 'DELETE' ? null : this.keyOf(s, e.columns, e.after);
      const covered = (key: ColumnValue[] | undefined | null) => key !== null && (key === undefined || this.covers(s, key, commit));
      if (!(covered(before) || covered(after))) return false;
    }
    return true;
  }

  /**
   * The position to checkpoint, with this state as of now (a copy: the pipeline commits it later,
   * and the state moves on). Chunks the stream has passed merge first.
   */
  attach(pos: IncrementalPosition): IncrementalPosition {
    if (pos.lastCommitScn !== null) this.compact(parseScn(pos.lastCommitScn));
    const { snapshots: _s, snapshotsDone: _d, ...bare } = pos;
    return {
      ...bare,
      ...(this.entries.length > 0 ? { snapshots: structuredClone(this.entries) } : {}),
      ...(this.done.length > 0 ? { snapshotsDone: [...this.done] } : {}),
    };
  }

  /**
   * Reads and appends the next chunk of the first table still being read, AS OF the position of
   * everything appended so far. Only between whole transactions (no partial position).
   */
  async step(): Promise<void> {
    const ctx = this.ctx;
    const s = this.entries.find((e) => !e.done);
    const pos = ctx.checkpoint.incremental!;
    if (!s || pos.partial !== null || pos.lastCommitScn === null) return;
    const { meta, keyColumns } = this.metas.get(s.table)!;
    const scn = parseScn(pos.lastCommitScn);
    const last = s.chunks.length > 0 ? s.chunks[s.chunks.length - 1]!.lastKey : s.streamingUpTo;
    const filter = ctx.filters.expr(meta.owner, meta.name, meta.columns) ?? undefined;
    const limit = ctx.config.advanced.chunkSize;
    const progress = fullTables(ctx.progress).entry(s.table);
    progress.status = 'Reading';
    await this.throttle.query(ctx.gate.signal);
    const chunk = await ctx.gateway.readChunk({ owner: meta.owner, table: meta.name, scn, keyColumns: s.keyColumns, afterKey: decodeKey(last), limit, ...(filter ? { filter } : {}) });
    const now = ctx.clock.now();
    const safeScn = parseScn(pos.restartScn);
    const records: PendingRecord[] = [];
    let bytes = 0;
    let read = 0;
    for (const row of chunk.rows) {
      read++;
      const event = initEvent(meta, row, scn, s.rows + read, now);
      // Configure ETL, as for the full load: the script may drop the row or change its columns.
      const out = ctx.etl.apply(event);
      if (!out) continue;
      const r = ctx.encoder.encode(ctx.events.map(out), safeScn, now);
      records.push(r);
      bytes += r.bytes;
    }
    await this.throttle.admit(records.length, bytes, ctx.gate.signal);
    await ctx.pipeline.ready();
    // From here to the position: no await, so the committed checkpoint names exactly these rows.
    const positions = keyColumns.map((c) => meta.columns.indexOf(c));
    const lastRow = chunk.rows[chunk.rows.length - 1];
    const finished = chunk.rows.length < limit;
    // The last chunk covers every key above it too ("end of table", null), read at the same SCN.
    if (lastRow || finished) s.chunks.push({ lastKey: finished ? null : encodeKey(positions.map((i) => lastRow![i] ?? null))!, scn: String(scn) });
    s.rows += chunk.rows.length;
    s.done = finished;
    ctx.pipeline.append(records);
    ctx.checkpoint.incremental = this.attach(pos);
    if (records.length === 0) ctx.pipeline.markDirty();
    Object.assign(progress, { rowsDone: s.rows, rowsEstimate: Math.max(progress.rowsEstimate, s.rows), status: finished ? 'Done' : 'Reading' });
    if (finished) ctx.log('info', `${s.table} was read while incremental migration ran: ${s.rows.toLocaleString('en-US')} rows (request ${s.request}).`);
  }

  /** Merges chunks read before `lastCommitScn` into streamingUpTo; a finished table's last one ends its snapshot. */
  private compact(lastCommitScn: bigint): void {
    for (const s of this.entries) {
      while (s.chunks.length > 0 && parseScn(s.chunks[0]!.scn) < lastCommitScn) {
        const c = s.chunks.shift()!;
        s.streamingUpTo = c.lastKey;
        if (c.lastKey === null) s.chunks = [];
      }
    }
    const before = this.entries.length;
    this.entries = this.entries.filter((s) => !(s.done && s.chunks.length === 0));
    if (this.entries.length === before) return;
    for (const id of new Set(this.ctx.config.snapshots.map((r) => r.id))) {
      if (!this.done.includes(id) && !this.entries.some((e) => e.request === id)) this.done.push(id);
    }
  }

  /** Covered: at or below a chunk read before `commit` (or below everything merged into streamingUpTo). */
  private covers(s: StreamingSnapshotPosition, key: ColumnValue[], commit: bigint): boolean {
    const { keyColumns } = this.metas.get(s.table)!;
    if (s.streamingUpTo !== null && compareKeys(keyColumns, key, decodeKey(s.streamingUpTo)!) <= 0) return true;
    if (s.streamingUpTo === null && s.done && s.chunks.length === 0) return true;
    for (const c of s.chunks) {
      if (c.lastKey === null || compareKeys(keyColumns, key, decodeKey(c.lastKey)!) <= 0) return commit > parseScn(c.scn);
    }
    // Beyond the chunks read: an added table's row is not in Kafka yet (a later chunk brings it);
    // a re-read table's row is, so its change goes on as usual and the later chunk restates it.
    return s.mode === 'reread';
  }

  /** The key values of an image (undefined when a key column is missing from the redo record). */
  private keyOf(s: StreamingSnapshotPosition, columns: readonly ColumnMeta[], image: ChangeEvent['before']): ColumnValue[] | undefined | null {
    if (!image) return null;
    let idx = this.keyIndex.get(columns);
    if (idx === undefined) {
      const found = s.keyColumns.map((k) => columns.findIndex((c) => c.name === k));
      idx = found.some((i) => i < 0) ? null : found;
      this.keyIndex.set(columns, idx);
    }
    if (idx === null) return undefined;
    const key = idx.map((i) => image[i]);
    return key.some((v) => v === undefined) ? undefined : (key as ColumnValue[]);
  }
}

function splitTable(table: string): [string, string] {
  const dot = table.indexOf('.');
  return [table.slice(0, dot), table.slice(dot + 1)];
}
