import type { Clock } from '../clock';
import type { CommitTarget, PendingRecord, TaskCheckpoint } from '../../model/pending-record';

/**
 * Batches records into transactions. Producers (phase workers) `append` records and update their
 * position in the same synchronous step; the commit loop takes everything buffered *and* the
 * position at one instant, so a checkpoint always names exactly the records committed with it.
 * While one transaction is in flight the next batch fills (bounded by `maxBufferedBytes`:
 * `ready()` waits), which keeps Kafka busy without unbounded memory.
 *
 *   await pipeline.ready();                 // back-pressure
 *   pipeline.append(records);               // no await between these two lines …
 *   tablePosition.lastKey = chunk.lastKey;  // … so the position matches the buffer
 *
 * A batch leaves when it holds `maxRecords` or `maxBytes`, when its oldest record waited `lingerMs`,
 * or on `flush()`. A failed commit stops the pipeline; every later call throws that error, and
 * the task resumes from the last committed checkpoint. After close() or abandon() every call throws
 * too: a phase still on its way out must not wait for a commit no loop will make.
 */
export interface PipelineOptions {
  clock: Clock;
  maxRecords?: number;
  maxBytes?: number;
  lingerMs?: number;
  maxBufferedBytes?: number;
}

export interface CommittedBatch {
  records: readonly PendingRecord[];
  bytes: number;
  checkpoint: TaskCheckpoint;
  committedAtMs: number;
}

export class CommitPipeline {
  private buffer: PendingRecord[] = [];
  private bufferBytes = 0;
  private oldestAt: number | null = null;
  private inFlightBytes = 0;
  private failure: Error | null = null;
  private closed = false;
  /** Set by close() and abandon(): the commit loop ends, so a later append, flush or wait could never be settled. */
  private stopped: Error | null = null;
  private dirty = false;
  /** Records appended / taken into a commit / committed, since the start. */
  private appended = 0;
  private taken = 0;
  private committed = 0;
  private commits = 0;
  /** Flush wants every record up to this count committed. */
  private flushTo = 0;
  /** Flush wants a commit numbered above this even without records (dirty position). */
  private flushCommitAfter = -1;
  private wakeLoop: (() => void) | null = null;
  private readyWaiters: (() => void)[] = [];
  private flushWaiters: { records: number; commitAfter: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private readonly loop: Promise<void>;
  private readonly limits: Required<Omit<PipelineOptions, 'clock'>>;

  constructor(
    private readonly target: CommitTarget,
    private readonly checkpointNow: () => TaskCheckpoint,
    private readonly onCommitted: (b: CommittedBatch) => void,
    private readonly opts: PipelineOptions,
  ) {
    this.limits = {
      maxRecords: opts.maxRecords ?? 20_000,
      maxBytes: opts.maxBytes ?? 8 * 1024 * 1024,
      lingerMs: opts.lingerMs ?? 100,
      maxBufferedBytes: opts.maxBufferedBytes ?? 32 * 1024 * 1024,
    };
    this.loop = this.run();
    this.loop.catch(() => undefined);
  }

  get error(): Error | null {
    return this.failure;
  }

  /** Records appended but not yet committed. */
  get pendingRecords(): number {
    return this.appended - this.committed;
  }

  /** Resolves when there is room for more records. */
  async ready(): Promise<void> {
    if (!this.failure && this.bufferBytes + this.inFlightBytes >= this.limits.maxBufferedBytes) {
      const from = this.opts.clock.now();
      this.backPressure.waits++;
      while (!this.failure && !this.stopped && this.bufferBytes + this.inFlightBytes >= this.limits.maxBufferedBytes) {
        await new Promise<void>((r) => this.readyWaiters.push(r));
      }
      this.backPressure.waitedMs += this.opts.clock.now() - from;
    }
    if (this.failure) throw this.failure;
    if (this.stopped) throw this.stopped;
  }

  /** Kafka back-pressure so far: calls to ready() that had to wait for acknowledgements, and how long. */
  readonly backPressure = { waits: 0, waitedMs: 0 };

  append(records: readonly PendingRecord[]): void {
    if (this.failure) throw this.failure;
    if (this.stopped) throw this.stopped;
    if (records.length === 0) return;
    this.oldestAt ??= this.opts.clock.now();
    for (const r of records) {
      this.buffer.push(r);
      this.bufferBytes += r.bytes;
    }
    this.appended += records.length;
    if (this.buffer.length >= this.limits.maxRecords || this.bufferBytes >= this.limits.maxBytes) this.wake();
    else if (this.buffer.length === records.length) this.wake(); // first records: start the linger timer
  }

  /** The position moved without new records (e.g. mining passed idle SCNs): the next flush commits it. */
  markDirty(): void {
    this.dirty = true;
  }

  /** Commits everything appended so far (or, with none pending, a dirty position) and waits for it. */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stopped) throw this.stopped;
    const records = this.appended;
    const commitAfter = records === this.committed && this.dirty ? this.commits : -1;
    if (records === this.committed && commitAfter < 0) return;
    this.flushTo = Math.max(this.flushTo, records);
    if (commitAfter >= 0) this.flushCommitAfter = Math.max(this.flushCommitAfter, commitAfter);
    await new Promise<void>((resolve, reject) => {
      this.flushWaiters.push({ records, commitAfter, resolve, reject });
      this.wake();
    });
  }

  /** Flushes, then stops the loop. */
  async close(): Promise<void> {
    if (!this.failure) await this.flush();
    this.closed = true;
    this.stopped ??= new Error('The commit pipeline was stopped: nothing more is committed.');
    this.wake();
    await this.loop;
    if (this.failure) throw this.failure;
  }

  /** Stops without committing what is buffered (stop, release, or after an error elsewhere). */
  async abandon(): Promise<void> {
    this.closed = true;
    this.stopped ??= new Error('The commit pipeline was stopped: nothing more is committed.');
    this.buffer = [];
    this.bufferBytes = 0;
    this.wake();
    await this.loop.catch(() => undefined);
    for (const w of this.flushWaiters.splice(0)) w.reject(this.stopped);
    this.releaseReady();
  }

  private wake(): void {
    const w = this.wakeLoop;
    this.wakeLoop = null;
    w?.();
  }

  private due(): boolean {
    if (this.buffer.length === 0) return this.dirty && this.flushCommitAfter >= this.commits;
    if (this.flushTo > this.taken || this.closed) return true;
    if (this.buffer.length >= this.limits.maxRecords || this.bufferBytes >= this.limits.maxBytes) return true;
    return this.oldestAt !== null && this.opts.clock.now() - this.oldestAt >= this.limits.lingerMs;
  }

  private async run(): Promise<void> {
    while (!this.failure) {
      if (!this.due()) {
        if (this.closed) return;
        const waitMs = this.oldestAt === null ? null : Math.max(1, this.limits.lingerMs - (this.opts.clock.now() - this.oldestAt));
        const ctl = new AbortController();
        await Promise.race([
          new Promise<void>((r) => (this.wakeLoop = r)),
          waitMs === null ? new Promise<void>(() => undefined) : this.opts.clock.sleep(waitMs, ctl.signal).catch(() => undefined),
        ]);
        this.wakeLoop = null;
        ctl.abort();
        continue;
      }
      const records = this.buffer;
      const bytes = this.bufferBytes;
      const checkpoint = this.checkpointNow();
      this.buffer = [];
      this.bufferBytes = 0;
      this.oldestAt = null;
      this.dirty = false;
      this.taken += records.length;
      this.inFlightBytes = bytes;
      this.releaseReady();
      try {
        await this.target.commit(records, checkpoint);
      } catch (e) {
        this.fail(e instanceof Error ? e : new Error(String(e)));
        return;
      } finally {
        this.inFlightBytes = 0;
      }
      this.committed += records.length;
      this.commits++;
      this.releaseReady();
      this.onCommitted({ records, bytes, checkpoint, committedAtMs: this.opts.clock.now() });
      this.flushWaiters = this.flushWaiters.filter((w) => {
        const done = this.committed >= w.records && this.commits > w.commitAfter;
        if (done) w.resolve();
        return !done;
      });
    }
  }

  private releaseReady(): void {
    for (const w of this.readyWaiters.splice(0)) w();
  }

  private fail(e: Error): void {
    this.failure = e;
    this.releaseReady();
    for (const w of this.flushWaiters.splice(0)) w.reject(e);
  }
}
