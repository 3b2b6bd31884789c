import type { Scn } from '../../model/scn';
import type { ArchivedLogVolume, RedoLogFile } from '../gateway';
import { LogMissingError, oraError } from '../errors';
import { Op } from '../logminer/operation-codes';
import type { ArchivedLogRow, OnlineLogRow } from '../redo-log-picker';
import type { SimRedoRow } from './tx-redo';

/**
 * The redo of a database: one redo thread per instance (RAC), each with its own online groups,
 * sequence numbers and log writer, archived to one or more destinations. What a real database does
 * that peers get wrong, modelled here:
 *
 * - LGWR timing. A change's redo sits in the instance's log buffer until LGWR writes it: at a
 *   COMMIT on that instance (everything buffered goes, other transactions' rows too), every
 *   3 seconds when there is something to write, before a log switch, or when 1 MB is waiting.
 *   LogMiner reads only written redo, so an SCN that is current now may still have redo to come:
 *     instance 2: UPDATE at SCN 100 (buffered)   instance 1: COMMIT at SCN 105 (written)
 *     → mining [..., 106) now misses SCN 100 for good; V$THREAD.LAST_REDO_CHANGE# of thread 2
 *       (still < 100) is the honest bound.
 * - Threads. Each instance writes its own thread with its own sequences; a consumer merges the
 *   threads' logs by SCN, and a hole in any one thread is a missing log.
 * - Destinations. Each archived log is copied to every archive destination (LOG_ARCHIVE_DEST_n);
 *   only local, VALID ones can be read (V$ARCHIVE_DEST_STATUS), whatever their DEST_ID order.
 * - Incarnations. OPEN RESETLOGS starts a new incarnation: sequences restart at 1 and the old
 *   incarnation's archived logs stay listed in V$ARCHIVED_LOG with their own RESETLOGS_CHANGE#.
 *
 * Example archived log name (destination 1): /u01/app/oracle/fast_recovery_area/SIMDB/archivelog/o1_mf_2_42_sim.arc
 */

export interface ArchiveDestination {
  id: number;
  /** LOCATION=… on this host (true) or a remote service (false). */
  local: boolean;
  status: 'VALID' | 'ERROR';
}

export interface RedoLogOptions {
  dbName: string;
  groups: number;
  /** Switch when the current log holds this many bytes (LogMiner rows are sized by SQL_REDO + 120). */
  logSizeBytes: number;
  archiveLog: boolean;
  /** Purge archived logs older than this many hours of sim time (site purge job); null = never. */
  archiveRetentionHours: number | null;
  /** Memory bound of the simulator: oldest archived logs are purged beyond this total size. */
  archiveMaxBytes: number;
  /** Redo threads, one per instance (default 1). */
  threads?: number;
  destinations?: ArchiveDestination[];
}

/** LGWR writes at least this often when something is buffered. */
export const LGWR_TIMER_MS = 3000;
const LGWR_BUFFER_BYTES = 1024 * 1024;
const ROW_OVERHEAD_BYTES = 120;

interface Segment {
  thread: number;
  sequence: number;
  resetlogsScn: Scn;
  firstScn: Scn;
  nextScn: Scn | null;
  firstTimeMs: number;
  nextTimeMs: number | null;
  rows: SimRedoRow[];
  bytes: number;
  /** SCNs of LogMiner dictionary builds written into this log (V$ARCHIVED_LOG.DICTIONARY_BEGIN). */
  dictionaryBuilds?: Scn[];
}

interface OnlineGroup {
  group: number;
  seg: Segment | null;
  status: 'CURRENT' | 'ACTIVE' | 'INACTIVE' | 'UNUSED';
}

/** One copy of an archived log on one destination (a V$ARCHIVED_LOG row). */
interface ArchivedCopy {
  seg: Segment;
  destId: number;
  deleted: boolean;
}

class RedoThread {
  readonly groups: OnlineGroup[];
  current = 0;
  /** Generated but not yet written by LGWR: invisible to LogMiner. */
  pending: SimRedoRow[] = [];
  pendingBytes = 0;
  lastWriteMs: number;
  /** V$THREAD.LAST_REDO_CHANGE#: the highest SCN this thread has written. */
  lastRedoScn: Scn;
  open = true;

  constructor(
    readonly thread: number,
    groups: number,
    first: Segment,
    nowMs: number,
  ) {
    this.groups = Array.from({ length: groups }, (_, i) => ({ group: (thread - 1) * groups + i + 1, seg: null, status: 'UNUSED' as const }));
    this.groups[0]!.seg = first;
    this.groups[0]!.status = 'CURRENT';
    this.lastWriteMs = nowMs;
    this.lastRedoScn = first.firstScn;
  }

  get currentSeg(): Segment {
    return this.groups[this.current]!.seg!;
  }
}

export class RedoLogs {
  private readonly threads: RedoThread[];
  private readonly archived: ArchivedCopy[] = [];
  private archivedBytes = 0;
  private destinations: ArchiveDestination[];
  /** RESETLOGS_CHANGE# of the current incarnation. */
  private resetlogsScn: Scn;

  constructor(
    private opts: RedoLogOptions,
    startScn: Scn,
    private readonly clock: { nowMs(): number; nextScn(): Scn },
  ) {
    this.resetlogsScn = startScn;
    this.destinations = opts.destinations ?? [{ id: 1, local: true, status: 'VALID' }];
    const now = clock.nowMs();
    this.threads = Array.from({ length: Math.max(1, opts.threads ?? 1) }, (_, i) => new RedoThread(i + 1, opts.groups, this.newSegment(i + 1, 1, startScn, now), now));
  }

  // ── settings ─────────────────────────────────────────────────────────────────────────────
  setArchiveLog(on: boolean): void {
    this.opts = { ...this.opts, archiveLog: on };
  }

  setRetentionHours(hours: number | null): void {
    this.opts = { ...this.opts, archiveRetentionHours: hours };
  }

  get archiveLog(): boolean {
    return this.opts.archiveLog;
  }

  get retentionHours(): number | null {
    return this.opts.archiveRetentionHours;
  }

  /** V$ARCHIVE_DEST_STATUS changes (a destination's disk fails: ERROR). */
  setDestinationStatus(id: number, status: ArchiveDestination['status']): void {
    this.destinations = this.destinations.map((d) => (d.id === id ? { ...d, status } : d));
  }

  get currentResetlogsScn(): Scn {
    return this.resetlogsScn;
  }

  private thread(n: number): RedoThread {
    const t = this.threads[n - 1];
    if (!t) throw oraError('ORA-00313', `open failed for members of log thread ${n}`, { hint: `The database has ${this.threads.length} redo thread(s).` });
    return t;
  }

  private newSegment(thread: number, sequence: number, firstScn: Scn, nowMs: number): Segment {
    return { thread, sequence, resetlogsScn: this.resetlogsScn, firstScn, nextScn: null, firstTimeMs: nowMs, nextTimeMs: null, rows: [], bytes: 0 };
  }

  // ── writing ──────────────────────────────────────────────────────────────────────────────
  /**
   * One redo record's rows, generated on `thread` (never split across logs). They wait in the log
   * buffer; a COMMIT row makes LGWR write the whole buffer at once, as a committing session waits
   * for it to.
   */
  append(thread: number, rows: SimRedoRow[]): void {
    const t = this.thread(thread);
    this.tick();
    for (const row of rows) {
      t.pending.push(row);
      t.pendingBytes += ROW_OVERHEAD_BYTES + (row.sqlRedo?.length ?? 0);
    }
    if (rows.some((r) => r.operationCode === Op.COMMIT) || t.pendingBytes >= LGWR_BUFFER_BYTES) this.write(t);
  }

  /** LGWR of one instance writes its buffer now (a commit, the flush table, a log switch). */
  flush(thread: number): void {
    this.write(this.thread(thread));
  }

  /** LGWR's 3-second timer, on every instance: called wherever time may have passed. */
  tick(): void {
    const now = this.clock.nowMs();
    for (const t of this.threads) if (t.pending.length > 0 && now - t.lastWriteMs >= LGWR_TIMER_MS) this.write(t);
  }

  private write(t: RedoThread): void {
    t.lastWriteMs = this.clock.nowMs();
    if (t.pending.length === 0) return;
    const rows = t.pending;
    t.pending = [];
    t.pendingBytes = 0;
    // One write goes into the CURRENT log whole; a log it filled switches afterwards, so a log never
    // holds an SCN below its FIRST_CHANGE# (the switch SCN is newer than anything written).
    const seg = t.currentSeg;
    let prev: SimRedoRow | null = null;
    for (const row of rows) {
      const n = seg.rows.length;
      // CSF continuation pieces belong to the same redo record: same RS_ID, SSN tells them apart.
      row.rsId = prev?.csf === 1 ? prev.rsId : ` 0x${hex(seg.sequence, 6)}.${hex(2 + (n >>> 4), 8)}.${hex(16 + (n & 15) * 16, 4)} `;
      seg.rows.push(row);
      seg.bytes += ROW_OVERHEAD_BYTES + (row.sqlRedo?.length ?? 0);
      if (row.scn > t.lastRedoScn) t.lastRedoScn = row.scn;
      prev = row;
    }
    if (seg.bytes >= this.opts.logSizeBytes) this.switchThread(t, this.clock.nextScn());
  }

  /** ALTER SYSTEM SWITCH LOGFILE on one instance (`thread`), or ARCHIVE LOG CURRENT on all. */
  switchLogfile(thread?: number): void {
    for (const t of thread === undefined ? this.threads : [this.thread(thread)]) {
      this.write(t);
      this.switchThread(t, this.clock.nextScn());
    }
  }

  private switchThread(t: RedoThread, scn: Scn): void {
    const now = this.clock.nowMs();
    const old = t.currentSeg;
    old.nextScn = scn;
    old.nextTimeMs = now;
    if (scn > t.lastRedoScn) t.lastRedoScn = scn;
    for (const g of t.groups) if (g.status === 'ACTIVE') g.status = 'INACTIVE';
    t.groups[t.current]!.status = 'ACTIVE';
    if (this.opts.archiveLog) {
      for (const d of this.destinations) this.archived.push({ seg: old, destId: d.id, deleted: false });
      this.archivedBytes += old.bytes;
    }
    t.current = (t.current + 1) % t.groups.length;
    const g = t.groups[t.current]!;
    g.seg = this.newSegment(t.thread, old.sequence + 1, scn, now);
    g.status = 'CURRENT';
    this.enforceRetention(now);
  }

  /**
   * ALTER DATABASE OPEN RESETLOGS at `scn`: a new incarnation. Online logs are cleared and every
   * thread starts again at sequence 1; archived logs of the old incarnation stay listed.
   */
  openResetlogs(scn: Scn): void {
    const now = this.clock.nowMs();
    this.resetlogsScn = scn;
    for (const t of this.threads) {
      t.pending = [];
      t.pendingBytes = 0;
      for (const g of t.groups) {
        g.seg = null;
        g.status = 'UNUSED';
      }
      t.current = 0;
      t.groups[0]!.seg = this.newSegment(t.thread, 1, scn, now);
      t.groups[0]!.status = 'CURRENT';
      t.lastRedoScn = scn;
    }
  }

  /** SHUTDOWN of an instance: its thread is written out and CLOSED (it no longer holds mining back). */
  closeThread(thread: number): void {
    const t = this.thread(thread);
    this.write(t);
    t.open = false;
  }

  /** A dictionary build (DBMS_LOGMNR_D.BUILD) at `scn`: written at once in thread 1's CURRENT log. */
  markDictionaryBuild(scn: Scn): void {
    const t = this.thread(1);
    this.write(t);
    (t.currentSeg.dictionaryBuilds ??= []).push(scn);
  }

  /** V$ARCHIVED_LOG rows of this incarnation begun at or after `sinceMs`, one copy per log (the first destination's). */
  archivedVolume(sinceMs: number): ArchivedLogVolume[] {
    const seen = new Set<Segment>();
    const out: ArchivedLogVolume[] = [];
    for (const a of this.archived) {
      const s = a.seg;
      if (seen.has(s) || s.resetlogsScn !== this.resetlogsScn || s.firstTimeMs < sinceMs || s.nextTimeMs === null) continue;
      seen.add(s);
      out.push({ thread: s.thread, sequence: s.sequence, firstTimeMs: s.firstTimeMs, nextTimeMs: s.nextTimeMs, bytes: s.bytes });
    }
    return out;
  }

  // ── purging ──────────────────────────────────────────────────────────────────────────────
  /** RMAN DELETE ARCHIVELOG UNTIL SEQUENCE (thread 1 by default): the rows stay, DELETED = YES. */
  purgeArchived(beforeSequence: number, thread = 1): number {
    let n = 0;
    for (const a of this.archived) {
      if (a.deleted || a.seg.thread !== thread || a.seg.resetlogsScn !== this.resetlogsScn || a.seg.sequence >= beforeSequence) continue;
      this.delete(a);
      n++;
    }
    return n;
  }

  /** Someone removed one archived log file (every copy of it). */
  purgeSequence(sequence: number, thread = 1): boolean {
    let hit = false;
    for (const a of this.archived) {
      if (a.deleted || a.seg.thread !== thread || a.seg.sequence !== sequence || a.seg.resetlogsScn !== this.resetlogsScn) continue;
      this.delete(a);
      hit = true;
    }
    return hit;
  }

  private delete(a: ArchivedCopy): void {
    a.deleted = true;
    if (!this.archived.some((x) => x.seg === a.seg && !x.deleted)) {
      this.archivedBytes -= a.seg.bytes;
      a.seg.rows = []; // the file is gone; the V$ARCHIVED_LOG row stays
    }
  }

  enforceRetention(nowMs: number): void {
    const hours = this.opts.archiveRetentionHours;
    for (const a of this.archived) {
      if (a.deleted) continue;
      const expired = hours !== null && (a.seg.nextTimeMs ?? nowMs) < nowMs - hours * 3_600_000;
      if (!expired && this.archivedBytes <= this.opts.archiveMaxBytes) break;
      for (const copy of this.archived) if (copy.seg === a.seg && !copy.deleted) this.delete(copy);
    }
  }

  // ── the V$ views ─────────────────────────────────────────────────────────────────────────
  currentSequence(thread = 1): number {
    this.tick();
    return this.thread(thread).currentSeg.sequence;
  }

  /** FIRST_CHANGE# of the CURRENT log of a thread. */
  currentFirstScn(thread = 1): Scn {
    return this.thread(thread).currentSeg.firstScn;
  }

  /** V$THREAD: each thread's status and LAST_REDO_CHANGE#. */
  threadsState(): { thread: number; open: boolean; lastRedoScn: Scn; sequence: number }[] {
    this.tick();
    return this.threads.map((t) => ({ thread: t.thread, open: t.open, lastRedoScn: t.lastRedoScn, sequence: t.currentSeg.sequence }));
  }

  private archivedName(seg: Segment, destId: number): string {
    const dest = this.destinations.find((d) => d.id === destId);
    const inc = seg.resetlogsScn === this.resetlogsScn ? '' : `_r${seg.resetlogsScn}`;
    if (destId === 1 && dest?.local !== false) return `/u01/app/oracle/fast_recovery_area/${this.opts.dbName}/archivelog/o1_mf_${seg.thread}_${seg.sequence}${inc}_sim.arc`;
    return dest?.local === false ? `standby_${destId}:/arch/${seg.thread}_${seg.sequence}${inc}.arc` : `/u0${destId}/arch/${seg.thread}_${seg.sequence}${inc}.arc`;
  }

  /** V$ARCHIVED_LOG (deleted rows included) joined with V$ARCHIVE_DEST_STATUS, as log-files.ts reads it. */
  archivedLogRows(): ArchivedLogRow[] {
    return this.archived.map((a) => {
      const dest = this.destinations.find((d) => d.id === a.destId);
      return {
        name: a.deleted ? null : this.archivedName(a.seg, a.destId),
        thread: a.seg.thread,
        sequence: a.seg.sequence,
        firstScn: a.seg.firstScn,
        nextScn: a.seg.nextScn!,
        firstTimeMs: a.seg.firstTimeMs,
        nextTimeMs: a.seg.nextTimeMs,
        destId: a.destId,
        deleted: a.deleted,
        status: a.deleted ? 'D' : 'A',
        resetlogsScn: a.seg.resetlogsScn,
        localValid: dest?.local === true && dest.status === 'VALID',
      };
    });
  }

  /** V$LOG + V$LOGFILE (one member per group). */
  onlineLogRows(): OnlineLogRow[] {
    const out: OnlineLogRow[] = [];
    for (const t of this.threads) {
      for (const g of t.groups) {
        if (!g.seg || g.status === 'UNUSED') continue;
        out.push({ member: this.onlineName(g), thread: t.thread, sequence: g.seg.sequence, firstScn: g.seg.firstScn, nextScn: g.seg.nextScn, status: g.status, firstTimeMs: g.seg.firstTimeMs });
      }
    }
    return out;
  }

  private onlineName(g: OnlineGroup): string {
    return `/u01/app/oracle/oradata/${this.opts.dbName}/redo${String(g.group).padStart(2, '0')}.log`;
  }

  /** Resolves a file handed to ADD_LOGFILE to its content, as LogMiner opens it (written redo only). */
  open(file: RedoLogFile): SimRedoRow[] {
    this.tick();
    if (file.kind === 'ARCHIVED') {
      const copy = this.archived.find((a) => !a.deleted && this.archivedName(a.seg, a.destId) === file.name);
      const dest = copy && this.destinations.find((d) => d.id === copy.destId);
      if (!copy || !dest || !dest.local || dest.status !== 'VALID') {
        throw new LogMissingError({ scn: file.firstScn, thread: file.thread, sequence: file.sequence, detail: `ORA-00308: cannot open archived log '${file.name}'` });
      }
      return copy.seg.rows;
    }
    const t = this.thread(file.thread);
    const g = t.groups.find((x) => x.seg?.sequence === file.sequence && this.onlineName(x) === file.name);
    if (g) return g.seg!.rows;
    if (this.archived.some((a) => a.seg.thread === file.thread && a.seg.sequence === file.sequence)) {
      // The online group was reused after archiving: LogMiner reports the sequence mismatch; re-list the logs.
      throw oraError('ORA-00310', `archived log contains sequence ${file.sequence + t.groups.length}; sequence ${file.sequence} required`, {
        retriable: true,
        hint: 'The online log was switched and reused while mining; list the log files again and retry.',
      });
    }
    throw new LogMissingError({ scn: file.firstScn, thread: file.thread, sequence: file.sequence, detail: 'online log was overwritten (NOARCHIVELOG)' });
  }

  /** Latest dictionary build at or before `scn` in an archived log still on disk, or null (only V$ARCHIVED_LOG says DICTIONARY_BEGIN). */
  dictionaryBuildAtOrBefore(scn: Scn): Scn | null {
    let best: Scn | null = null;
    for (const a of this.archived) {
      if (a.deleted || a.seg.resetlogsScn !== this.resetlogsScn) continue;
      for (const b of a.seg.dictionaryBuilds ?? []) if (b <= scn && (best === null || b > best)) best = b;
    }
    return best;
  }
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Index of the first row with scn >= target (rows are in SCN order within a log). */
export function firstRowAtOrAfter(rows: readonly { scn: Scn }[], target: Scn): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.scn < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
